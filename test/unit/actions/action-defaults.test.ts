import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_EVAL_CONCURRENCY, DEFAULT_FIXTURE_GLOBS, DEFAULT_HUB_URL } from '#lib/defaults';
import type { InputReader } from '#action-support/action-inputs';
import { DEFAULT_OPENAI_BASE_URL, DEFAULT_OPENAI_MODEL } from '#lib/summarize/openai-defaults';

interface ActionMetadata {
  inputs?: Record<string, { default?: string; required?: boolean }>;
}

const actionsDir = join(import.meta.dirname, '../../../actions');
const actions = readdirSync(actionsDir).filter((name) => {
  try {
    readFileSync(join(actionsDir, name, 'action.yml'));
    return true;
  } catch {
    return false;
  }
});

function metadata(name: string): ActionMetadata {
  return parse(readFileSync(join(actionsDir, name, 'action.yml'), 'utf8')) as ActionMetadata;
}

// Values for inputs that are required, or whose default is an expression the runner fills in, and values that
// make the other inputs observable (hub-url only shows in a Space provider). A new action whose required inputs
// are missing here fails below with its own input error.
const SAMPLES: Record<string, Record<string, string>> = {
  evaluate: { 'github-token': 'ghs_sample', provider: 'space', space: 'acme/sumops' },
  comment: { 'github-token': 'ghs_sample', 'scores-path': 'scores.json', 'pr-number': '17' },
  'summarize-urls': { 'github-token': 'ghs_sample' },
  'deploy-space': { 'hf-token': 'hf_sample', space: 'acme/sumops' },
  'space-preview': { command: 'delete', 'hf-token': 'hf_sample', space: 'acme/sumops', 'pr-number': '7' },
  judge: {
    'scores-path': 'eval-results/scores.json',
    'fixtures-dir': 'eval-fixtures',
    'api-key': 'sk-sample',
  },
};

function reader(values: Record<string, string>): InputReader {
  return { getInput: (name) => values[name] ?? '', setSecret() {} };
}

async function getInputsOf(name: string): Promise<(core: InputReader) => unknown> {
  const module = (await import(join(actionsDir, name, 'src', 'inputs.ts'))) as {
    getInputs: (core: InputReader) => unknown;
  };
  return module.getInputs;
}

describe('action.yml defaults', () => {
  it.each(actions)('%s: every literal default is also what the entry falls back to', async (name) => {
    const inputs = metadata(name).inputs ?? {};
    const getInputs = await getInputsOf(name);
    const literal = Object.entries(inputs).flatMap(([input, spec]) =>
      spec.default !== undefined && spec.default !== '' && !spec.default.includes('${{')
        ? [[input, spec.default] as const]
        : [],
    );
    const base: Record<string, string> = {};
    for (const [input, spec] of Object.entries(inputs)) {
      if (spec.default !== undefined && !spec.default.includes('${{')) base[input] = spec.default;
    }
    Object.assign(base, SAMPLES[name] ?? {});
    const mismatches = literal.flatMap(([input, value]) => {
      const given = getInputs(reader({ ...base, [input]: value }));
      const omitted = getInputs(reader({ ...base, [input]: '' }));
      return JSON.stringify(given) === JSON.stringify(omitted) ? [] : [{ input, given, omitted }];
    });
    expect(mismatches).toEqual([]);
  });

  it('evaluate: hub-url, fixtures and concurrency state the shared defaults', () => {
    const inputs = metadata('evaluate').inputs ?? {};
    expect({
      hubUrl: inputs['hub-url']?.default,
      fixtures: inputs.fixtures?.default?.trim().split('\n'),
      concurrency: inputs.concurrency?.default,
    }).toEqual({
      hubUrl: DEFAULT_HUB_URL,
      fixtures: DEFAULT_FIXTURE_GLOBS,
      concurrency: String(DEFAULT_EVAL_CONCURRENCY),
    });
  });

  it('judge: model, base-url, concurrency and fixtures state the judge and evaluation defaults', () => {
    const inputs = metadata('judge').inputs ?? {};
    expect({
      model: inputs.model?.default,
      baseUrl: inputs['base-url']?.default,
      concurrency: inputs.concurrency?.default,
      fixtures: inputs.fixtures?.default?.trim().split('\n'),
    }).toEqual({
      model: DEFAULT_OPENAI_MODEL,
      baseUrl: DEFAULT_OPENAI_BASE_URL,
      concurrency: '4',
      fixtures: DEFAULT_FIXTURE_GLOBS,
    });
  });
});
