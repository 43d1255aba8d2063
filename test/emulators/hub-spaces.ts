/**
 * Space info, runtime, log and repo-delete routes of the Hub emulator. Shapes: /work/shared/docs/hub-and-gradio-protocols.md §3.1
 * (recorded `GET /runtime` responses from huggingface/huggingface_hub's TestSpaceAPIProduction cassettes),
 * §3.2 (stages), §3.5 (build and run logs as server-sent events `data: {"data","timestamp"}`, huggingface_hub
 * `hf_api.py` `fetch_space_logs`), §3.6 (`host`/`subdomain` in space info, `GET /api/spaces/{id}/host`), and
 * `DELETE /api/repos/delete` with `{name, organization, type}` (huggingface_hub `hf_api.py` `delete_repo`).
 * A Space's stage can be scripted: each read reports the current stage, then moves to the next one in `then`.
 * A commit (`commitLanded`) starts the next scripted deploy: the old stage is read `staleReads` more times (the
 * Hub takes a moment to notice a push), then the deploy's stages follow. Runtime `sha`, which the real Hub reports
 * only sometimes, is the commit the serving build came from: it changes when the last stage is reached.
 */
import type { HubRequest, HubResponse, HubRoute } from './hub';
import { hubError } from './hub';

export interface EmulatedSpace {
  /** `owner/name`. */
  id: string;
  /** Where the app answers (the Gradio emulator's URL). */
  host: string;
  stage?: string;
  /** Stages reported by the following reads, one per read; the last one stays. */
  then?: string[];
  errorMessage?: string;
  private?: boolean;
  /** Stages a wake-up or restart walks through; default APP_STARTING then RUNNING. */
  wakeStages?: string[];
  /** The commit the running build came from. */
  sha?: string;
  /** Whether `/runtime` reports `sha` (default true; recorded cassettes show runtimes without it). */
  reportsSha?: boolean;
  buildLog?: string[];
  runLog?: string[];
  /** Log streams stay open after the last line, as the real ones do (default true). */
  followLogs?: boolean;
}

/** What the next commit does to the Space's runtime. */
export interface DeployScript {
  /** Default BUILDING, APP_STARTING, RUNNING. */
  stages?: string[];
  errorMessage?: string;
  /** Reads that still report the stage from before the commit (default 1). */
  staleReads?: number;
  /** Replace the build and run logs (default: a short successful build). */
  buildLog?: string[];
  runLog?: string[];
}

interface SpaceState extends EmulatedSpace {
  stage: string;
  then: string[];
  wakes: number;
  restarts: number;
  /** Becomes `sha` once `then` runs out. */
  pendingSha?: string;
  /** Deploys scripted for the coming commits, in order. */
  scripts: DeployScript[];
  /** Commits seen, in order. */
  deploys: string[];
}

export interface SpaceRegistry {
  addSpace(space: EmulatedSpace): void;
  /** Current state, for assertions. */
  space(id: string): Readonly<SpaceState> | undefined;
  setStage(id: string, stage: string, options?: { then?: string[]; errorMessage?: string }): void;
  /** What a visit to a sleeping Space's host triggers. */
  wake(id: string): void;
  /** Queues what the next commit to the Space does (consumed one per commit). */
  scriptDeploy(id: string, script: DeployScript): void;
  /** Called for every commit the Hub accepted; starts a rebuild. */
  commitLanded(id: string, sha: string): void;
  deleteSpace(id: string): boolean;
}

const DEFAULT_BUILD_LOG = [
  '===== Build Queued =====',
  '--> FROM docker.io/library/python:3.11',
  '--> RUN pip install --no-cache-dir -r requirements.txt',
  '--> Pushing image',
  'DONE 4.2s',
];

const SPACE = '([^/]+/[^/]+)';

