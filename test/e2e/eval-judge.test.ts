import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvalResult } from '#lib/evaluate/index';
import { JUDGE_PROMPT_VERSION } from '#lib/judge/index';
import { runCli } from '../harness/cli';
import { EMULATOR_API_KEY, startOpenAIEmulator } from '../emulators/openai';
import type { ChatScript, OpenAIEmulator, ScriptedRequest } from '../emulators/openai';

// `sumops eval --judge openai` end to end: the bundled CLI, the real openai client, the OpenAI emulator as the
// judge (a deterministic lexical grader, test/emulators/openai-judge.ts). Each fixture's source names what the
// emulator does with its judgement: MALFORMED answers broken JSON, LIMITED answers 429 with Retry-After: 1 once.

const JUDGED = ['judge-faithfulness', 'judge-coverage', 'judge-coherence'] as const;

const FIXTURES = [
  {
    id: 'harbor',
    text: 'The council voted to repair the harbor bridge. The work costs 46 million dollars. It starts in March.',
    reference: 'The council voted to repair the harbor bridge.',
  },
  {
    id: 'orchard',
    // Longer than a summary: the judge finds some of its points missing (coverage below 5).
    text: 'The orchard planted two hundred apple trees. Volunteers watered them all summer. The first harvest is due next year. Bees from a nearby farm pollinate the blossoms. A cider press arrives in autumn. Schools will visit during picking season.',
    reference: 'The orchard planted two hundred apple trees.',
  },
  {
    id: 'broken',
    text: 'MALFORMED answers come back for this library story. The library opened a reading room. Children visit on Fridays.',
    reference: 'The library opened a reading room.',
  },
  {
    id: 'limited',
    text: 'LIMITED first by the judge, this ferry story waits. The ferry now runs every fifteen minutes. Tickets cost two dollars.',
    reference: 'The ferry now runs every fifteen minutes.',
  },
];

/** When each request with LIMITED in its prompt arrived, so the wait between the 429 and the retry can be read. */
const limitedAt: number[] = [];

function script({ messages, repeats }: ScriptedRequest): ChatScript | undefined {
  const prompt = messages.at(-1)?.content ?? '';
  if (!prompt.includes('<sumops-summary>')) return undefined;
  if (prompt.includes('MALFORMED')) return { content: '{"claims": [' };
  if (prompt.includes('LIMITED')) {
    limitedAt.push(Date.now());
    if (repeats === 0)
      return {
        failure: {
          status: 429,
          code: 'rate_limit_exceeded',
          message: 'Rate limit reached for requests',
          headers: { 'retry-after': '1' },
        },
      };
  }
  return undefined;
}

let api: OpenAIEmulator;
let dir: string;
let fixtures: string;
beforeAll(async () => {
  api = await startOpenAIEmulator({ script });
  dir = await mkdtemp(join(tmpdir(), 'sumops-e2e-judge-'));
  fixtures = join(dir, 'cases.jsonl');
  await writeFile(fixtures, `${FIXTURES.map((f) => JSON.stringify(f)).join('\n')}\n`);
});
afterAll(() => api.close());

const KEY_VARIABLES = ['SUMOPS_JUDGE_API_KEY', 'OPENAI_API_KEY', 'HF_TOKEN', 'OPENAI_BASE_URL'];

function evalJudged(
  args: string[],
  env: Record<string, string> = { SUMOPS_JUDGE_API_KEY: EMULATOR_API_KEY },
) {
  return runCli(['eval', '--fixtures', fixtures, '--judge', 'openai', '--judge-base-url', api.url, ...args], {
    env: { GITHUB_SHA: 'f'.repeat(40), ...env },
    unsetEnv: KEY_VARIABLES.filter((name) => !(name in env)),
  });
}

const readScores = async (out: string) =>
  JSON.parse(await readFile(join(out, 'scores.json'), 'utf8')) as EvalResult;

/** What two runs of the same cases may differ in: the clock, timings and what judging cost. */
function comparable(result: EvalResult): unknown {
  const { latency, judge: _judge, ...rest } = result;
  return {
    ...rest,
    createdAt: '',
    latency: latency ? { ...latency, p50Ms: 0, p95Ms: 0 } : undefined,
    cases: result.cases.map((c) => ({ ...c, durationMs: 0, latencyMs: 0 })),
  };
}

