// The house's size rules (docs/development.md): an action's main.ts reads its inputs, runs one job and publishes,
// so it stays short; every source file holds one concern, so none grows past 300 lines. Tests, emulators,
// fixtures and bundles are not source files here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../harness/run-action';

const MAX_MAIN_LINES = 60;
const MAX_SOURCE_LINES = 300;

const lineCount = (path: string): number =>
  readFileSync(join(REPO_ROOT, path), 'utf8').split('\n').length - 1;

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(join(REPO_ROOT, dir))) {
    const path = join(dir, entry);
    if (statSync(join(REPO_ROOT, path)).isDirectory()) {
      if (entry !== 'dist' && entry !== 'node_modules') files.push(...sourceFiles(path));
    } else if (/\.(ts|mts|mjs|js)$/.test(entry) && !entry.endsWith('.d.ts') && !entry.endsWith('.d.mts')) {
      files.push(path);
    }
  }
  return files;
}

describe('file sizes', () => {
  it(`every action's main.ts has at most ${MAX_MAIN_LINES} lines`, () => {
    const mains = readdirSync(join(REPO_ROOT, 'actions'))
      .map((name) => join('actions', name, 'src', 'main.ts'))
      .filter((path) => {
        try {
          return statSync(join(REPO_ROOT, path)).isFile();
        } catch {
          return false;
        }
      });
    expect(mains.length).toBeGreaterThanOrEqual(5);
    expect(mains.filter((path) => lineCount(path) > MAX_MAIN_LINES)).toEqual([]);
  });

  it(`no source file outside the tests has more than ${MAX_SOURCE_LINES} lines`, () => {
    const files = ['actions', 'scripts', 'bin'].flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(200);
    const long = files
      .filter((path) => lineCount(path) > MAX_SOURCE_LINES)
      .map((path) => `${path}: ${lineCount(path)}`);
    expect(long).toEqual([]);
  });
});
