/**
 * Space runtime after a commit, and the build/run log endpoints, on top of the Hub emulator's extension points
 * (`routes`, `spaces`, `onCommit`). Shapes: huggingface/huggingface_hub `hf_api.py` (`get_space_runtime`,
 * `fetch_space_logs`: `GET /api/spaces/{id}/logs/{build|run}` is server-sent events, one
 * `data: {"data": "<text>", "timestamp": "<ISO>"}` per line, followed like `tail -f`), its `SpaceRuntime`
 * (optional `errorMessage`; `sha` only sometimes, so it can be switched off here), and the recorded runtime
 * answers in its `TestSpaceAPIProduction` cassettes.
 *
 * Every accepted commit starts the next scripted deploy: the previous stage is still reported for `staleReads`
 * reads (the Hub takes a moment to notice a push), then the deploy's stages follow, one per read. The runtime
 * `sha` is the commit the serving build came from: it changes to the new commit once the last stage is reached.
 */
import type { ServerResponse } from 'node:http';
import type { HubEmulator, HubRequest, HubResponse, SpaceState } from './hub';
import { hubError } from './hub';

/** What the next commit does to a Space's runtime. */
export interface DeployScript {
  /** Default BUILDING, APP_STARTING, RUNNING. */
  stages?: string[];
  errorMessage?: string;
  /** Reads that still report the stage from before the commit, default 1. */
  staleReads?: number;
  /** Replaces the build log (default: a short successful build). */
  buildLog?: string[];
  runLog?: string[];
}

export interface DeployRuntimeOptions {
  /** Where Spaces created through the API answer (the Gradio emulator), instead of an unreachable hf.space host. */
  host?: string;
  /** Whether `/runtime` reports `sha`, default true. */
  reportsSha?: boolean;
  /** Log streams stay open after the last line, as the real ones do; default true. */
  followLogs?: boolean;
  /** What a commit without a script of its own does; default one stale read, then BUILDING, APP_STARTING, RUNNING. */
  defaultScript?: DeployScript;
}

export interface DeployRuntime {
  /** Queues what the next commit to the Space does; scripts are consumed one per commit. */
  scriptDeploy(id: string, script: DeployScript): void;
  setLogs(id: string, logs: { build?: string[]; run?: string[] }): void;
  /** Commits that started a deploy, in order. */
  deploys(id: string): string[];
  /** Starts a deploy as if `sha` had been committed (for runtime tests that make no commit). */
  commitLanded(id: string, sha: string): void;
  /** Ends any deploy in progress: RUNNING the current head (for Spaces seeded before a test). */
  settle(id: string): void;
}

const DEFAULT_BUILD_LOG = [
  '===== Build Queued =====',
  '--> FROM docker.io/library/python:3.11',
  '--> RUN pip install --no-cache-dir -r requirements.txt',
  '--> Pushing image',
  'DONE 4.2s',
];
const DEFAULT_RUN_LOG = ['===== Application Startup =====', '* Running on local URL:  http://0.0.0.0:7860'];

interface RuntimeState {
  scripts: DeployScript[];
  pendingSha?: string;
  buildLog: string[];
  runLog: string[];
  deploys: string[];
}

export function attachDeployRuntime(hub: HubEmulator, options: DeployRuntimeOptions = {}): DeployRuntime {
  const states = new Map<string, RuntimeState>();
  const reportsSha = options.reportsSha ?? true;

  function stateOf(id: string): RuntimeState {
    let state = states.get(id);
    if (!state) {
      state = { scripts: [], buildLog: DEFAULT_BUILD_LOG, runLog: DEFAULT_RUN_LOG, deploys: [] };
      states.set(id, state);
    }
    return state;
  }

  function landed(id: string, sha: string): void {
    const space = hub.spaces.get(id);
    if (!space) return;
    if (options.host && space.host.endsWith('.hf.space')) space.host = options.host;
    const state = stateOf(id);
    const script = state.scripts.shift() ?? options.defaultScript ?? {};
    state.deploys.push(sha);
    // The current stage is what the next read reports, so it is the first stale read.
    const staleReads = script.staleReads ?? 1;
    const sequence = [
      ...Array<string>(Math.max(0, staleReads - 1)).fill(space.stage),
      ...(script.stages ?? ['BUILDING', 'APP_STARTING', 'RUNNING']),
    ];
    if (staleReads === 0) space.stage = sequence.shift() ?? space.stage;
    space.then = sequence;
    space.errorMessage = undefined;
    state.pendingSha = sha;
    pendingError.set(id, script.errorMessage);
    state.buildLog = script.buildLog ?? DEFAULT_BUILD_LOG;
    if (script.runLog) state.runLog = script.runLog;
  }
  /** errorMessage appears with the deploy's last stage, not while the previous build still shows. */
  const pendingError = new Map<string, string | undefined>();

  /** Called before a runtime read reports: once the scripted stages ran out, the new build is what serves. */
  function advance(space: SpaceState): void {
    const state = states.get(space.id);
    if (!state?.pendingSha || space.then.length > 0) return;
    if (reportsSha) space.runtimeSha = state.pendingSha;
    space.errorMessage = pendingError.get(space.id);
    state.pendingSha = undefined;
  }

  hub.onCommit((id, commit) => landed(id, commit.oid));

  const runtimeRoute = hub.routes.find((route) => route.name === 'runtime');
  if (!runtimeRoute) throw new Error('the Hub emulator has no runtime route to extend');
  const baseRuntime = runtimeRoute.handle.bind(runtimeRoute);
  runtimeRoute.handle = (request: HubRequest) => {
    const space = hub.spaces.get(request.params[0] ?? '');
    if (space) advance(space);
    const answer = baseRuntime(request);
    if (space) advance(space);
    return answer;
  };

  hub.routes.unshift({
    name: 'logs',
    method: 'GET',
    pattern: /^\/api\/spaces\/([^/]+\/[^/]+)\/logs\/(build|run)$/,
    handle: (request: HubRequest): HubResponse => {
      const id = request.params[0] ?? '';
      const space = hub.spaces.get(id);
      if (request.token === null) return hubError(401, 'Invalid username or password.');
      if (!space) return hubError(404, 'Repository Not Found', 'RepoNotFound');
      const state = stateOf(id);
      const lines = request.params[1] === 'build' ? state.buildLog : state.runLog;
      const follow = options.followLogs ?? true;
      return {
        status: 200,
        headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' },
        stream: (res: ServerResponse) => {
          lines.forEach((line, i) => {
            const timestamp = new Date(Date.UTC(2026, 10, 1, 0, 0, i)).toISOString();
            res.write(`data: ${JSON.stringify({ data: `${line}\n`, timestamp })}\n\n`);
          });
          // A followed stream stays open until the client leaves (or the emulator closes).
          if (!follow) res.end();
          return Promise.resolve();
        },
      };
    },
  });

  return {
    scriptDeploy: (id, script) => {
      stateOf(id).scripts.push(script);
    },
    setLogs: (id, logs) => {
      const state = stateOf(id);
      if (logs.build) state.buildLog = logs.build;
      if (logs.run) state.runLog = logs.run;
    },
    deploys: (id) => [...(states.get(id)?.deploys ?? [])],
    commitLanded: landed,
    settle: (id) => {
      const space = hub.spaces.get(id);
      if (!space) return;
      space.stage = 'RUNNING';
      space.then = [];
      space.errorMessage = undefined;
      const head = hub.repos.head(id);
      if (reportsSha && head) space.runtimeSha = head;
      const state = states.get(id);
      if (state) state.pendingSha = undefined;
    },
  };
}
