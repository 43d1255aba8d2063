// The judge action's job as a plain function (no @actions/core): without a key it judges nothing, writes nothing
// and says why in a notice fitted to the run (a fork PR gets no secrets; a branch of the repository lacks one).
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getInputs } from '../../../actions/judge/src/inputs';
import { judgeJob } from '../../../actions/judge/src/judge-job';
import { inputReader, recordingLog, runOf } from '../../harness/action-job';

let out: string;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'sumops-judge-job-'));
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

const inputs = () =>
  getInputs(
    inputReader({
      'scores-path': join(out, 'missing', 'scores.json'),
      'fixtures-dir': join(out, 'fixtures'),
      'api-key': '',
      'out-dir': join(out, 'judged'),
    }),
  );

describe('judgeJob without a key', () => {
  it('on a fork PR: judged=false, a notice that forks get no secrets, nothing read or written', async () => {
    const log = recordingLog();
    const outcome = await judgeJob(
      inputs(),
      runOf(out, 'http://127.0.0.1:9', { number: 5, headSha: 'b'.repeat(40), isFork: true }),
      log,
    );
    expect(outcome).toEqual({ outputs: { judged: 'false' } });
    expect(log.lines.notice).toHaveLength(1);
    expect(log.lines.notice[0]).toMatch(/^Skipped the LLM judge: fork PRs get no secrets/);
    expect(existsSync(join(out, 'judged'))).toBe(false);
  });

  it('on a branch of the repository: the notice names the secret to add', async () => {
    const log = recordingLog();
    const outcome = await judgeJob(
      inputs(),
      runOf(out, 'http://127.0.0.1:9', { number: 6, headSha: 'c'.repeat(40) }),
      log,
    );
    expect(outcome.outputs).toEqual({ judged: 'false' });
    expect(log.lines.notice).toEqual([
      expect.stringContaining('Add the repository secret SUMOPS_JUDGE_API_KEY'),
    ]);
  });
});
