/**
 * Loopback emulator of a Gradio ≥5 app (the sumops Space, `space/app.py`) as `@gradio/client` 2.x talks to it.
 * Shapes follow gradio-app/gradio 6.25.0 (gradio/routes.py, blocks.py `get_config_file`/`get_api_info`,
 * server_messages.py, queueing.py) and what @gradio/client 2.7.0 sends and reads (src/utils/submit.ts,
 * src/helpers/api_info.ts, src/helpers/init_helpers.ts):
 * - `GET /config` with `protocol: "sse_v3"`, `api_prefix: "/gradio_api"`, `root` = this server, `space_id: null`;
 * - `GET /gradio_api/info` (named_endpoints with `parameter_name`s);
 * - `POST /gradio_api/queue/join` → `{event_id}`; 503 when the queue is full, 422 `{detail}` on bad input,
 *   a plain-text 500 like Starlette's for an unhandled server error;
 * - `GET /gradio_api/queue/data?session_hash=` SSE: estimation → process_starts → process_completed per event,
 *   buffered per session until the stream opens, then `close_stream` once no event of the session is pending;
 *   an unknown session gets `unexpected_error` with `session_not_found`;
 * - app errors: `process_completed` with `success: false` and `output.error` (what `gr.Error` produces);
 * - `GET /gradio_api/heartbeat/{session}` kept open when `connect_heartbeat` is on (to reproduce the exit hang);
 * - a private Space's proxy answers 401 with a non-JSON body without the right `Authorization: Bearer`;
 * - a sleeping Space answers 503 to its first visit, which is what wakes it (hub-docs: "If a new visitor lands on
 *   your Space, it will wake it up").
 * Jobs run concurrently (no queue concurrency limit), so N parallel calls at L ms latency take ≈ L ms in total.
 *
 * Length mapping onto the embedded summarizer: the app's `max_length`/`min_length` count model tokens; one
 * English word is ≈ 1.33 BPE tokens, so `maxWords = round(max_length × 0.75)`. The extractive summarizer has no
 * lower bound, so `min_length` is only validated and recorded.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createEmbeddedSummarizer } from '#lib/summarize/embedded';
import type { Summarizer } from '#lib/summarize/types';
import { buildApiInfo, buildConfig, SPACE_APP_PARAMETERS } from './gradio-config';
import { closeServer, listenOnLoopback, readJsonBody } from './http';

export { SPACE_APP_PARAMETERS } from './gradio-config';

export interface GradioEmulatorOptions {
  /** Serves the summaries; default the embedded summarizer. */
  summarizer?: Summarizer;
  /** Time each job takes before it completes, in ms. */
  latencyMs?: number;
  /** Name of the one endpoint, default `summarize` (the app's api_name). */
  apiName?: string;
  /** Parameter names of the endpoint in order, default those of space/app.py. */
  parameters?: readonly string[];
  /** The next N queue joins fail (counts down). */
  failures?: number;
  /** `http-500`: the join answers a plain-text 500; `app-error`: the job ends with `success: false`. */
  failureKind?: 'http-500' | 'app-error';
  failureMessage?: string;
  /** The next N queue joins answer 503 (queue full); counts down. */
  queueFull?: number;
  /** Answers 503 to everything until the first request arrives, which wakes it (and calls onWake). */
  sleeping?: boolean;
  onWake?: () => void;
  /** Makes the Space private: every request needs `Authorization: Bearer <token>`. */
  token?: string;
  connectHeartbeat?: boolean;
  heartbeatIntervalMs?: number;
  port?: number;
}

export interface GradioRecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | null;
  /** Parsed JSON body of POSTs. */
  body: unknown;
  at: number;
}

/** One summarize job as the app saw it. */
export interface RecordedJob {
  text: string;
  maxLength: number;
  minLength: number;
  maxWords: number;
}

export interface GradioEmulator {
  url: string;
  /** Queue joins received (every attempt, failed ones included). */
  readonly calls: number;
  /** Jobs that produced a summary. */
  readonly completed: number;
  readonly inFlight: number;
  /** Highest number of jobs running at once. */
  readonly maxInFlight: number;
  /** Open queue/data and heartbeat streams. */
  readonly openStreams: number;
  readonly requests: GradioRecordedRequest[];
  readonly jobs: RecordedJob[];
  setOptions(options: Partial<GradioEmulatorOptions>): void;
  close(): Promise<void>;
}

type Message = Record<string, unknown> & { msg: string };

interface Session {
  buffer: Message[];
  pending: Set<string>;
  stream: ServerResponse | null;
}

const SSE_HEADERS = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
};

