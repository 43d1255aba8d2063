/**
 * Loopback emulator of the Hugging Face Hub API, following /work/shared/docs/hub-and-gradio-protocols.md §1.1 and
 * §5.1 (which cite huggingface/huggingface_hub's recorded cassettes and `utils/_http.py`):
 * - JSON errors `{"error": "..."}` with `X-Error-Code` / `X-Error-Message` headers;
 * - 401 for a bad token, and for a private or missing repo asked for without one (the Hub hides which);
 * - every request recorded, so tests can assert what was (not) sent.
 * Routes come from feature modules (`hub-spaces.ts` today; commits later) that each add rows to one table.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createSpaceRoutes } from './hub-spaces';
import type { EmulatedSpace, SpaceRegistry } from './hub-spaces';
import { closeServer, listenOnLoopback, readJsonBody } from './http';

export type { EmulatedSpace } from './hub-spaces';

export interface HubEmulatorOptions {
  spaces?: EmulatedSpace[];
  /** Tokens the Hub accepts; by default any token starting with `hf_`. */
  tokens?: string[];
  port?: number;
}

export interface HubRecordedRequest {
  method: string;
  path: string;
  authorization: string | null;
  body: unknown;
  at: number;
}

export interface HubRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  params: string[];
  /** The bearer token when it is valid, null without one; invalid tokens never reach a route. */
  token: string | null;
  body: unknown;
}

export interface HubResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** A server-sent event stream instead of a JSON body (the Space log endpoints). */
  events?: { data: string[]; keepOpen: boolean };
}

export interface HubRoute {
  method: string;
  pattern: RegExp;
  handle(request: HubRequest): HubResponse;
}

export interface HubEmulator extends SpaceRegistry {
  url: string;
  requests: HubRecordedRequest[];
  close(): Promise<void>;
}

export function hubError(status: number, message: string, code?: string): HubResponse {
  return {
    status,
    body: { error: message },
    headers: { 'x-error-message': message, ...(code ? { 'x-error-code': code } : {}) },
  };
}

export async function startHubEmulator(options: HubEmulatorOptions = {}): Promise<HubEmulator> {
  const requests: HubRecordedRequest[] = [];
  const spaces = createSpaceRoutes(options.spaces ?? []);
  const routes: HubRoute[] = [...spaces.routes];
  const isValidToken = (token: string) =>
    options.tokens ? options.tokens.includes(token) : token.startsWith('hf_');

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parsed = new URL(req.url ?? '/', 'http://hub.local');
    const body = req.method === 'GET' ? undefined : await readJsonBody(req);
    const authorization = req.headers.authorization ?? null;
    requests.push({
      method: req.method ?? 'GET',
      path: parsed.pathname,
      authorization,
      body,
      at: Date.now(),
    });

    const token = authorization?.replace(/^Bearer\s+/i, '') ?? null;
    let answer: HubResponse;
    if (token !== null && !isValidToken(token)) {
      answer = hubError(401, 'Invalid credentials in Authorization header');
    } else {
      answer = hubError(404, `Not Found: ${req.method ?? 'GET'} ${parsed.pathname}`);
      for (const route of routes) {
        const match = route.method === req.method ? route.pattern.exec(parsed.pathname) : null;
        if (!match) continue;
        answer = route.handle({
          method: route.method,
          path: parsed.pathname,
          query: parsed.searchParams,
          params: match.slice(1).map((part) => decodeURIComponent(part)),
          token,
          body,
        });
        break;
      }
    }
    if (answer.events) {
      writeEvents(res, answer.events);
      return;
    }
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    res.end(JSON.stringify(answer.body));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    });
  });
  const url = await listenOnLoopback(server, options.port);

  return {
    ...spaces.registry,
    url,
    requests,
    close: () => closeServer(server),
  };
}

/** `data: …` lines as the Hub's log endpoints send them; a following stream stays open like `tail -f`. */
function writeEvents(res: ServerResponse, events: NonNullable<HubResponse['events']>): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const data of events.data) res.write(`data: ${data}\n\n`);
  // closeServer() drops a stream left open.
  if (!events.keepOpen) res.end();
}
