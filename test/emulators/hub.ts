/**
 * Loopback emulator of the Hugging Face Hub API. Shapes follow huggingface/huggingface_hub's recorded cassettes
 * (`tests/cassettes/TestSpaceAPIProduction.*.yaml`), its `utils/_http.py` error handling, and what
 * `@huggingface/hub` 2.17.5 sends (`src/lib/*.ts`):
 * - JSON errors `{"error": "..."}` with `X-Error-Code` / `X-Error-Message` headers;
 * - 401 for a bad token, and for a private or missing repo asked for without one (the Hub hides which);
 * - every request recorded (route name, body size, file-content bytes), so tests and benchmarks can assert what
 *   was (not) sent.
 *
 * Routes come from feature modules that each add rows to one table: `hub-spaces.ts` (space info, runtime, host,
 * restart) and `hub-repo.ts` (whoami, repo create/delete, tree, preupload, LFS, commit, download, secrets,
 * variables). Extension point: `emulator.routes` is that table (mutable: `unshift` a route to take precedence),
 * `emulator.spaces` the live Space states (stage scripting), `emulator.repos` the git-like store and
 * `emulator.onCommit` a hook run after every accepted commit.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createSpaceRoutes } from './hub-spaces';
import type { EmulatedSpace, SpaceRegistry, SpaceState } from './hub-spaces';
import { createRepoRoutes } from './hub-repo';
import type { HubTokenSpec, RepoInspection, RepoStore, SeedFile } from './hub-repo';
import { closeServer, listenOnLoopback } from './http';
import { hubError } from './hub-route';
import type { HubResponse, HubRoute } from './hub-route';

export type { EmulatedSpace, SpaceState } from './hub-spaces';
export type { HubTokenSpec, SeedFile } from './hub-repo';
export { hubError } from './hub-route';
export type { HubRequest, HubResponse, HubRoute } from './hub-route';

export interface HubEmulatorOptions {
  spaces?: EmulatedSpace[];
  /** Tokens the Hub accepts; by default any token starting with `hf_` (see `tokenSpecs` for the others). */
  tokens?: string[];
  /**
   * What whoami-v2 reports for a token and which repos it may write. A token listed here is valid even when
   * `tokens` is given; any other accepted token is a classic `write` token of `defaultUser`.
   */
  tokenSpecs?: Record<string, HubTokenSpec>;
  /** Owner of every accepted token not in `tokenSpecs` (a classic write token). Default `sumops-test`. */
  defaultUser?: string;
  /** Entries per tree page (the Hub pages with an absolute `Link: <…>; rel="next"`). Default 1000. */
  treePageSize?: number;
  /** Which files preupload sends to LFS. Default: size ≥ 10 MB, a NUL byte in the sample, or a `filter=lfs` match. */
  lfsThresholdBytes?: number;
  port?: number;
}

export interface HubRecordedRequest {
  method: string;
  path: string;
  /** Name of the route that answered (`commit`, `tree`, `preupload`, …), or `unmatched`. */
  route: string;
  status: number;
  authorization: string | null;
  body: unknown;
  /** Raw request body length. */
  bodyBytes: number;
  /** Bytes of file content the request carried: decoded commit contents, LFS PUT bodies, preupload samples. */
  contentBytes: number;
  at: number;
}

export interface HubEmulator extends SpaceRegistry, RepoInspection {
  url: string;
  requests: HubRecordedRequest[];
  /** The route table, first match wins; add rows here to extend the emulator. */
  routes: HubRoute[];
  /** Live Space states (runtime stage, scripted stages, counters); mutate to script a test. */
  spaces: Map<string, SpaceState>;
  repos: RepoStore;
  /** Runs after each accepted commit (the new head is `commit.oid`). */
  onCommit(listener: (spaceId: string, commit: { oid: string; title: string }) => void): void;
  /** Requests answered by the named route (`requests` filtered). */
  requestsTo(route: string): HubRecordedRequest[];
  /** Sum of `contentBytes` over all requests since the last `resetLog()`. */
  contentBytesReceived(): number;
  resetLog(): void;
  /** Puts files into a Space as one commit, bypassing the HTTP API. */
  seed(spaceId: string, files: SeedFile[], title?: string): string;
  close(): Promise<void>;
}

