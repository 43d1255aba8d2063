// Long speech for bench-coverage: the generated repair-café training day (test/harness/long-talk/, about 2 h 10 min,
// 95+ minutes of speech around a 30-minute silent lunch break) read through the real ingest as Transcribe JSON,
// WebVTT and plain text, summarized at the default length. Reports how many of the talk's ten equal tenths the
// summary lines come from (by time where the format has times, by word position in plain text; a tenth in which
// nothing is said does not count against it), the words per line (median, max), and how many lines are found
// verbatim, in order, in what was said (fillers aside). Baseline in the same run: the news scorer at 10 sentences.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Document, LoadOptions } from '#lib/ingest/index';
import { load } from '#lib/ingest/index';
import type { ExtractOptions } from '#lib/summarize/embedded';
import { extractTimedSummary } from '#lib/summarize/embedded';
import { countWords } from '#lib/text/words';
import {
  findInOrder,
  findLine,
  talkTokens,
  tenthByPosition,
  tenthByTime,
  tenthsWithSpeech,
} from '../../test/harness/long-talk/match';
import type { Talk } from '../../test/harness/long-talk/formats';
import { longTalk, toPlainText, toTranscribeJson, toWebVtt } from '../../test/harness/long-talk/formats';

export interface SpeechRow {
  format: string;
  system: string;
  lines: number;
  tenths: number;
  /** Tenths in which anything is said (by position every tenth has words). */
  ofTenths: number;
  medianWords: number;
  maxWords: number;
  verbatim: number;
}

const quiet: LoadOptions = {
  logger: { debug() {}, info() {}, warn() {} },
  clock: { now: () => 0, sleep: () => Promise.resolve() },
};

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return 0;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function measure(
  talk: Talk,
  document: Document,
  format: string,
  system: string,
  options: ExtractOptions,
): SpeechRow {
  const summary = extractTimedSummary(document.text, {
    ...options,
    kind: document.kind,
    timing: document.timing,
  });
  const tokens = talkTokens(talk);
  const timed = document.timing !== undefined && document.timing.length > 0;
  const tenths = new Set<number>();
  // Lines come in the talk's order: each is looked for after the one before (a point said twice is found twice).
  const positions = findInOrder(tokens, summary.sentences);
  summary.starts.forEach((start, i) => {
    const at = positions[i] ?? -1;
    if (timed && start !== null) tenths.add(tenthByTime(talk, start));
    else if (!timed && at >= 0) tenths.add(tenthByPosition(talk, at));
  });
  const verbatim = summary.sentences.filter((line) => findLine(tokens, line) >= 0).length;
  const words = summary.sentences.map(countWords);
  return {
    format,
    system,
    lines: summary.sentences.length,
    tenths: tenths.size,
    ofTenths: timed ? tenthsWithSpeech(talk).size : 10,
    medianWords: median(words),
    maxWords: words.reduce((max, value) => Math.max(max, value), 0),
    verbatim,
  };
}

export async function longSpeechRows(): Promise<SpeechRow[]> {
  const talk = longTalk();
  const dir = mkdtempSync(join(tmpdir(), 'sumops-bench-talk-'));
  try {
    const rows: SpeechRow[] = [];
    for (const [format, name, content] of [
      ['Transcribe JSON', 'talk.json', toTranscribeJson(talk)],
      ['WebVTT', 'talk.vtt', toWebVtt(talk)],
      ['plain text', 'talk.txt', toPlainText(talk)],
    ] as const) {
      const path = join(dir, name);
      writeFileSync(path, content);
      const document = await load(path, quiet);
      rows.push(
        measure(talk, document, format, 'news scorer, 10 sentences', { selection: 'news', sentences: 10 }),
      );
      rows.push(measure(talk, document, format, 'embedded, default length', {}));
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printSpeechRows(
  rows: readonly SpeechRow[],
  words: number,
  minutes: number,
  silentMinutes: number,
): void {
  console.log(
    `Long speech: the generated training day (${words} words, ${minutes.toFixed(0)} min, ${silentMinutes.toFixed(0)} of ` +
      'them a silent break), default length; tenths by time (Transcribe, WebVTT) or word position (plain text); ' +
      'targets: ≥ 7 tenths, no line over 40 words\n',
  );
  console.log('| format | system | lines | tenths covered | words/line median | max | lines verbatim |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.format} | ${r.system} | ${r.lines} | ${r.tenths} of ${r.ofTenths} | ${r.medianWords} | ${r.maxWords} | ${r.verbatim}/${r.lines} |`,
    );
  }
  const ours = rows.filter((r) => r.system.startsWith('embedded'));
  const met = ours.every(
    (r) => r.tenths >= Math.min(7, r.ofTenths) && r.maxWords <= 40 && r.verbatim === r.lines,
  );
  console.log(
    `\nTargets: ≥ 7 tenths (or every tenth with speech), no line over 40 words, every line verbatim: ${met ? 'met' : 'NOT met'}`,
  );
}
