import { describe, expect, it } from 'vitest';
import { DEFAULT_FETCH_TIMEOUT_MS, DEFAULT_MAX_BYTES, getInputs } from '../../../actions/evaluate/src/inputs';
import { ActionInputError, listInput } from '#action-support/action-inputs';

function reader(values: Record<string, string>) {
  const secrets: string[] = [];
  return {
    secrets,
    getInput: (name: string) => values[name] ?? '',
    setSecret: (secret: string) => void secrets.push(secret),
  };
}

describe('evaluate getInputs', () => {
  it('parses a full set of inputs and masks both tokens', () => {
    const core = reader({
      provider: 'space',
      space: 'acme/sumops',
      'hf-token': 'hf_secret',
      'github-token': 'ghs_secret',
      fixtures: 'cases/*.{jsonl,yaml}, more/*.jsonl\nextra.yaml',
      thresholds: 'rouge1=0.30, rougeLsum=0.25',
      baseline: 'base/scores.json',
      tolerance: '0.02',
      concurrency: '8',
      comment: 'false',
      'fail-on-regression': 'False',
    });
    const inputs = getInputs(core);
    expect(inputs).toMatchObject({
      provider: { kind: 'space', space: 'acme/sumops', token: 'hf_secret', hubUrl: 'https://huggingface.co' },
      fixtures: ['cases/*.{jsonl,yaml}', 'more/*.jsonl', 'extra.yaml'],
      thresholds: { rouge1: 0.3, rougeLsum: 0.25 },
      baselinePath: 'base/scores.json',
      tolerance: 0.02,
      concurrency: 8,
      comment: false,
      failOnRegression: false,
      outDir: 'sumops-eval',
    });
    expect(inputs.baselineProvider).toBeUndefined();
    expect(core.secrets).toEqual(['hf_secret', 'ghs_secret']);
  });

  it('defaults to the embedded provider and the documented fixture globs', () => {
    const inputs = getInputs(reader({}));
    expect(inputs.provider).toEqual({ kind: 'embedded' });
    expect(inputs.fixtures).toEqual(['test/eval/*.{jsonl,yaml,yml}']);
    expect(inputs).toMatchObject({ comment: true, failOnRegression: true, concurrency: 4, thresholds: {} });
  });

  it.each([
    [{ concurrency: 'abc' }, 'Input "concurrency" is "abc": expected a whole number from 1 to 64.'],
    [{ concurrency: '0' }, 'Input "concurrency" is "0": expected a whole number from 1 to 64.'],
    [{ provider: 'openai' }, 'Input "provider" is "openai": expected one of embedded, space.'],
    [
      { provider: 'space' },
      'Input "space" is empty: expected a Space id (owner/name) or app URL because provider is "space".',
    ],
    [{ comment: 'maybe' }, 'Input "comment" is "maybe": expected true or false.'],
    [{ 'hub-url': 'huggingface.co' }, 'Input "hub-url" is "huggingface.co": expected an http(s) URL.'],
    [{ 'baseline-provider': 'space' }, 'Input "baseline-space" is empty'],
  ])('rejects %j with a message naming the input', (values, message) => {
    const attempt = () => getInputs(reader(values));
    expect(attempt).toThrow(ActionInputError);
    expect(attempt).toThrow(message);
  });

  it('names the input when a threshold or tolerance is out of range', () => {
    expect(() => getInputs(reader({ thresholds: 'rouge1=30' }))).toThrow(
      /^Input "thresholds" is "rouge1=30": .*not in \[0, 1\]/,
    );
    expect(() => getInputs(reader({ thresholds: 'bleu=0.3' }))).toThrow(
      /Input "thresholds".*unknown metric "bleu"/,
    );
    expect(() => getInputs(reader({ tolerance: '-1' }))).toThrow(/^Input "tolerance" is "-1": /);
    expect(() => getInputs(reader({ provider: 'space', space: 'not a space' }))).toThrow(
      /^Input "space" is "not a space": /,
    );
  });

  it('reads the url-case limits, whose defaults are the ones action.yml documents', async () => {
    const { parse } = await import('yaml');
    const { readFile } = await import('node:fs/promises');
    const action = parse(
      await readFile(new URL('../../../actions/evaluate/action.yml', import.meta.url), 'utf8'),
    ) as { inputs: Record<string, { default: string }> };
    expect(Number(action.inputs['fetch-timeout']?.default)).toBe(DEFAULT_FETCH_TIMEOUT_MS);
    expect(Number(action.inputs['max-bytes']?.default)).toBe(DEFAULT_MAX_BYTES);
    expect(getInputs(reader({}))).toMatchObject({
      fetchTimeoutMs: DEFAULT_FETCH_TIMEOUT_MS,
      maxBytes: DEFAULT_MAX_BYTES,
    });
    expect(getInputs(reader({ 'fetch-timeout': '400', 'max-bytes': '1024' }))).toMatchObject({
      fetchTimeoutMs: 400,
      maxBytes: 1024,
    });
    expect(() => getInputs(reader({ 'fetch-timeout': '0' }))).toThrow(
      'Input "fetch-timeout" is "0": expected a whole number from 1 to 3600000.',
    );
  });

  it('splits lists on newlines and top-level commas only', () => {
    expect(listInput(reader({ x: ' a ,b{c,d}\n\n e,' }), 'x')).toEqual(['a', 'b{c,d}', 'e']);
  });
});