describe('sumops eval --judge openai', () => {
  const cache = () => join(dir, 'judge-cache');

  it('gives three judge metrics per case, records who judged and what it cost, and does not gate on them', async () => {
    const before = api.chats.length;
    const run = await evalJudged(['--judge-cache', cache(), '--out', join(dir, 'first')]);
    expect(run.code, run.stderr).toBe(0);
    const result = await readScores(join(dir, 'first'));
    expect(result.settings.metrics.slice(-3)).toEqual(JUDGED);
    expect(result.settings.judge).toEqual({
      promptVersion: JUDGE_PROMPT_VERSION,
      model: 'gpt-4o-mini',
      baseUrl: api.url,
    });
    const byId = new Map(result.cases.map((c) => [c.id, c]));
    for (const id of ['harbor', 'orchard', 'limited']) {
      const scores = byId.get(id)?.scores ?? {};
      for (const metric of JUDGED) {
        expect(scores[metric]?.value, `${id} ${metric}`).toBeGreaterThanOrEqual(0);
        expect(scores[metric]?.reason, `${id} ${metric}`).not.toBe('');
      }
      expect(byId.get(id)?.metricErrors).toBeUndefined();
    }
    // The embedded summarizer copies source sentences: the lexical judge finds every claim supported.
    expect(byId.get('harbor')?.scores?.['judge-faithfulness']).toMatchObject({
      value: 1,
      claims: { flagged: [] },
    });
    expect(result.aggregate['judge-faithfulness']?.mean).toBe(1);
    // Calls answered: one per case and a second ask for the malformed one; the 429 was refused, then retried.
    const chats = api.chats.slice(before);
    const calls = chats.filter((c) => c.status === 200).length;
    expect(chats.map((c) => c.status).sort()).toEqual([...Array<number>(FIXTURES.length + 1).fill(200), 429]);
    expect(result.judge).toMatchObject({ calls, cacheHits: 0, condensed: 0 });
    expect(result.judge?.promptTokens).toBeGreaterThan(0);
    // The only gate is the errors gate, and a case the judge could not grade does not fail it.
    expect(result.gates.map((g) => [g.kind, g.passed])).toEqual([['errors', true]]);
    const report = await readFile(join(dir, 'first', 'report.md'), 'utf8');
    expect(report).toContain('| judge-faithfulness | judge-coverage | judge-coherence |');
    expect(report).toContain(`**LLM judge** \`gpt-4o-mini\` at \`${api.url}\``);
    expect(report).toContain(`${calls} calls, 0 cases from the cache`);
    expect(report).toMatch(/\[!NOTE\]\n> Judge metrics are advisory\. .*talk to the judge/);
    expect(run.stdout).toMatch(
      new RegExp(`judge: gpt-4o-mini at \\S+: ${calls} calls, 0 cases from the cache`),
    );
  });

  it('a malformed answer costs its case the judge metrics alone, with the reason; a judge threshold then gates', async () => {
    const result = await readScores(join(dir, 'first'));
    const broken = result.cases.find((c) => c.id === 'broken');
    expect(broken?.summary).toBeDefined();
    expect(Object.keys(broken?.scores ?? {})).toEqual([
      'rouge1',
      'rouge2',
      'rougeL',
      'rougeLsum',
      'faithfulness',
    ]);
    for (const metric of JUDGED)
      expect(broken?.metricErrors?.[metric]).toMatch(
        /^the judge failed on this case \(invalid-answer\): the judge's answer was invalid twice: answer is not JSON/,
      );
    // The other cases count: the mean is over the three judged ones.
    expect(result.passed).toBe(true);
    const report = await readFile(join(dir, 'first', 'report.md'), 'utf8');
    expect(report).toContain('`judge-faithfulness` has no value for 1 of 4 scored cases');
    expect(report).toContain('1 case could not be judged');
    const coverage = result.aggregate['judge-coverage']?.mean ?? 1;
    expect(coverage).toBeLessThan(1);
    const gated = await evalJudged([
      '--judge-cache',
      cache(),
      '--threshold',
      `judge-coverage=${coverage + 0.01}`,
      '--json',
    ]);
    expect(gated.code).toBe(1);
    const verdict = JSON.parse(gated.stdout) as EvalResult;
    expect(verdict.gates.find((g) => g.metric === 'judge-coverage')).toMatchObject({
      kind: 'threshold',
      passed: false,
    });
  });

  it('a second identical run with the same --judge-cache makes no judge call at all', async () => {
    const clean = join(dir, 'clean.jsonl');
    const ids = new Set(['harbor', 'orchard']);
    await writeFile(
      clean,
      FIXTURES.filter((f) => ids.has(f.id))
        .map((f) => `${JSON.stringify(f)}\n`)
        .join(''),
    );
    const twice = (out: string) =>
      runCli(
        [
          'eval',
          '--fixtures',
          clean,
          '--judge',
          'openai',
          '--judge-base-url',
          api.url,
          '--judge-cache',
          join(dir, 'clean-cache'),
          '--out',
          join(dir, out),
        ],
        {
          env: { GITHUB_SHA: 'f'.repeat(40), SUMOPS_JUDGE_API_KEY: EMULATOR_API_KEY },
          unsetEnv: KEY_VARIABLES.slice(1),
        },
      );
    const before = api.requests;
    expect((await twice('clean-1')).code).toBe(0);
    expect(api.requests - before).toBe(2);
    const again = await twice('clean-2');
    expect(again.code, again.stderr).toBe(0);
    expect(api.requests - before).toBe(2);
    const [first, second] = await Promise.all([
      readScores(join(dir, 'clean-1')),
      readScores(join(dir, 'clean-2')),
    ]);
    expect(first.judge).toMatchObject({ calls: 2, cacheHits: 0 });
    expect(second.judge).toMatchObject({ calls: 0, cacheHits: 2, promptTokens: 0, completionTokens: 0 });
    expect(comparable(second)).toEqual(comparable(first));
  });

  it('honours a 429 with Retry-After: the retry waits the second it asks for', () => {
    // Recorded by the first run: the 429, then the retry that succeeded.
    const [limited, retried] = limitedAt;
    expect(limitedAt.length).toBeGreaterThanOrEqual(2);
    expect((retried ?? 0) - (limited ?? 0)).toBeGreaterThanOrEqual(950);
    const statuses = api.chats
      .filter((c) => c.messages.at(-1)?.content.includes('LIMITED'))
      .map((c) => c.status);
    expect(statuses.slice(0, 2)).toEqual([429, 200]);
  });
});

