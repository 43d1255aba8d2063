import { describe, expect, it } from 'vitest';
import { JUDGE_RESPONSE_FORMAT, parseJudgeAnswer } from '#lib/judge/schema';
import { MAX_CLAIMS } from '#lib/judge/types';
import type { JudgeAnswer } from '#lib/judge/schema';
import { MAX_REASON_CHARS, emptySummaryScores, ratingFraction, scoreAnswer } from '#lib/judge/scores';
import { checkResponseFormat } from '../../emulators/openai-schema';

const answer: JudgeAnswer = {
  claims: [
    { claim: 'The mill closed in 1990.', verdict: 'supported' },
    { claim: 'It employed 400 people.', verdict: 'contradicted' },
    { claim: 'The town   grew\nafterwards.', verdict: 'not_in_source' },
    { claim: 'It was on the river.', verdict: 'supported' },
  ],
  faithfulness_reason: 'The headcount is wrong.',
  coverage: { reason: 'Misses why it closed.', score: 3 },
  coherence: { reason: 'Reads well.', score: 5 },
};

describe('the judge answer schema', () => {
  it('is a strict json_schema response format that strict mode accepts', () => {
    expect(JUDGE_RESPONSE_FORMAT.type).toBe('json_schema');
    expect(JUDGE_RESPONSE_FORMAT.json_schema).toMatchObject({ name: 'sumops_judge', strict: true });
    expect(checkResponseFormat(JUDGE_RESPONSE_FORMAT).kind).toBe('json_schema');
    const schema = JUDGE_RESPONSE_FORMAT.json_schema.schema as {
      properties: { claims: { minItems: number; maxItems: number } };
      required: string[];
    };
    expect(schema.properties.claims).toMatchObject({ minItems: 1, maxItems: MAX_CLAIMS });
    expect(schema.required).toEqual(['claims', 'faithfulness_reason', 'coverage', 'coherence']);
  });

  it('accepts a valid answer, also inside a Markdown code fence', () => {
    expect(parseJudgeAnswer(JSON.stringify(answer))).toEqual({ ok: true, answer });
    expect(parseJudgeAnswer('```json\n' + JSON.stringify(answer) + '\n```')).toEqual({ ok: true, answer });
  });

  it('says in one line why an answer is invalid', () => {
    expect(parseJudgeAnswer('{"claims": [')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^answer is not JSON \(/) as string,
    });
    const offScale = { ...answer, coverage: { reason: 'x', score: 7 } };
    const result = parseJudgeAnswer(JSON.stringify(offScale));
    expect(result).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^answer does not match the schema \(coverage\.score: /) as string,
    });
    expect(parseJudgeAnswer(JSON.stringify({ ...answer, claims: [] }))).toMatchObject({ ok: false });
    expect(parseJudgeAnswer(JSON.stringify({ ...answer, extra: 1 }))).toMatchObject({ ok: true });
    expect(parseJudgeAnswer(' '.repeat(70_000))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/characters is over/) as string,
    });
  });
});

describe('scoreAnswer', () => {
  it('maps claims to the supported share and ratings linearly to fractions', () => {
    const { metrics, claims } = scoreAnswer(answer);
    expect(metrics['judge-faithfulness']).toEqual({ value: 0.5, reason: 'The headcount is wrong.' });
    expect(metrics['judge-coverage']).toEqual({ value: 0.5, reason: 'Misses why it closed.', rating: 3 });
    expect(metrics['judge-coherence']).toEqual({ value: 1, reason: 'Reads well.', rating: 5 });
    expect(claims).toEqual({
      total: 4,
      supported: 2,
      flagged: [
        { claim: 'It employed 400 people.', verdict: 'contradicted' },
        { claim: 'The town grew afterwards.', verdict: 'not_in_source' },
      ],
    });
    expect([1, 2, 3, 4, 5].map(ratingFraction)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('keeps reasons to one bounded line', () => {
    const long = scoreAnswer({ ...answer, faithfulness_reason: 'word '.repeat(500) });
    const reason = long.metrics['judge-faithfulness'].reason;
    expect(reason.length).toBe(MAX_REASON_CHARS);
    expect(reason.endsWith('…')).toBe(true);
  });

  it('scores an empty summary 0 on every metric', () => {
    const { metrics } = emptySummaryScores();
    expect(Object.values(metrics).map((m) => m.value)).toEqual([0, 0, 0]);
  });
});
