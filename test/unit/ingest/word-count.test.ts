import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { load } from '#lib/ingest/load';
import type { Clock, Logger } from '#lib/log';

const clock: Clock = { now: () => 0, sleep: () => Promise.resolve() };
const logger: Logger = { debug() {}, info() {}, warn() {} };

describe('Document.wordCount', () => {
  it('counts words as the summarizer budgets do: each Han/Kana character is one, punctuation runs too', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sumops-words-'));
    const path = join(dir, 'note.txt');
    // 3 Latin tokens + 5 Han characters + "—" (a whitespace-separated token, as --max-words counts it).
    await writeFile(path, 'Tokyo trip notes — 我们去公园\n');
    const doc = await load(path, { clock, logger, cwd: dir });
    expect(doc.wordCount).toBe(9);
  });
});
