import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../harness/cli';
import { EMULATOR_API_KEY, startOpenAIEmulator } from '../emulators/openai';
import type { ChatMessage, OpenAIEmulator } from '../emulators/openai';

/**
 * A grounded "model": finds the numbered source sharing most words (at least two) with the question and answers with its first
 * sentence and citation, or NOT_IN_SOURCES when none does, as the system prompt asks.
 */
function groundedReply(messages: ChatMessage[]): string {
  const user = messages.at(-1)?.content ?? '';
  const question = /^Question: (.*)$/m.exec(user)?.[1] ?? user;
  const words = new Set(question.toLowerCase().match(/[a-z]{5,}/g) ?? []);
  let best: { id: string; text: string; hits: number } | undefined;
  for (const block of user.split(/\n\n(?=\[S\d+\])/)) {
    const match = /^\[(S\d+)\] \([^)]*\)\n([\s\S]*)$/.exec(block.trim());
    if (!match) continue;
    const hits = (match[2]?.toLowerCase().match(/[a-z]{5,}/g) ?? []).filter((w) => words.has(w)).length;
    if (!best || hits > best.hits) best = { id: match[1] as string, text: match[2] as string, hits };
  }
  if (!best || best.hits < 2) return 'NOT_IN_SOURCES';
  return `${best.text.split(/(?<=\.)\s/)[0]} [${best.id}]`;
}

let api: OpenAIEmulator;
let dir: string;
let lighthouse: string;
let bakery: string;

beforeAll(async () => {
  api = await startOpenAIEmulator({ respond: groundedReply });
  dir = await mkdtemp(join(tmpdir(), 'sumops-ask-'));
  lighthouse = join(dir, 'lighthouse.txt');
  bakery = join(dir, 'bakery.txt');
  await writeFile(
    lighthouse,
    'Marta Quell kept the lighthouse ledger for forty years. She logged every passing steamer by name.\n\nThe ledger now sits in the harbour museum.\n',
  );
  await writeFile(bakery, 'The bakery on Dock Street opens at five. Its rye loaves sell out before seven.\n');
});
afterAll(async () => {
  await api.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  api.chats.length = 0;
});

const askCli = (args: string[], env: Record<string, string> = {}) =>
  runCli(['ask', '--base-url', api.url, '--model', 'gpt-4o-mini', ...args], {
    env: { OPENAI_API_KEY: EMULATOR_API_KEY, ...env },
  });

describe('sumops ask', () => {
  it('answers from the relevant source and cites it', async () => {
    const run = await askCli([
      'Who kept the lighthouse ledger?',
      '--context',
      bakery,
      '--context',
      lighthouse,
      '--json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as {
      answer: string;
      answered: boolean;
      citations: { id: string; source: string }[];
      usage: { promptTokens: number };
    };
    expect(result.answered).toBe(true);
    expect(result.answer).toMatch(/^Marta Quell kept the lighthouse ledger for forty years\. \[S\d\]$/);
    expect(result.citations).toEqual([
      { id: expect.stringMatching(/^S\d$/) as string, source: lighthouse, title: 'lighthouse' },
    ]);
    expect(result.usage.promptTokens).toBeGreaterThan(0);
    // The bakery chunk shares no word with the question, so it was not sent.
    expect(api.chats[0]?.messages.at(-1)?.content).not.toContain('rye loaves');

    const text = await askCli(['Who kept the lighthouse ledger?', '--context', lighthouse]);
    expect(text.stdout).toMatch(/\n\nSources:\n {2}\[S1\] lighthouse \(.*lighthouse\.txt\)\n$/);
  });

  it('says when the sources do not contain the answer: no shared terms (no model call), or the model says so', async () => {
    const none = await askCli(['What is the boiling point of mercury?', '--context', bakery, '--json']);
    expect(JSON.parse(none.stdout)).toMatchObject({
      answered: false,
      answer: 'The source does not contain the answer.',
      citations: [],
    });
    expect(api.chats).toHaveLength(0);
    // "museum" is shared, but the emulator (like a model) finds nothing about the museum's hours.
    const model = await askCli([
      'When does the museum open on Sundays?',
      '--context',
      bakery,
      '--context',
      lighthouse,
    ]);
    expect(model.code).toBe(0);
    expect(model.stdout).toBe('None of the 2 sources contains the answer.\n');
    expect(api.chats).toHaveLength(1);
  });

  it('sends only the chunks that fit a small context window', async () => {
    const long = join(dir, 'long.txt');
    const paragraphs = Array.from(
      { length: 300 },
      (_, i) => `Paragraph ${i} is about harbour cranes and their maintenance schedule in year ${1900 + i}.`,
    );
    paragraphs[150] = 'The tide gauge was installed by the engineer Ilse Varga after the flood.';
    await writeFile(long, paragraphs.join('\n\n'));
    const run = await askCli([
      'Who installed the tide gauge?',
      '--context',
      long,
      '--context-tokens',
      '1024',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { answer: string; chunks: { words: number }[] };
    expect(result.answer).toMatch(/Ilse Varga/);
    const sentWords = result.chunks.reduce((sum, c) => sum + c.words, 0);
    expect(sentWords).toBeLessThanOrEqual((1024 - 512 - 200) / 2);
    expect(api.chats[0]?.status).toBe(200);
  });

  it('fails in one line without a key for the hosted API, and with a bad key', async () => {
    const missing = await runCli(['ask', 'Hello?'], {
      unsetEnv: ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'HF_TOKEN'],
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      'sumops ask: no API key for the OpenAI-compatible endpoint https://api.openai.com/v1; set OPENAI_API_KEY (or HF_TOKEN with --base-url https://router.huggingface.co/v1), or --base-url for a local server\n',
    );
    const bad = await askCli(['Hello?'], { OPENAI_API_KEY: 'sk-wrong' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      /^sumops ask: http:\/\/127\.0\.0\.1:\d+\/v1 answered HTTP 401 \(invalid_api_key\) for model gpt-4o-mini: Incorrect API key provided: sk-\*\*\*\..*; check OPENAI_API_KEY\n$/,
    );
  });
});
