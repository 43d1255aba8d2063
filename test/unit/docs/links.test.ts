// The README, docs/ and the action READMEs link to files that exist and to headings those files have, so moving a
// section can't leave a dead link behind.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../harness/run-action';

function markdownFiles(): string[] {
  const files = ['README.md'];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(REPO_ROOT, dir))) {
      const path = join(dir, entry);
      if (statSync(join(REPO_ROOT, path)).isDirectory()) walk(path);
      else if (entry.endsWith('.md')) files.push(path);
    }
  };
  walk('docs');
  for (const action of readdirSync(join(REPO_ROOT, 'actions'))) {
    if (existsSync(join(REPO_ROOT, 'actions', action, 'README.md')))
      files.push(join('actions', action, 'README.md'));
  }
  return files;
}

/** The markdown with fenced code blocks blanked out: links and headings in code are not links or headings. */
const outsideCode = (text: string): string => text.replace(/^```[\s\S]*?^```/gm, '');

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const match of outsideCode(text).matchAll(/^#{1,6} (.+)$/gm)) {
    const base = (match[1] as string)
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count === 0 ? base : `${base}-${count}`);
  }
  return result;
}

function deadLinks(file: string): string[] {
  const text = readFileSync(join(REPO_ROOT, file), 'utf8');
  const dead: string[] = [];
  for (const match of outsideCode(text).matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = match[1] as string;
    if (/^[a-z]+:/i.test(target)) continue;
    const [path = '', anchor] = target.split('#');
    const absolute = path === '' ? join(REPO_ROOT, file) : resolve(REPO_ROOT, dirname(file), path);
    const name = relative(REPO_ROOT, absolute);
    if (!existsSync(absolute)) {
      dead.push(`${file}: ${target} (no such file)`);
      continue;
    }
    if (anchor !== undefined && name.endsWith('.md') && !anchors(readFileSync(absolute, 'utf8')).has(anchor))
      dead.push(`${file}: ${target} (no such heading)`);
  }
  return dead;
}

describe('documentation links', () => {
  it('point to files that exist and headings they have', () => {
    const files = markdownFiles();
    expect(files).toContain('docs/cli.md');
    expect(files.flatMap(deadLinks)).toEqual([]);
  });

  it('read GitHub anchors as GitHub makes them', () => {
    expect([
      ...anchors('## `sumops deploy [DIR]`\n## Set-up on GitHub: tokens and environments\n## A\n## A\n'),
    ]).toEqual(['sumops-deploy-dir', 'set-up-on-github-tokens-and-environments', 'a', 'a-1']);
  });
});