/** Bounded like the real Hub's upload limits, so a runaway client fails instead of filling memory. */
const MAX_BODY_BYTES = 1024 * 1024 * 1024;

async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    total += (chunk as Buffer).length;
    if (total > MAX_BODY_BYTES) throw new Error('request body too large for the emulator');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function parseBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  if (contentType && !/json|text/.test(contentType)) return undefined;
  const text = raw.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export async function startHubEmulator(options: HubEmulatorOptions = {}): Promise<HubEmulator> {
  const requests: HubRecordedRequest[] = [];
  const isValidToken = (token: string) =>
    token in (options.tokenSpecs ?? {}) ||
    (options.tokens ? options.tokens.includes(token) : token.startsWith('hf_'));
  let baseUrl = '';
  const listeners: ((spaceId: string, commit: { oid: string; title: string }) => void)[] = [];

  const spaces = createSpaceRoutes([], (id) => repo.store.head(id));
  const repo = createRepoRoutes({
    tokenSpecs: options.tokenSpecs ?? {},
    defaultUser: options.defaultUser ?? 'sumops-test',
    treePageSize: options.treePageSize ?? 1000,
    lfsThresholdBytes: options.lfsThresholdBytes ?? 10 * 1024 * 1024,
    spaces: spaces.registry,
    onCommit: (id, commit) => {
      for (const listener of listeners) listener(id, commit);
    },
  });
  for (const space of options.spaces ?? []) {
    spaces.registry.addSpace(space);
    repo.store.ensure(space.id, { private: space.private ?? false });
  }
  // Repo routes first: `revision/…` and the repo sub-paths must not fall into the info route's pattern.
  const routes: HubRoute[] = [...repo.routes, ...spaces.routes];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parsed = new URL(req.url ?? '/', 'http://hub.local');
    const raw = await readRaw(req);
    const body = parseBody(raw, req.headers['content-type']);
    const authorization = req.headers.authorization ?? null;
    const entry: HubRecordedRequest = {
      method: req.method ?? 'GET',
      path: parsed.pathname,
      route: 'unmatched',
      status: 0,
      authorization,
      body,
      bodyBytes: raw.length,
      contentBytes: 0,
      at: Date.now(),
    };
    requests.push(entry);

    const token = authorization?.replace(/^Bearer\s+/i, '') ?? null;
    let answer: HubResponse;
    if (token !== null && !isValidToken(token)) {
      answer = hubError(401, 'Invalid credentials in Authorization header');
    } else {
      answer = hubError(404, `Not Found: ${req.method ?? 'GET'} ${parsed.pathname}`);
      for (const route of routes) {
        const match = route.method === req.method ? route.pattern.exec(parsed.pathname) : null;
        if (!match) continue;
        entry.route = route.name ?? route.pattern.source;
        answer = await route.handle({
          method: route.method,
          path: parsed.pathname,
          query: parsed.searchParams,
          params: match.slice(1).map((part) => decodeURIComponent(part ?? '')),
          headers: req.headers,
          token,
          body,
          raw,
          baseUrl,
          countContent: (bytes) => {
            entry.contentBytes += bytes;
          },
        });
        break;
      }
    }
    entry.status = answer.status;
    if (answer.stream) {
      res.writeHead(answer.status, { ...answer.headers });
      await answer.stream(res);
      return;
    }
    if (answer.raw !== undefined) {
      res.writeHead(answer.status, { 'content-type': 'application/octet-stream', ...answer.headers });
      res.end(answer.raw);
      return;
    }
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    res.end(JSON.stringify(answer.body ?? null));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    });
  });
  baseUrl = await listenOnLoopback(server, options.port);

  return {
    ...spaces.registry,
    ...repo.inspection,
    url: baseUrl,
    requests,
    routes,
    spaces: spaces.states,
    repos: repo.store,
    onCommit: (listener) => {
      listeners.push(listener);
    },
    requestsTo: (route) => requests.filter((request) => request.route === route),
    contentBytesReceived: () => requests.reduce((sum, request) => sum + request.contentBytes, 0),
    resetLog: () => {
      requests.length = 0;
    },
    seed: (spaceId, files, title) => repo.store.seed(spaceId, files, title),
    close: () => closeServer(server),
  };
}
