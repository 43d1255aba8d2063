import type { InputReader } from '#action-support/action-inputs';
import type { ActionLog, RunContext } from '#action-support/job';

/** A log that keeps every line by level, for jobs run without @actions/core. */
export function recordingLog(): ActionLog & {
  lines: Record<'debug' | 'info' | 'warn' | 'notice', string[]>;
} {
  const lines = { debug: [] as string[], info: [] as string[], warn: [] as string[], notice: [] as string[] };
  return {
    lines,
    debug: (message) => lines.debug.push(message),
    info: (message) => lines.info.push(message),
    warn: (message) => lines.warn.push(message),
    notice: (message) => lines.notice.push(message),
  };
}

/** An action's inputs as the runner gives them (unset ones are ''), for the entries' getInputs. */
export function inputReader(inputs: Record<string, string>): InputReader {
  return { getInput: (name) => inputs[name] ?? '', setSecret: () => undefined };
}

/** A run of acme/summaries on `apiUrl`; with `pr`, a same-repository pull_request event about it. */
export function runOf(
  workspace: string,
  apiUrl: string,
  pr?: { number: number; headSha: string; isFork?: boolean },
): RunContext {
  return {
    workspace,
    owner: 'acme',
    repo: 'summaries',
    serverUrl: 'https://github.com',
    apiUrl,
    sha: 'f'.repeat(40),
    eventName: pr ? 'pull_request' : 'push',
    payload: {},
    ...(pr
      ? {
          pullRequest: {
            number: pr.number,
            headSha: pr.headSha,
            headRepo: pr.isFork ? 'someone/summaries' : 'acme/summaries',
            baseRepo: 'acme/summaries',
            isFork: pr.isFork ?? false,
          },
        }
      : {}),
    runUrl: 'https://github.com/acme/summaries/actions/runs/42',
  };
}
