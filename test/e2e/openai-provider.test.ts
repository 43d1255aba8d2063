import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../harness/cli';
import { EMULATOR_API_KEY, startOpenAIEmulator } from '../emulators/openai';
import type { OpenAIEmulator } from '../emulators/openai';

let api: OpenAIEmulator;
beforeAll(async () => {
  api = await startOpenAIEmulator({ delayMs: 300 });
});
afterAll(() => api.close());

const summarize = (args: string[], env: Record<string, string> = { OPENAI_API_KEY: EMULATOR_API_KEY }) =>
  runCli(['summarize', '--provider', 'openai', '--base-url', api.url, ...args], {
    env,
    unsetEnv: ['OPENAI_MODEL'],
  });

describe('sumops summarize --provider openai', () => {
  it('summarizes through the endpoint (a slow one, too) and reports provider and model', async () => {
    const run = await summarize(['--json', '--sentences', '2', 'examples/solar-sail.html']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { provider: string; model: string; sentences: string[] };
    expect(result).toMatchObject({ provider: 'openai', model: 'gpt-4o-mini' });
    expect(result.sentences).toHaveLength(2);
    expect(api.chats.at(-1)?.messages[0]?.content).toMatch(/exactly 2 sentences/);
  });

  it('maps a long document over several calls within a small context instead of truncating it', async () => {
    const fast = await startOpenAIEmulator();
    const text = Array.from(
      { length: 60 },
      (_, i) => `Ship ${i} passed the lighthouse at dawn and the keeper wrote its name down.`,
    ).join('\n\n');
    const run = await runCli(
      [
        'summarize',
        '--provider',
        'openai',
        '--base-url',
        fast.url,
        '--model',
        'tiny-context',
        '--context-tokens',
        '1024',
        '--json',
        '-',
      ],
      { env: { OPENAI_API_KEY: EMULATOR_API_KEY }, stdin: text },
    ).finally(() => fast.close());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(fast.chats.length).toBeGreaterThan(2);
    expect(fast.chats.every((c) => c.status === 200)).toBe(true);
    // All 60 paragraphs reached the model in the map round.
    const mapped = fast.chats
      .slice(0, -1)
      .map((c) => c.messages.at(-1)?.content ?? '')
      .join('\n');
    for (let i = 0; i < 60; i++) expect(mapped).toContain(`Ship ${i} passed`);
  });

  it('names an unknown model in one line', async () => {
    const run = await summarize(['--model', 'gpt-imaginary', 'examples/solar-sail.html']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^sumops: examples\/solar-sail\.html: .* answered HTTP 404 \(model_not_found\) for model gpt-imaginary: The model `gpt-imaginary` does not exist or you do not have access to it\.\n$/,
    );
  });
});
