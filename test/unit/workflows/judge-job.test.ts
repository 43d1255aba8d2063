/**
 * evaluate.yml#judge, read as a reviewer would: the one job that holds the judge key runs no PR code (the base
 * commit, main's judge action, no shell but writing the PR number), holds that key alone, gates as the merge did,
 * keeps its cache with actions/cache, and hands its results to the comment workflow and to main's later runs.
 * The generic rules (privileged jobs never check out or run PR code, pin their actions, download under
 * runner.temp) are in security.test.ts, which covers this job with the others.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Step {
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Job {
  if?: string;
  needs?: unknown;
  permissions?: unknown;
  steps: Step[];
}
const workflow = (file: string) =>
  parse(readFileSync(new URL(`../../../.github/workflows/${file}`, import.meta.url), 'utf8')) as {
    jobs: Record<string, Job>;
  };
const evaluate = workflow('evaluate.yml');
const job = evaluate.jobs.judge as Job;
const judgeStep = job.steps.find((s) => s.uses === './actions/judge');
const mergeStep = evaluate.jobs.merge?.steps.find((s) => s.uses === './actions/evaluate');
const uses = (pattern: RegExp) => job.steps.filter((s) => pattern.test(s.uses ?? ''));
const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value ?? ''));

describe('evaluate.yml#judge: the LLM judge holds its key and runs no PR code', () => {
  it('runs after the merge, only when SUMOPS_JUDGE is openai, with contents: read alone', () => {
    expect(job.needs).toEqual(['baseline', 'merge']);
    expect(job.if).toContain("vars.SUMOPS_JUDGE == 'openai'");
    expect(job.if).toContain('!cancelled()');
    expect(job.permissions).toEqual({ contents: 'read' });
  });

  it('checks out the base commit, runs main’s judge action and executes nothing it downloaded', () => {
    expect(uses(/^actions\/checkout@/).map((s) => s.with)).toEqual([
      { ref: '${{ github.event.pull_request.base.sha || github.sha }}', 'persist-credentials': false },
    ]);
    expect(job.steps.filter((s) => s.uses?.startsWith('./')).map((s) => s.uses)).toEqual(['./actions/judge']);
    expect(judgeStep?.if).toContain("hashFiles('actions/judge/action.yml') != ''");
    expect(job.steps.filter((s) => s.run !== undefined).map((s) => s.run?.trim())).toEqual([
      `printf '%s\\n' "$PR_NUMBER" > "$RUNNER_TEMP/eval-judged/pr-number"`,
    ]);
    // The results and fixtures are this run's artifacts, read as data by the action.
    expect(uses(/^actions\/download-artifact@/).map((s) => s.with?.name)).toEqual([
      "${{ github.event_name == 'pull_request' && 'eval-results' || 'eval-scores-main' }}",
      'eval-fixtures',
      'baseline',
    ]);
    expect(judgeStep?.with?.['scores-path']).toBe('${{ runner.temp }}/eval-results/scores.json');
    expect(judgeStep?.with?.['fixtures-dir']).toBe('${{ runner.temp }}/eval-fixtures');
    // The merge job, which runs PR code, only copies the fixture files for it: nothing there parses them.
    const copy = evaluate.jobs.merge?.steps.find((s) => s.run?.includes('eval-fixtures'));
    expect(copy?.run?.trim()).toBe(
      'mkdir -p "$RUNNER_TEMP/eval-fixtures/test" && cp -R test/eval "$RUNNER_TEMP/eval-fixtures/test/"',
    );
  });

  it('holds one secret, the judge key, only as the judge action’s api-key', () => {
    const secrets = [...JSON.stringify(job).matchAll(/secrets\.(\w+)/g)].map((m) => m[1]);
    expect(secrets).toEqual(['SUMOPS_JUDGE_API_KEY']);
    expect(judgeStep?.with?.['api-key']).toBe('${{ secrets.SUMOPS_JUDGE_API_KEY }}');
  });

  it('gates as the merge did (same thresholds, baseline and history) and keeps its cache with actions/cache', () => {
    for (const input of ['thresholds', 'baseline', 'history'])
      expect(judgeStep?.with?.[input], input).toBe(mergeStep?.with?.[input]);
    const [cache] = uses(/^actions\/cache@/);
    expect(cache?.with?.path).toBe(judgeStep?.with?.['cache-dir']);
    expect(text(cache?.with?.key)).toMatch(
      /^sumops-judge-\$\{\{ vars\.SUMOPS_JUDGE_MODEL .*hashFiles\('actions\/lib\/judge\/prompt\.ts', 'actions\/lib\/judge\/schema\.ts'\) \}\}-\$\{\{ github\.run_id \}\}/,
    );
    expect(text(cache?.with?.key).startsWith(text(cache?.with?.['restore-keys']))).toBe(true);
  });

  it('its results are what the comment workflow posts, and on main what later runs compare with', () => {
    const comment = workflow('evaluate-comment.yml').jobs.comment;
    expect(
      comment?.steps.filter((s) => /download-artifact/.test(s.uses ?? '')).map((s) => s.with?.name),
    ).toEqual(['eval-results-judged', 'eval-results']);
    expect(uses(/^actions\/upload-artifact@/).map((s) => s.with?.name)).toEqual([
      'eval-results-judged',
      'eval-scores-main-judged',
      'history-record-judged',
    ]);
    const baseline = evaluate.jobs.baseline?.steps.map((s) => s.run ?? '').join('\n');
    expect(baseline).toMatch(
      /--name eval-scores-main-judged [^\n]*\\\n\s*\|\| gh run download [^\n]*--name eval-scores-main /,
    );
  });
});
