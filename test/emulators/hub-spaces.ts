/**
 * Space info and runtime routes of the Hub emulator. Shapes: the `GET /runtime` responses recorded in
 * huggingface/huggingface_hub tests/cassettes/TestSpaceAPIProduction.*.yaml; stages as in
 * actions/lib/hub/space-status.ts; `host`/`subdomain` in space info and `GET /api/spaces/{id}/host` as
 * gradio-app/gradio client/js/src/test/handlers.ts answers it.
 * A Space's stage can be scripted: each read reports the current stage, then moves to the next one in `then`.
 */
import type { HubRequest, HubResponse, HubRoute } from './hub-route';
import { hubError } from './hub-route';

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
}

export interface SpaceState extends EmulatedSpace {
  stage: string;
  then: string[];
  wakes: number;
  restarts: number;
  /**
   * Commit the serving container was built from, reported as runtime `sha` when set (the Hub sends it only
   * sometimes). Runtime scripting (stage sequences per commit, logs) hooks in here and through `onCommit`.
   */
  runtimeSha?: string;
}

export interface SpaceRegistry {
  addSpace(space: EmulatedSpace): void;
  removeSpace(id: string): void;
  /** Current state, for assertions. */
  space(id: string): Readonly<SpaceState> | undefined;
  setStage(id: string, stage: string, options?: { then?: string[]; errorMessage?: string }): void;
  /** What a visit to a sleeping Space's host triggers. */
  wake(id: string): void;
}

const SPACE = '([^/]+/[^/]+)';

export function createSpaceRoutes(
  initial: EmulatedSpace[],
  headOf: (id: string) => string | undefined = () => undefined,
): { routes: HubRoute[]; registry: SpaceRegistry; states: Map<string, SpaceState> } {
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
      });
    },
    removeSpace(id) {
      spaces.delete(id);
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
      name: 'space-info',
      method: 'GET',
      pattern: new RegExp(`^/api/spaces/${SPACE}$`),
      handle: withSpace((space) => ({
        status: 200,
        body: infoOf(space, readRuntime(space), headOf(space.id)),
      })),
    },
    {
      // `spaceInfo()` of @huggingface/hub: GET /api/spaces/{id}/revision/{rev}?expand=…
      name: 'space-info',
      method: 'GET',
      pattern: new RegExp(`^/api/spaces/${SPACE}/revision/([^/]+)$`),
      handle: withSpace((space) => ({
        status: 200,
        body: infoOf(space, readRuntime(space), headOf(space.id)),
      })),
    },
    {
      name: 'runtime',
      method: 'GET',
      pattern: new RegExp(`^/api/spaces/${SPACE}/runtime$`),
      handle: withSpace((space) => ({ status: 200, body: readRuntime(space) })),
    },
    {
      name: 'host',
      method: 'GET',
      pattern: new RegExp(`^/api/spaces/${SPACE}/host$`),
      handle: withSpace((space) => ({
        status: 200,
        body: { subdomain: subdomainOf(space.id), host: space.host },
      })),
    },
    {
      name: 'restart',
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
  ];
  return { routes, registry, states: spaces };
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
    ...(space.errorMessage ? { errorMessage: space.errorMessage } : {}),
    ...(space.runtimeSha ? { sha: space.runtimeSha } : {}),
  };
}

function infoOf(
  space: SpaceState,
  runtime: Record<string, unknown>,
  head: string | undefined,
): Record<string, unknown> {
  const [author] = space.id.split('/');
  return {
    _id: `emulated-${subdomainOf(space.id)}`,
    id: space.id,
    author,
    sha: head ?? '0000000000000000000000000000000000000000',
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