describe('sumops eval --judge: a wrong setting is one line naming what to change', () => {
  it('401: names the variable that supplied the key, and never prints it', async () => {
    for (const [variable, value] of [
      ['SUMOPS_JUDGE_API_KEY', 'sk-wrong-judge-key'],
      ['OPENAI_API_KEY', 'sk-wrong-openai-key'],
    ] as const) {
      const run = await evalJudged(['--json'], { [variable]: value });
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      const lines = run.stderr.trim().split('\n');
      expect(lines.at(-1)).toMatch(
        new RegExp(
          `^sumops eval: the judge endpoint refused the API key: .*; check ${variable}, which supplied the key$`,
        ),
      );
      expect(lines.at(-1)?.split('\n')).toHaveLength(1);
      expect(run.stderr).not.toContain(value);
    }
  });

  it('no key at all: says which variables it reads, for a hosted endpoint before any request', async () => {
    const hosted = await runCli(
      ['eval', '--fixtures', fixtures, '--judge', 'openai', '--judge-base-url', 'https://api.openai.com/v1'],
      { unsetEnv: KEY_VARIABLES },
    );
    const hint = '; set SUMOPS_JUDGE_API_KEY (or OPENAI_API_KEY, or HF_TOKEN for the Hugging Face router)';
    expect(hosted.code).toBe(1);
    expect(hosted.stderr.trim().split('\n').at(-1)).toBe(
      `sumops eval: the judge endpoint https://api.openai.com/v1 needs an API key and none was given${hint}`,
    );
    // A local endpoint may need no key; this one refuses the request, and the hint is the same.
    const local = await evalJudged([], {});
    expect(local.code).toBe(1);
    expect(local.stderr.trim().split('\n').at(-1)).toMatch(
      /^sumops eval: the judge endpoint refused the API key: .*HTTP 401/,
    );
    expect(local.stderr.trim().endsWith(hint)).toBe(true);
  });

  it('404 model: names --judge-model; an endpoint that is not there: names --judge-base-url', async () => {
    const model = await evalJudged(['--judge-model', 'gpt-nonexistent']);
    expect(model.code).toBe(1);
    expect(model.stderr.trim().split('\n').at(-1)).toMatch(
      /^sumops eval: the judge endpoint has no model "gpt-nonexistent": .*; check --judge-model$/,
    );
    const closed = await startOpenAIEmulator();
    const url = closed.url;
    await closed.close();
    const endpoint = await runCli(
      ['eval', '--fixtures', fixtures, '--judge', 'openai', '--judge-base-url', url],
      {
        env: { SUMOPS_JUDGE_API_KEY: EMULATOR_API_KEY },
      },
    );
    expect(endpoint.code).toBe(1);
    expect(endpoint.stderr.trim().split('\n').at(-1)).toMatch(
      /^sumops eval: the judge endpoint cannot be reached: .*; check --judge-base-url$/,
    );
  });
});
