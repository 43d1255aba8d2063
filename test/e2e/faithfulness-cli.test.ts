import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../harness/cli';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const sumopsFaithfulness = (args: string[], stdin: string) => runCli(['faithfulness', ...args], { stdin });

interface Row {
  id?: unknown;
  faithfulness: number;
  sentences: {
    text: string;
    support: number;
    unsupported: { text: string; kind: string; start: number }[];
  }[];
}

const jsonLines = (text: string): Row[] =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Row);

const SOURCE =
  'The Eastgate bridge carries 18,000 vehicles a day. Repairs will cost 46 million dollars, the council said.';

describe('sumops faithfulness', () => {
  it('scores each line, carries ids first, skips blank lines and reports bad lines by number', async () => {
    const input = [
      JSON.stringify({
        id: 'verbatim',
        source: SOURCE,
        summary: 'The Eastgate bridge carries 18,000 vehicles a day.',
      }),
      '',
      '{"source": "oops"',
      JSON.stringify({ source: SOURCE, summary: 'Repairs at Westgate will cost $52m.' }),
      JSON.stringify({ id: 'no-summary', source: SOURCE }),
      JSON.stringify(['not', 'an', 'object']),
      JSON.stringify({
        id: 7,
        source: SOURCE,
        summary: 'Repairs will cost $46m.\nThe bridge carries 18 000 cars.',
      }),
    ].join('\n');
    const { code, stdout, stderr } = await sumopsFaithfulness([], input);

    expect(code).toBe(1);
    const rows = jsonLines(stdout);
    expect(rows.map((row) => row.id)).toEqual(['verbatim', undefined, 7]);
    expect(Object.keys(rows[0]!)).toEqual(['id', 'faithfulness', 'sentences']);
    expect(rows[0]).toEqual({
      id: 'verbatim',
      faithfulness: 1,
      sentences: [
        { text: 'The Eastgate bridge carries 18,000 vehicles a day.', support: 1, unsupported: [] },
      ],
    });
    expect(Object.keys(rows[1]!)).toEqual(['faithfulness', 'sentences']);
    expect(rows[1]!.sentences[0]!.unsupported).toEqual([
      { text: 'Westgate', start: 11, end: 19, kind: 'name' },
      { text: '52m', start: 31, end: 34, kind: 'number' },
    ]);
    expect(rows[1]!.faithfulness).toBeLessThan(0.8);
    // "$46m" is the source's "46 million dollars"; "18 000" is two numbers, not "18,000" (one span: adjacent numbers).
    expect(rows[2]!.sentences.map((s) => s.unsupported.map((span) => span.text))).toEqual([
      [],
      ['18 000', 'cars'],
    ]);

    const errors = stderr.split('\n').filter(Boolean);
    expect(errors[0]).toMatch(/^sumops faithfulness: line 3: not valid JSON/);
    expect(errors[1]).toMatch(
      /^sumops faithfulness: line 5: "summary" is missing or not a string; expected \{"source"/,
    );
    expect(errors[2]).toMatch(/^sumops faithfulness: line 6: not a JSON object/);
    expect(errors[3]).toBe('sumops faithfulness: 3 of the input lines failed; see the messages above');
  });

  it('names a line over the size limit and scores the others', async () => {
    const huge = JSON.stringify({ source: 'x'.repeat(9 * 1024 * 1024), summary: 'x' });
    const ok = JSON.stringify({ id: 'after', source: SOURCE, summary: 'The council said so.' });
    const { code, stdout, stderr } = await sumopsFaithfulness([], `${huge}\n${ok}\n`);
    expect(code).toBe(1);
    expect(jsonLines(stdout).map((row) => row.id)).toEqual(['after']);
    expect(stderr).toMatch(/^sumops faithfulness: line 1: longer than 8388608 bytes; skipped$/m);
  });

  it('exits 2 with a usage message for an unknown option or an argument', async () => {
    const unknown = await sumopsFaithfulness(['--types', 'x'], '');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option --types.*sumops faithfulness --help/);
    expect(unknown.stdout).toBe('');
    const positional = await sumopsFaithfulness(['pairs.jsonl'], '');
    expect(positional.code).toBe(2);
  });

  it('prints help with examples, and is listed in sumops --help', async () => {
    const { code, stdout } = await sumopsFaithfulness(['--help'], '');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Examples:/);
    expect(stdout).toMatch(/"unsupported"/);
    const top = await runCli(['--help']);
    expect(top.stdout).toMatch(/^ {2}faithfulness +Score JSONL \{source, summary\}/m);
  });

  it('streams: answers a line before stdin is closed', async () => {
    const child = spawn(process.execPath, ['bin/sumops.js', 'faithfulness'], { cwd: root });
    child.stdout.setEncoding('utf8');
    child.stdin.write(JSON.stringify({ id: 'first', source: 'A b c d.', summary: 'A b c d.' }) + '\n');
    const [first] = (await once(child.stdout, 'data')) as [string];
    expect(JSON.parse(first.trim())).toMatchObject({ id: 'first', faithfulness: 1 });
    child.stdin.end(JSON.stringify({ id: 'second', source: 'A b.', summary: 'Zed.' }) + '\n');
    let rest = '';
    child.stdout.on('data', (chunk: string) => (rest += chunk));
    const [code] = (await once(child, 'close')) as [number | null];
    expect(code).toBe(0);
    expect(jsonLines(rest).map((row) => [row.id, row.faithfulness])).toEqual([['second', 0]]);
  });
});
