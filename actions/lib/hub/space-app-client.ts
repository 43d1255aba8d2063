import { Client } from '@gradio/client';
import { errorMessage } from '#lib/errors';
import { SpaceAccessError, SpaceConnectError } from './errors';

export interface AppEndpoint {
  /** With its leading slash, e.g. `/summarize`. */
  name: string;
  parameters: string[];
}

/**
 * Messages `@gradio/client` 2.7 uses for failures that may pass (src/constants.ts, src/utils/post_data.ts): it
 * exposes no HTTP status, so the text is all there is to tell a busy or restarting Space from a broken request.
 */
const TRANSIENT_MESSAGES = [
  'This application is currently busy', // 503 from queue/join: queue full
  'Connection errored out', // the SSE stream or a POST failed at the network level
  'Could not parse server response', // a non-JSON answer, i.e. a 5xx page from the server or the Space proxy
  'fetch failed', // connection refused or reset
];

export function isTransientSpaceError(error: unknown): boolean {
  const message = errorMessage(error);
  if (TRANSIENT_MESSAGES.some((prefix) => message.includes(prefix))) return true;
  // "Could not resolve app config. (received status 503 when fetching the app config)"
  return /received status 5\d\d/.test(message);
}

const UNAUTHORIZED = ['received a 401 response', 'Not authorized to access this space'];

/** One connection (one Gradio session) to a Space's app, with a `close()` that really releases it. */
export class SpaceAppClient {
  private constructor(
    private readonly client: Client,
    /**
     * The heartbeat stream's abort handle. @gradio/client 2.7.0 opens that stream when /config says
     * connect_heartbeat, then overwrites its AbortController with the data stream's, so Client.close() never ends
     * it and the Node process never exits.
     */
    private readonly heartbeat: AbortController | null,
  ) {}

  static async connect(url: string, options: { label: string; token?: string }): Promise<SpaceAppClient> {
    let client: Client;
    try {
      client = await Client.connect(url, {
        events: ['data', 'status'],
        ...(options.token ? { token: options.token as `hf_${string}` } : {}),
      });
    } catch (error) {
      const message = errorMessage(error);
      if (UNAUTHORIZED.some((text) => message.includes(text))) {
        throw new SpaceAccessError(options.label, 401, options.token !== undefined);
      }
      if (isTransientSpaceError(error)) throw error;
      throw new SpaceConnectError(options.label, message, { cause: error });
    }
    // The heartbeat stream, if any, is the only stream open right after connecting.
    const heartbeat = client.config?.connect_heartbeat ? client.abort_controller : null;
    return new SpaceAppClient(client, heartbeat);
  }

  endpoints(): AppEndpoint[] {
    const named = this.client.api_info?.named_endpoints;
    if (named) {
      return Object.entries(named).map(([name, info]) => ({
        name,
        parameters: info.parameters.map((parameter) => parameter.parameter_name ?? parameter.label),
      }));
    }
    return (this.client.config?.dependencies ?? [])
      .filter((dependency) => typeof dependency.api_name === 'string' && dependency.api_name !== '')
      .map((dependency) => ({ name: `/${String(dependency.api_name)}`, parameters: [] }));
  }

  /** Calls the endpoint and returns its outputs in order. */
  async predict(endpoint: string, inputs: Record<string, unknown>): Promise<unknown[]> {
    const result = await this.client.predict<unknown[]>(endpoint, inputs);
    return Array.isArray(result?.data) ? result.data : [];
  }

  close(): void {
    this.client.close();
    this.heartbeat?.abort();
  }
}

/**
 * Hands each caller a client of its own. Gradio multiplexes a session's jobs over one stream that the server closes
 * once no job is pending; a job joined just as that happens would wait forever, so sessions never run two jobs at
 * once. A client that failed is dropped, since its stream state may be stale.
 */
export class SpaceClientPool {
  private readonly idle: SpaceAppClient[] = [];
  private readonly busy = new Set<SpaceAppClient>();
  private closed = false;

  constructor(
    private readonly connect: () => Promise<SpaceAppClient>,
    first?: SpaceAppClient,
  ) {
    if (first) this.idle.push(first);
  }

  get size(): number {
    return this.idle.length + this.busy.size;
  }

  async use<T>(task: (client: SpaceAppClient) => Promise<T>): Promise<T> {
    const client = this.idle.pop() ?? (await this.connect());
    this.busy.add(client);
    try {
      const result = await task(client);
      this.release(client, true);
      return result;
    } catch (error) {
      this.release(client, false);
      throw error;
    }
  }

  close(): void {
    this.closed = true;
    for (const client of [...this.idle.splice(0), ...this.busy]) client.close();
    this.busy.clear();
  }

  private release(client: SpaceAppClient, healthy: boolean): void {
    this.busy.delete(client);
    if (healthy && !this.closed) this.idle.push(client);
    else client.close();
  }
}
