import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../harness/cli';
import { startGradioEmulator } from '../emulators/gradio';
import type { GradioEmulator } from '../emulators/gradio';

interface SummaryLine {
  source: string;
  title: string;
  summary: string;
  sentences: string[];
  starts: (number | null)[];
  provider: string;
  model: string;
  timings: { loadMs: number; summarizeMs: number; totalMs: number };
}

const parseLines = (stdout: string): SummaryLine[] =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as SummaryLine);

const words = (text: string): number => text.split(/\s+/).filter(Boolean).length;

async function extractedText(source: string): Promise<string> {
  const { stdout } = await runCli(['extract', '--json', source]);
  return (JSON.parse(stdout) as { text: string }).text;
}

describe('sumops summarize (embedded)', () => {
  it('summarizes the bundled page with sentences taken from its article text, in document order', async () => {
    const { code, stdout, stderr } = await runCli(['summarize', 'examples/solar-sail.html']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const sentences = stdout.trim().split('\n');
    expect(sentences).toHaveLength(3);
    const text = await extractedText('examples/solar-sail.html');
    const positions = sentences.map((sentence) => text.indexOf(sentence));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('prints one JSON line per source and keeps going past a failing one (exit 1)', async () => {
    const { code, stdout, stderr } = await runCli([
      'summarize',
      '--json',
      '--sentences',
      '2',
      'examples/solar-sail.html',
      'examples/no-such-file.html',
      'examples/talk.vtt',
    ]);
    expect(code).toBe(1);
    const lines = parseLines(stdout);
    expect(lines.map((l) => l.source)).toEqual(['examples/solar-sail.html', 'examples/talk.vtt']);
    for (const line of lines) {
      expect(line.sentences).toHaveLength(2);
      expect(line.summary).toBe(line.sentences.join('\n'));
      expect(line.provider).toBe('embedded');
      expect(line.timings.totalMs).toBeGreaterThanOrEqual(line.timings.summarizeMs);
    }
    expect(lines[0]?.title).toMatch(/Solar Sails/);
    const errors = stderr.trim().split('\n');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/examples\/no-such-file\.html/);
    expect(errors[0]).not.toMatch(/\n\s+at /);
  });

  it('respects --max-words and reads standard input', async () => {
    const text = await extractedText('examples/solar-sail.html');
    const { code, stdout } = await runCli(['summarize', '--json', '--max-words', '25', '-'], { stdin: text });
    expect(code).toBe(0);
    const [line] = parseLines(stdout);
    expect(line?.source).toBe('-');
    expect(words(line?.summary ?? '')).toBeGreaterThan(0);
    expect(words(line?.summary ?? '')).toBeLessThanOrEqual(25);
  });

  it.each([
    [['summarize'], /at least one source/],
    [['summarize', '--sentences', '0', 'x.txt'], /--sentences/],
    [['summarize', '--sentences', '2', '--max-words', '10', 'x.txt'], /not both/],
    [['summarize', '--provider', 'gpt9', 'x.txt'], /--provider must be one of embedded, space/],
    [['summarize', '--provider', 'space', 'x.txt'], /needs --space/],
    [['summarize', '--bogus', 'x.txt'], /bogus/],
    [['summarize', '--format', 'html', 'x.txt'], /--format must be one of text, bullets, markdown/],
  ])('rejects %j as a usage error (exit 2)', async (args, message) => {
    const { code, stderr, stdout } = await runCli(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });

  it('shows examples in --help', async () => {
    const { code, stdout } = await runCli(['summarize', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Examples:\n\s+sumops summarize /);
  });
});

describe('sumops summarize: timestamps and --format', () => {
  const TALK = 'test/fixtures/talk/talk.srt';

  it('adds starts (seconds, parallel to sentences) to --json, null for sources without times', async () => {
    const { code, stdout } = await runCli([
      'summarize',
      '--json',
      '--sentences',
      '4',
      TALK,
      'examples/solar-sail.html',
    ]);
    expect(code).toBe(0);
    const [talk, page] = parseLines(stdout);
    expect(talk?.sentences).toHaveLength(4);
    expect(talk?.starts).toHaveLength(4);
    expect(talk?.starts.every((start) => typeof start === 'number')).toBe(true);
    expect([...(talk?.starts ?? [])].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(talk?.starts);
    expect(page?.starts).toEqual([null, null, null, null]);
  });

  it('starts each text line with [mm:ss] from the source times', async () => {
    const json = parseLines((await runCli(['summarize', '--json', TALK])).stdout)[0];
    const { code, stdout } = await runCli(['summarize', TALK]);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(json?.sentences.length ?? -1);
    lines.forEach((line, i) => {
      const start = json?.starts[i] ?? 0;
      const stamp = `[${String(Math.floor(start / 60)).padStart(2, '0')}:${String(Math.floor(start % 60)).padStart(2, '0')}]`;
      expect(line).toBe(`${stamp} ${json?.sentences[i] ?? ''}`);
    });
  });

  it('prints bullets, and markdown with a Key points list under the title', async () => {
    const bullets = await runCli(['summarize', '--format', 'bullets', 'examples/solar-sail.html']);
    expect(bullets.code).toBe(0);
    const items = bullets.stdout.trim().split('\n');
    expect(items).toHaveLength(3);
    for (const item of items) expect(item).toMatch(/^- \S/);

    const markdown = await runCli(['summarize', '--format', 'markdown', TALK]);
    expect(markdown.code).toBe(0);
    const [title, blank, heading, gap, ...points] = markdown.stdout.trimEnd().split('\n');
    expect([title, blank, heading, gap]).toEqual(['## talk', '', '### Key points', '']);
    expect(points.length).toBeGreaterThan(0);
    for (const point of points) expect(point).toMatch(/^- \[\d\d:\d\d\] \S/);
  });
});

describe('sumops summarize --provider space', () => {
  let space: GradioEmulator;
  beforeAll(async () => {
    space = await startGradioEmulator();
  });
  afterAll(async () => {
    await space.close();
  });

  it('summarizes through a Gradio app over the real protocol and exits', async () => {
    const { code, stdout, stderr } = await runCli([
      'summarize',
      '--json',
      '--provider',
      'space',
      '--space',
      space.url,
      'examples/solar-sail.html',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const [line] = parseLines(stdout);
    expect(line?.provider).toBe('space');
    expect(line?.sentences.length).toBeGreaterThan(0);
    expect(space.jobs).toHaveLength(1);
    expect(space.jobs[0]?.text).toContain('solar sail');
  });
});
