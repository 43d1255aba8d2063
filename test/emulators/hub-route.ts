// The route table's types and the Hub's error shape, shared by hub.ts and its feature modules (hub-spaces.ts,
// hub-repo.ts) so that none of them imports hub.ts back.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface HubRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  params: string[];
  headers: IncomingMessage['headers'];
  /** The bearer token when it is valid, null without one; invalid tokens never reach a route. */
  token: string | null;
  /** Parsed JSON body; the raw text when it is not JSON; undefined when empty. */
  body: unknown;
  raw: Buffer;
  /** The emulator's base URL, for absolute links (`Link`, LFS upload hrefs). */
  baseUrl: string;
  /** Adds to the file-content byte count of this request's log entry. */
  countContent(bytes: number): void;
}

export interface HubResponse {
  status: number;
  /** JSON-encoded unless `raw` is given. */
  body?: unknown;
  raw?: Buffer | string;
  headers?: Record<string, string>;
  /** Takes over the response (SSE and other streams); `status`/`headers` are still written first. */
  stream?: (res: ServerResponse) => Promise<void>;
}

export interface HubRoute {
  /** Short route name used in the request log. */
  name?: string;
  method: string;
  pattern: RegExp;
  handle(request: HubRequest): HubResponse | Promise<HubResponse>;
}

export function hubError(status: number, message: string, code?: string): HubResponse {
  return {
    status,
    body: { error: message },
    headers: { 'x-error-message': message, ...(code ? { 'x-error-code': code } : {}) },
  };
}