export async function startGradioEmulator(initial: GradioEmulatorOptions = {}): Promise<GradioEmulator> {
  const options: GradioEmulatorOptions = { ...initial };
  const summarizer = options.summarizer ?? createEmbeddedSummarizer();
  const sessions = new Map<string, Session>();
  const openStreams = new Set<ServerResponse>();
  const timers = new Set<NodeJS.Timeout>();
  const requests: GradioRecordedRequest[] = [];
  const jobs: RecordedJob[] = [];
  const stats = { calls: 0, completed: 0, inFlight: 0, maxInFlight: 0 };
  let url = '';

  const apiName = () => options.apiName ?? 'summarize';
  const parameters = () => options.parameters ?? SPACE_APP_PARAMETERS;

  function sendJson(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  function sendText(res: ServerResponse, status: number, text: string): void {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(text);
  }

  function openStream(res: ServerResponse): void {
    res.writeHead(200, SSE_HEADERS);
    openStreams.add(res);
    res.on('close', () => openStreams.delete(res));
  }

  function writeEvent(res: ServerResponse, message: Message): void {
    res.write(`data: ${JSON.stringify(message)}\n\n`);
  }

  function endStream(session: Session): void {
    const stream = session.stream;
    if (!stream) return;
    writeEvent(stream, { msg: 'close_stream', event_id: null });
    stream.end();
    session.stream = null;
  }

  function publish(session: Session, message: Message): void {
    if (session.stream) writeEvent(session.stream, message);
    else session.buffer.push(message);
  }

  function complete(session: Session, eventId: string, message: Message): void {
    session.pending.delete(eventId);
    publish(session, message);
    if (session.pending.size === 0) endStream(session);
  }

  function delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });
  }

  async function runJob(
    session: Session,
    eventId: string,
    data: unknown[],
    failWith: string | null,
  ): Promise<void> {
    stats.inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    const started = Date.now();
    publish(session, { msg: 'process_starts', event_id: eventId, eta: null });
    try {
      await delay(options.latencyMs ?? 0);
      if (failWith !== null) throw new Error(failWith);
      const summary = await summarizeJob(data);
      stats.completed += 1;
      const duration = (Date.now() - started) / 1000;
      complete(session, eventId, {
        msg: 'process_completed',
        event_id: eventId,
        output: {
          data: [summary],
          is_generating: false,
          duration,
          average_duration: duration,
          render_config: null,
          changed_state_ids: [],
          used_cache: null,
        },
        success: true,
        title: null,
        used_cache: null,
        cache_duration: duration,
        avg_time: duration,
      });
    } catch (error) {
      // Gradio's error_payload: the message is shown because the app raises gr.Error / runs with show_error.
      complete(session, eventId, {
        msg: 'process_completed',
        event_id: eventId,
        output: {
          error: error instanceof Error ? error.message : String(error),
          title: 'Error',
          duration: null,
          visible: true,
        },
        success: false,
        title: 'Error',
      });
    } finally {
      stats.inFlight -= 1;
    }
  }

  async function summarizeJob(data: unknown[]): Promise<string> {
    const [text, maxLength, minLength] = data;
    if (typeof text !== 'string' || typeof maxLength !== 'number' || typeof minLength !== 'number') {
      throw new Error('text must be a string and max_length, min_length numbers');
    }
    const maxWords = Math.round(maxLength * 0.75);
    jobs.push({ text, maxLength, minLength, maxWords });
    const summary = await summarizer.summarize({ text, maxWords });
    return summary.sentences.join('\n');
  }

  function validationError(data: unknown): string | null {
    if (!Array.isArray(data)) return 'data must be a list';
    if (data.length !== parameters().length) {
      return `expected ${parameters().length} inputs (${parameters().join(', ')}), got ${data.length}`;
    }
    return null;
  }

  function handleJoin(body: unknown, res: ServerResponse): void {
    stats.calls += 1;
    const payload = (body ?? {}) as { data?: unknown; fn_index?: unknown; session_hash?: unknown };
    if (typeof payload.session_hash !== 'string' || payload.session_hash === '') {
      return sendJson(res, 400, { detail: 'Session hash not found.' });
    }
    if ((options.queueFull ?? 0) > 0) {
      options.queueFull = (options.queueFull ?? 0) - 1;
      return sendJson(res, 503, { detail: 'Queue is full.' });
    }
    let failWith: string | null = null;
    if ((options.failures ?? 0) > 0) {
      options.failures = (options.failures ?? 0) - 1;
      if ((options.failureKind ?? 'http-500') === 'http-500')
        return sendText(res, 500, 'Internal Server Error');
      failWith = options.failureMessage ?? 'Emulated app failure';
    }
    if (payload.fn_index !== 0)
      return sendJson(res, 422, { detail: `Unknown fn_index ${String(payload.fn_index)}` });
    const invalid = validationError(payload.data);
    if (invalid) return sendJson(res, 422, { detail: invalid });

    let session = sessions.get(payload.session_hash);
    if (!session) {
      session = { buffer: [], pending: new Set(), stream: null };
      sessions.set(payload.session_hash, session);
    }
    const eventId = randomUUID().replaceAll('-', '');
    session.pending.add(eventId);
    publish(session, {
      msg: 'estimation',
      event_id: eventId,
      rank: 0,
      queue_size: stats.inFlight + 1,
      rank_eta: null,
    });
    sendJson(res, 200, { event_id: eventId });
    void runJob(session, eventId, payload.data as unknown[], failWith);
  }

  function handleQueueData(query: Record<string, string>, res: ServerResponse): void {
    const session = sessions.get(query.session_hash ?? '');
    openStream(res);
    if (!session) {
      writeEvent(res, {
        msg: 'unexpected_error',
        event_id: null,
        message: 'Session not found.',
        session_not_found: true,
        success: false,
      });
      res.end();
      return;
    }
    session.stream?.end();
    session.stream = res;
    for (const message of session.buffer.splice(0)) writeEvent(res, message);
    if (session.pending.size === 0) {
      endStream(session);
      return;
    }
    const interval = setInterval(
      () => writeEvent(res, { msg: 'heartbeat', event_id: null }),
      options.heartbeatIntervalMs ?? 15_000,
    );
    timers.add(interval);
    res.on('close', () => {
      clearInterval(interval);
      timers.delete(interval);
      if (session.stream === res) session.stream = null;
    });
  }

  function handleHeartbeat(res: ServerResponse): void {
    openStream(res);
    res.write('data: ALIVE\n\n');
    const interval = setInterval(() => res.write('data: ALIVE\n\n'), options.heartbeatIntervalMs ?? 15_000);
    timers.add(interval);
    res.on('close', () => {
      clearInterval(interval);
      timers.delete(interval);
    });
  }

  async function handleRun(body: unknown, res: ServerResponse): Promise<void> {
    stats.calls += 1;
    const payload = (body ?? {}) as { data?: unknown };
    const invalid = validationError(payload.data);
    if (invalid) return sendJson(res, 422, { detail: invalid });
    try {
      await delay(options.latencyMs ?? 0);
      const summary = await summarizeJob(payload.data as unknown[]);
      stats.completed += 1;
      sendJson(res, 200, { data: [summary], is_generating: false, duration: 0, average_duration: 0 });
    } catch (error) {
      sendJson(res, 500, { error: error instanceof Error ? error.message : String(error) });
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parsed = new URL(req.url ?? '/', url);
    const body = req.method === 'POST' ? await readJsonBody(req) : undefined;
    requests.push({
      method: req.method ?? 'GET',
      path: parsed.pathname,
      query: Object.fromEntries(parsed.searchParams),
      authorization: req.headers.authorization ?? null,
      body,
      at: Date.now(),
    });

    if (options.sleeping) {
      options.sleeping = false;
      options.onWake?.();
      return sendText(res, 503, 'This Space is waking up.');
    }
    if (options.token !== undefined && req.headers.authorization !== `Bearer ${options.token}`) {
      // The Hugging Face proxy, not Gradio, refuses private Spaces: its answer is an HTML page, not JSON.
      res.writeHead(401, { 'content-type': 'text/html' }).end('<html><body>401 Unauthorized</body></html>');
      return;
    }

    const route = `${req.method ?? 'GET'} ${parsed.pathname}`;
    const query = Object.fromEntries(parsed.searchParams);
    if (route === 'GET /config') {
      return sendJson(
        res,
        200,
        buildConfig({
          root: url,
          apiName: apiName(),
          parameters: parameters(),
          heartbeat: options.connectHeartbeat ?? false,
        }),
      );
    }
    if (route === 'GET /gradio_api/info') return sendJson(res, 200, buildApiInfo(apiName(), parameters()));
    if (route === 'POST /gradio_api/queue/join') return handleJoin(body, res);
    if (route === 'GET /gradio_api/queue/data') return handleQueueData(query, res);
    if (route === `POST /gradio_api/run/${apiName()}`) return handleRun(body, res);
    if (req.method === 'GET' && parsed.pathname.startsWith('/gradio_api/heartbeat/'))
      return handleHeartbeat(res);
    sendJson(res, 404, { detail: 'Not Found' });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendText(res, 500, `Internal Server Error: ${String(error)}`);
    });
  });
  url = await listenOnLoopback(server, options.port);

  return {
    url,
    get calls() {
      return stats.calls;
    },
    get completed() {
      return stats.completed;
    },
    get inFlight() {
      return stats.inFlight;
    },
    get maxInFlight() {
      return stats.maxInFlight;
    },
    get openStreams() {
      return openStreams.size;
    },
    requests,
    jobs,
    setOptions(next) {
      Object.assign(options, next);
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      for (const stream of openStreams) stream.destroy();
      await closeServer(server);
    },
  };
}