export function createSpaceRoutes(initial: EmulatedSpace[]): { routes: HubRoute[]; registry: SpaceRegistry } {
  const spaces = new Map<string, SpaceState>();

  function find(id: string): SpaceState {
    const space = spaces.get(id);
    if (!space) throw new Error(`emulated Hub has no Space ${id}`);
    return space;
  }

  const registry: SpaceRegistry = {
    addSpace(space) {
      spaces.set(space.id, {
        ...space,
        stage: space.stage ?? 'RUNNING',
        then: [...(space.then ?? [])],
        wakes: 0,
        restarts: 0,
        scripts: [],
        deploys: [],
      });
    },
    space: (id) => spaces.get(id),
    setStage(id, stage, options = {}) {
      const space = find(id);
      space.stage = stage;
      space.then = [...(options.then ?? [])];
      space.errorMessage = options.errorMessage;
    },
    wake(id) {
      const space = find(id);
      space.wakes += 1;
      if (space.stage !== 'SLEEPING' && space.stage !== 'STOPPED') return;
      const [first = 'RUNNING', ...rest] = space.wakeStages ?? ['APP_STARTING', 'RUNNING'];
      space.stage = first;
      space.then = rest;
    },
    scriptDeploy(id, script) {
      find(id).scripts.push(script);
    },
    commitLanded(id, sha) {
      const space = spaces.get(id);
      if (!space) return;
      const script = space.scripts.shift() ?? {};
      const stages = script.stages ?? ['BUILDING', 'APP_STARTING', 'RUNNING'];
      space.deploys.push(sha);
      // The current stage is what the next read reports, so it counts as the first stale read.
      const staleReads = script.staleReads ?? 1;
      const sequence = [...Array<string>(Math.max(0, staleReads - 1)).fill(space.stage), ...stages];
      if (staleReads === 0) space.stage = sequence.shift() ?? space.stage;
      space.then = sequence;
      if (sequence.length === 0) space.sha = sha;
      else space.pendingSha = sha;
      space.errorMessage = script.errorMessage;
      space.buildLog = script.buildLog ?? DEFAULT_BUILD_LOG;
      if (script.runLog) space.runLog = script.runLog;
    },
    deleteSpace: (id) => spaces.delete(id),
  };
  for (const space of initial) registry.addSpace(space);

  /** Looks the Space up as the Hub would: private and missing ones look alike without a token. */
  function visible(request: HubRequest): SpaceState | HubResponse {
    const id = request.params[0] ?? '';
    const space = spaces.get(id);
    if (!space || (space.private && request.token === null)) {
      const status = request.token === null ? 401 : 404;
      return hubError(status, 'Repository Not Found', 'RepoNotFound');
    }
    return space;
  }

  function readRuntime(space: SpaceState): Record<string, unknown> {
    const runtime = runtimeOf(space);
    const next = space.then.shift();
    if (next !== undefined) space.stage = next;
    if (space.then.length === 0 && space.pendingSha !== undefined) {
      space.sha = space.pendingSha;
      space.pendingSha = undefined;
    }
    return runtime;
  }

  function withSpace(handler: (space: SpaceState, request: HubRequest) => HubResponse) {
    return (request: HubRequest): HubResponse => {
      const found = visible(request);
      return 'status' in found ? found : handler(found, request);
    };
  }

  const routes: HubRoute[] = [
    {
      method: 'GET',
      pattern: new RegExp(`^/api/spaces/${SPACE}$`),
      handle: withSpace((space) => ({ status: 200, body: infoOf(space, readRuntime(space)) })),
    },
    {
      method: 'GET',
      pattern: new RegExp(`^/api/spaces/${SPACE}/runtime$`),
      handle: withSpace((space) => ({ status: 200, body: readRuntime(space) })),
    },
    {
      method: 'GET',
      pattern: new RegExp(`^/api/spaces/${SPACE}/host$`),
      handle: withSpace((space) => ({
        status: 200,
        body: { subdomain: subdomainOf(space.id), host: space.host },
      })),
    },
    {
      method: 'POST',
      pattern: new RegExp(`^/api/spaces/${SPACE}/restart$`),
      handle: withSpace((space, request) => {
        if (request.token === null) return hubError(401, 'Invalid username or password.');
        space.restarts += 1;
        space.stage = 'BUILDING';
        space.then = [...(space.wakeStages ?? ['APP_STARTING', 'RUNNING'])];
        space.errorMessage = undefined;
        return { status: 200, body: runtimeOf(space) };
      }),
    },
    {
      method: 'GET',
      pattern: new RegExp(`^/api/spaces/${SPACE}/logs/(build|run)$`),
      handle: withSpace((space, request) => {
        if (request.token === null) return hubError(401, 'Invalid username or password.');
        const lines = (request.params[1] === 'build' ? space.buildLog : space.runLog) ?? [];
        return {
          status: 200,
          body: null,
          events: {
            data: lines.map((line, i) =>
              JSON.stringify({
                data: `${line}\n`,
                timestamp: new Date(Date.UTC(2026, 10, 1, 0, 0, i)).toISOString(),
              }),
            ),
            keepOpen: space.followLogs ?? true,
          },
        };
      }),
    },
    {
      method: 'DELETE',
      pattern: /^\/api\/repos\/delete$/,
      handle: (request) => {
        if (request.token === null) return hubError(401, 'Invalid username or password.');
        const body = (request.body ?? {}) as { name?: unknown; organization?: unknown; type?: unknown };
        const id =
          typeof body.organization === 'string'
            ? `${body.organization}/${String(body.name)}`
            : String(body.name);
        if (body.type !== 'space' || !spaces.has(id))
          return hubError(404, 'Repository Not Found', 'RepoNotFound');
        spaces.delete(id);
        return { status: 200, body: 'OK' };
      },
    },
  ];
  return { routes, registry };
}

function subdomainOf(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

function runtimeOf(space: SpaceState): Record<string, unknown> {
  return {
    stage: space.stage,
    hardware: { current: space.stage === 'RUNNING' ? 'cpu-basic' : null, requested: 'cpu-basic' },
    storage: null,
    gcTimeout: 172800,
    replicas: { requested: 1, current: space.stage === 'RUNNING' ? 1 : 0 },
    devMode: false,
    domains: [{ domain: `${subdomainOf(space.id)}.hf.space`, stage: 'READY' }],
    ...(space.errorMessage && !['RUNNING', 'BUILDING', 'APP_STARTING'].includes(space.stage)
      ? { errorMessage: space.errorMessage }
      : {}),
    ...((space.reportsSha ?? true) && space.sha ? { sha: space.sha } : {}),
  };
}

function infoOf(space: SpaceState, runtime: Record<string, unknown>): Record<string, unknown> {
  const [author] = space.id.split('/');
  return {
    _id: `emulated-${subdomainOf(space.id)}`,
    id: space.id,
    author,
    sha: '0000000000000000000000000000000000000000',
    lastModified: '2026-11-01T00:00:00.000Z',
    private: space.private ?? false,
    disabled: false,
    sdk: 'gradio',
    likes: 0,
    tags: ['gradio'],
    subdomain: subdomainOf(space.id),
    host: space.host,
    runtime,
  };
}
