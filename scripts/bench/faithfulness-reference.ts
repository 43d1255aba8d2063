// The faithfulness implementation as it was before its speed-up, taken from the repository's history, to check in
// the benchmark that the faster one gives the same results on data the tests cannot ship (FRANK's pairs).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type * as Faithfulness from '#lib/faithfulness/index';

/** The last commit with the implementation before the speed-up (the golden test file was written from it). */
export const REFERENCE_COMMIT = '3efc5172c71475712a9a526b0ba93fb933c0019c';
const DIR = 'actions/lib/faithfulness';

export type FaithfulnessModule = Pick<typeof Faithfulness, 'prepareSource' | 'scoreFaithfulness'>;

/**
 * The reference implementation, written under `out/` (so its `#lib/...` imports resolve to this checkout's shared
 * modules: sentence splitter, stemmer, word lists) and imported; or why it is unavailable (no git history).
 */
export async function loadReference(root: string): Promise<FaithfulnessModule | string> {
  const git = (...args: string[]) => spawnSync('git', ['-C', root, ...args], { encoding: 'utf8' });
  const listed = git('ls-tree', '--name-only', `${REFERENCE_COMMIT}:${DIR}`);
  if (listed.status !== 0) return `commit ${REFERENCE_COMMIT.slice(0, 12)} is not in this clone's history`;
  const target = join(root, 'out', 'faithfulness-reference', REFERENCE_COMMIT.slice(0, 12), DIR);
  mkdirSync(target, { recursive: true });
  for (const name of listed.stdout.split('\n').filter((n) => n.endsWith('.ts'))) {
    const file = git('show', `${REFERENCE_COMMIT}:${DIR}/${name}`);
    if (file.status !== 0) return `git show ${name} failed: ${file.stderr.trim()}`;
    writeFileSync(join(target, name), file.stdout);
  }
  return (await import(pathToFileURL(join(target, 'index.ts')).href)) as FaithfulnessModule;
}

/** How many of `pairs` differ (score, sentences, supports or spans), with the first that does. */
export function differences<T>(
  pairs: readonly T[],
  current: (pair: T) => unknown,
  reference: (pair: T) => unknown,
): { count: number; first?: T } {
  let count = 0;
  let first: T | undefined;
  for (const pair of pairs) {
    if (isDeepStrictEqual(current(pair), reference(pair))) continue;
    count++;
    first ??= pair;
  }
  return first === undefined ? { count } : { count, first };
}
