import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_CACHE_ENTRY_BYTES, openJudgeCache, sha256 } from '#lib/judge/cache';
import type { JudgeCacheKey } from '#lib/judge/cache';
import type { JudgeAnswer } from '#lib/judge/schema';
import { recordingLogger } from '../../harness/fakes';

const answer: JudgeAnswer = {
  claims: [{ claim: 'The mill closed.', verdict: 'supported' }],
  faithfulness_reason: 'All supported.',
  coverage: { reason: 'Main point.', score: 4 },
  coherence: { reason: 'Fine.', score: 5 },
};
const key: JudgeCacheKey = {
  promptVersion: 'v1',
  model: 'gpt-4o-mini',
  sourceSha256: sha256('source'),
  summarySha256: sha256('summary'),
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sumops-judge-cache-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** Every file under the cache directory, relative. */
async function files(): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
}

describe('the judge cache', () => {
  it('stores one small JSON file per key and reads it back; any other key misses', async () => {
    const cache = openJudgeCache(dir, recordingLogger());
    expect(await cache.read(key)).toBeUndefined();
    await cache.write(key, { answer, condensed: true });
    expect(await cache.read(key)).toEqual({ answer, condensed: true });
    for (const field of ['promptVersion', 'model', 'sourceSha256', 'summarySha256'] as const)
      expect(await cache.read({ ...key, [field]: 'other' })).toBeUndefined();
    const written = await files();
    // No temporary file is left behind: the entry was renamed into place.
    expect(written).toEqual([expect.stringMatching(/^[0-9a-f]{2}\/[0-9a-f]{64}\.json$/)]);
    const entry = JSON.parse(await readFile(join(dir, written[0] ?? ''), 'utf8')) as Record<string, unknown>;
    expect(entry).toMatchObject({ format: 'sumops-judge-cache', version: 1, ...key, condensed: true });
  });

  it('ignores corrupt, foreign and oversized entries, and overwrites them', async () => {
    const logger = recordingLogger();
    const cache = openJudgeCache(dir, logger);
    await cache.write(key, { answer, condensed: false });
    const [path] = await files();
    const full = join(dir, path ?? '');
    const bad = [
      '{"format": "sumops-judge-cache", "version": 1',
      JSON.stringify({
        format: 'sumops-judge-cache',
        version: 1,
        ...key,
        condensed: false,
        answer: { claims: [] },
      }),
      // A valid entry for another key, copied under this key's name.
      JSON.stringify({
        format: 'sumops-judge-cache',
        version: 1,
        ...key,
        model: 'other',
        condensed: false,
        answer,
      }),
      JSON.stringify({
        format: 'sumops-judge-cache',
        version: 1,
        ...key,
        condensed: false,
        answer,
        pad: 'x'.repeat(MAX_CACHE_ENTRY_BYTES),
      }),
    ];
    for (const text of bad) {
      await writeFile(full, text);
      expect(await cache.read(key)).toBeUndefined();
      await cache.write(key, { answer, condensed: false });
      expect(await cache.read(key)).toEqual({ answer, condensed: false });
    }
    expect(logger.text('warn')).toMatch(/ignoring .*: not a judge cache entry for this key/);
    expect(logger.text('warn')).toMatch(/ignoring .*: .* larger than the 65536 bytes allowed/);
  });

  it('logs instead of throwing when it cannot write, and leaves no temporary file', async () => {
    const logger = recordingLogger();
    const cache = openJudgeCache(dir, logger);
    await cache.write(key, { answer, condensed: false });
    const [path] = await files();
    // A directory where the entry should go: the rename fails.
    await rm(join(dir, path ?? ''));
    await mkdir(join(dir, path ?? ''));
    await cache.write(key, { answer, condensed: true });
    expect(logger.text('warn')).toMatch(/cannot write/);
    expect(await files()).toEqual([]);
    expect(await cache.read(key)).toBeUndefined();
  });
});
