import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../harness/cli';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const sumopsRouge = (args: string[], stdin: string) => runCli(['rouge', ...args], { stdin });

const jsonLines = (text: string): Record<string, unknown>[] =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('sumops rouge', () => {
  it('scores each line, carries ids first, skips blank lines and reports bad lines by number', async () => {
    const input = [
      JSON.stringify({
        id: 'a1',
        prediction: 'The cat was on the mat.',
        reference: 'The cat sat on the red mat.',
      }),
      '',
      '{"prediction": "oops"',
      JSON.stringify({ prediction: 'a b c', references: ['c b a', 'a b x y z'] }),
      JSON.stringify({ id: 'no-ref', prediction: 'x' }),
    ].join('\n');
    const { code, stdout, stderr } = await sumopsRouge([], input);

    expect(code).toBe(1);
    const rows = jsonLines(stdout);
    expect(rows).toHaveLength(2);
    expect(Object.keys(rows[0]!)).toEqual(['id', 'rouge1', 'rouge2', 'rougeL', 'rougeLsum']);
    expect(rows[0]!.id).toBe('a1');
    // rouge1 for this pair: 5 shared of 6 predicted / 7 reference tokens → F = 10/13.
    expect((rows[0]!.rouge1 as { fmeasure: number }).fmeasure).toBeCloseTo(10 / 13, 12);
    expect(rows[0]!.rouge2).toEqual({
      precision: 2 / 5,
      recall: 1 / 3,
      fmeasure: expect.closeTo(4 / 11, 12) as number,
    });
    // Multi-reference line: rouge1 from the first reference (F = 1), rouge2 from the second (F = 1/3).
    expect(Object.keys(rows[1]!)).toEqual(['rouge1', 'rouge2', 'rougeL', 'rougeLsum']);
    expect((rows[1]!.rouge1 as { fmeasure: number }).fmeasure).toBe(1);
    expect((rows[1]!.rouge2 as { fmeasure: number }).fmeasure).toBeCloseTo(1 / 3, 12);

    const errors = stderr.split('\n').filter(Boolean);
    expect(errors[0]).toMatch(/^sumops rouge: line 3: not valid JSON/);
    expect(errors[1]).toMatch(/^sumops rouge: line 5: "reference" is missing/);
  });

  it('honours --types and --no-stemmer', async () => {
    const input = JSON.stringify({ id: 1, prediction: 'cats running', reference: 'cat runs' }) + '\n';
    const stemmed = jsonLines((await sumopsRouge(['--types', 'rouge1,rougeLsum'], input)).stdout);
    expect(stemmed).toEqual([
      {
        id: 1,
        rouge1: { precision: 1, recall: 1, fmeasure: 1 },
        rougeLsum: { precision: 1, recall: 1, fmeasure: 1 },
      },
    ]);
    const plain = await sumopsRouge(['--no-stemmer', '--types=rouge1'], input);
    expect(plain.code).toBe(0);
    expect(jsonLines(plain.stdout)).toEqual([{ id: 1, rouge1: { precision: 0, recall: 0, fmeasure: 0 } }]);
  });

  it('exits 2 with a usage message for an invalid --types entry or an unknown option', async () => {
    const bad = await sumopsRouge(['--types', 'rouge1,rouge10'], '');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/invalid ROUGE type "rouge10"/);
    expect(bad.stdout).toBe('');
    const unknown = await sumopsRouge(['--stem'], '');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--stem/);
  });

  it('prints help with examples', async () => {
    const { code, stdout } = await sumopsRouge(['--help'], '');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Examples:/);
    expect(stdout).toMatch(/--no-stemmer/);
  });

  it('streams: answers a line before stdin is closed', async () => {
    const child = spawn(process.execPath, ['bin/sumops.js', 'rouge', '--types', 'rouge1'], { cwd: root });
    child.stdout.setEncoding('utf8');
    child.stdin.write(JSON.stringify({ id: 'first', prediction: 'a b', reference: 'a b' }) + '\n');
    const [first] = (await once(child.stdout, 'data')) as [string];
    expect(JSON.parse(first.trim())).toEqual({
      id: 'first',
      rouge1: { precision: 1, recall: 1, fmeasure: 1 },
    });
    child.stdin.end(JSON.stringify({ id: 'second', prediction: 'a', reference: 'b' }) + '\n');
    let rest = '';
    child.stdout.on('data', (chunk: string) => (rest += chunk));
    const [code] = (await once(child, 'close')) as [number | null];
    expect(code).toBe(0);
    expect(jsonLines(rest).map((row) => row.id)).toEqual(['second']);
  });
});
