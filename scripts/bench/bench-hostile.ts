// Hostile corpus (issue 8): pathological inputs at two or three sizes each, summarized by the real CLI in a child
// process, beside an ordinary page or text of the same byte size measured in the same run. Reports wall time and
// peak RSS (GNU time's %M, the child's maximum resident set). Target: each case within 3× the time of its
// ordinary twin and under 400 MB, or refused with a clear error in under a second. Run: npx tsx
// scripts/bench/bench-hostile.ts. Needs no data set: every input is generated here.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TIME = '/usr/bin/time';
const CLI = 'bin/sumops.js';
const MAX_RSS_MB = 400;
const MAX_RATIO = 3;
const REFUSAL_S = 1;

if (!existsSync('dist/cli/main.js'))
  spawnSync(process.execPath, ['scripts/build.mjs', '--cli'], { stdio: 'inherit' });
if (!existsSync(TIME)) {
  console.log(`bench-hostile: ${TIME} (GNU time) is missing; peak RSS cannot be measured here.`);
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'sumops-bench-hostile-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

interface Run {
  seconds: number;
  rssMb: number;
  status: number | null;
  error: string;
}

// Every source gets room in bytes and time, so what is measured is the work, not a refusal by the defaults.
function run(source: string, stdinFile?: string): Run {
  const args = ['-f', '%M', CLI, 'summarize', '--max-bytes', '20M', '--deadline', '600000', source];
  const stdin = stdinFile === undefined ? 'ignore' : openSync(stdinFile, 'r');
  const start = performance.now();
  const result = spawnSync(TIME, args, {
    encoding: 'utf8',
    stdio: [stdin, 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (performance.now() - start) / 1000;
  if (typeof stdin === 'number') closeSync(stdin);
  const lines = result.stderr.trim().split('\n');
  const rssKb = Number(lines.pop());
  const error = lines.find((line) => line.startsWith(`sumops: ${source}: `)) ?? '';
  return { seconds, rssMb: rssKb / 1024, status: result.status, error };
}

function write(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const PROSE = readFileSync('examples/solar-sail.html', 'utf8')
  .match(/<p>[\s\S]*?<\/p>/g)
  ?.map((p) =>
    p
      .replace(/<[^>]+>/g, '')
      .replace(/\s+/g, ' ')
      .trim(),
  )
  .filter((p) => p.length > 100) ?? ['Light has no mass, yet it carries momentum, and a sail can use it.'];

/** Paragraphs of real prose, cycled, until `bytes`: what an ordinary long article looks like. */
function prose(bytes: number, wrap: (p: string) => string): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const part = wrap(`${PROSE[i % PROSE.length]} (${i})`);
    parts.push(part);
    size += Buffer.byteLength(part);
  }
  return parts.join('\n');
}
const ordinaryHtml = (bytes: number): string =>
  `<html><head><title>Ordinary</title></head><body><header><nav><a href="/">Home</a></nav></header><main><article><h1>Ordinary</h1>${prose(bytes - 200, (p) => `<p>${p}</p>`)}</article></main><footer>Footer</footer></body></html>`;
const ordinaryText = (bytes: number): string => prose(bytes, (p) => `${p}\n`);

const SENTENCE = 'The committee met on Tuesday to discuss the budget, and members agreed on a plan.';
const deep = (levels: number): string =>
  `<html><head><title>Deep</title></head><body>${'<div>'.repeat(levels)}<p>${SENTENCE} ${'Members asked questions, and the chair answered them. '.repeat(5)}</p>${'</div>'.repeat(levels)}</body></html>`;
const paragraphs = (count: number): string =>
  `<html><head><title>Many</title></head><body><article>${Array.from({ length: count }, (_, i) => `<p>Paragraph ${i} says the council met.</p>`).join('')}</article></body></html>`;
const token = (bytes: number): string => 'x'.repeat(bytes);
const sentences = (bytes: number): string => {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const part = `Sentence ${i} is here. `;
    parts.push(part);
    size += part.length;
  }
  return parts.join('');
};

const MB = 1024 * 1024;
const cases: { name: string; make: () => string; ext: 'html' | 'txt' }[] = [
  { name: 'depth 1,000', make: () => deep(1_000), ext: 'html' },
  { name: 'depth 3,000', make: () => deep(3_000), ext: 'html' },
  { name: 'depth 10,000', make: () => deep(10_000), ext: 'html' },
  { name: '25,000 paragraphs', make: () => paragraphs(25_000), ext: 'html' },
  { name: '100,000 paragraphs', make: () => paragraphs(100_000), ext: 'html' },
  { name: '200,000 paragraphs', make: () => paragraphs(200_000), ext: 'html' },
  { name: '1 MB token', make: () => token(MB), ext: 'txt' },
  { name: '3 MB token', make: () => token(3 * MB), ext: 'txt' },
  { name: '0.5 MB of short sentences', make: () => sentences(MB / 2), ext: 'txt' },
  { name: '2 MB of short sentences', make: () => sentences(2 * MB), ext: 'txt' },
  { name: '5 MB of short sentences', make: () => sentences(5 * MB), ext: 'txt' },
];

const fmt = (n: number, digits = 2): string => n.toFixed(digits);
console.log('### Hostile corpus: `sumops summarize` per input, beside an ordinary input of the same size\n');
console.log(
  '| input | bytes | hostile s | hostile MB | ordinary s | ordinary MB | time × | outcome | target |',
);
console.log('|---|---|---|---|---|---|---|---|---|');
let missed = 0;
for (const { name, make, ext } of cases) {
  const hostile = write(`hostile.${ext}`, make());
  const bytes = statSync(hostile).size;
  const ordinary = write(`ordinary.${ext}`, ext === 'html' ? ordinaryHtml(bytes) : ordinaryText(bytes));
  const h = run(hostile);
  const o = run(ordinary);
  const ratio = h.seconds / o.seconds;
  const refused = h.status !== 0 && h.error !== '';
  const met =
    h.rssMb < MAX_RSS_MB && (refused ? h.seconds < REFUSAL_S || ratio <= MAX_RATIO : ratio <= MAX_RATIO);
  if (!met) missed++;
  const outcome =
    h.status === 0
      ? 'summarized'
      : refused
        ? `refused: ${h.error.replace(/^sumops: [^:]+: /, '').slice(0, 60)}`
        : `exit ${h.status}`;
  console.log(
    `| ${name} | ${bytes} | ${fmt(h.seconds)} | ${fmt(h.rssMb, 0)} | ${fmt(o.seconds)} | ${fmt(o.rssMb, 0)} | ${fmt(ratio)} | ${outcome} | ${met ? 'met' : 'MISSED'} |`,
  );
}

console.log('\n### Sources refused before any reading (target: under a second, clear error)\n');
console.log('| input | s | MB | error |');
console.log('|---|---|---|---|');
const fifo = join(dir, 'no-writer.fifo');
execFileSync('mkfifo', [fifo]);
for (const [label, source, stdin] of [
  ['/dev/zero', '/dev/zero', undefined],
  ['/dev/urandom', '/dev/urandom', undefined],
  ['FIFO with no writer', fifo, undefined],
  ['- < /dev/zero (20 MB cap)', '-', '/dev/zero'],
] as const) {
  const r = run(source, stdin);
  const met = r.seconds < REFUSAL_S && r.error !== '' && r.rssMb < MAX_RSS_MB;
  if (!met) missed++;
  console.log(
    `| ${label} | ${fmt(r.seconds)} | ${fmt(r.rssMb, 0)} | ${r.error.replace(/^sumops: [^:]+: /, '')}${met ? '' : ' (MISSED)'} |`,
  );
}
console.log(`\n${missed === 0 ? 'All targets met.' : `${missed} target(s) missed.`}`);
