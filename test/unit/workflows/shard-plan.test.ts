/** evaluate.yml's `plan` step, run with bash as the runner would: how many shards, and the matrix it hands on. */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const workflow = parse(
  await readFile(new URL('../../../.github/workflows/evaluate.yml', import.meta.url), 'utf8'),
) as { jobs: Record<string, { steps: { id?: string; run?: string }[] }> };
const script = workflow.jobs.plan?.steps.find((s) => s.id === 'plan')?.run ?? '';

async function plan(jsonlCases: number, yamlCases: number, requested = '') {
  const dir = await mkdtemp(join(tmpdir(), 'sumops-plan-'));
  await mkdir(join(dir, 'test/eval'), { recursive: true });
  const lines = Array.from({ length: jsonlCases }, (_, i) =>
    JSON.stringify({ id: `c${i}`, text: 't', reference: 'r' }),
  );
  await writeFile(join(dir, 'test/eval/a.jsonl'), `${lines.join('\n')}\n\n`);
  const entries = Array.from(
    { length: yamlCases },
    (_, i) => `  - id: y${i}\n    text: t\n    reference: r\n`,
  );
  await writeFile(join(dir, 'test/eval/b.yaml'), `cases:\n${entries.join('')}`);
  const output = join(dir, 'out');
  await writeFile(output, '');
  const run = await promisify(execFile)('bash', ['-e', '-c', script], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', GITHUB_OUTPUT: output, REQUESTED: requested },
  }).catch((error: { code: number; stdout: string }) => ({ stdout: error.stdout, code: error.code }));
  return { stdout: run.stdout, out: await readFile(output, 'utf8'), code: 'code' in run ? run.code : 0 };
}

describe('evaluate.yml plan: the number of shards', () => {
  it('keeps one shard for a small fixture set', async () => {
    const { out } = await plan(7, 5);
    expect(out).toBe('shards=1\nmatrix=[1]\n');
  });

  it('one shard per 100 cases, JSONL and YAML counted together, at most 8', async () => {
    expect((await plan(150, 60)).out).toBe('shards=3\nmatrix=[1,2,3]\n');
    expect((await plan(2000, 0)).out).toBe('shards=8\nmatrix=[1,2,3,4,5,6,7,8]\n');
  });

  it('takes a requested number, and refuses one that is not 1..64', async () => {
    expect((await plan(3, 0, '4')).out).toBe('shards=4\nmatrix=[1,2,3,4]\n');
    const bad = await plan(3, 0, '0');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('::error::shards must be from 1 to 64, got 0');
    expect((await plan(3, 0, 'many')).stdout).toContain("got 'many'");
  });
});
