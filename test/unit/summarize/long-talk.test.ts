// Issue 20, talks and long speech: a summary of a long talk is drawn from all of it, in short lines that are still
// the speaker's words. The talk is generated (test/harness/long-talk/: a repair-café training day, over 1.5 h of
// speech with a 30-minute silent lunch break, run-ons, fillers and hands-on stretches) and read through the real
// ingest as Transcribe JSON, WebVTT and plain text. Where each line was said is found independently of the
// summarizer, in the generated words.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Document, LoadOptions } from '#lib/ingest/index';
import { load } from '#lib/ingest/index';
import type { TimedSummary } from '#lib/summarize/embedded';
import { extractTimedSummary } from '#lib/summarize/embedded';
import { readsAsSpeech } from '#lib/summarize/embedded/spoken';
import { countWords } from '#lib/text/words';
import {
  captionCues,
  longTalk,
  toPlainText,
  toTranscribeJson,
  toWebVtt,
} from '../../harness/long-talk/formats';
import {
  findAll,
  findInOrder,
  findLine,
  normalizeToken,
  talkTokens,
  tenthByPosition,
  tenthByTime,
  tenthsWithSpeech,
} from '../../harness/long-talk/match';

const quiet: LoadOptions = {
  logger: { debug() {}, info() {}, warn() {} },
  clock: { now: () => 0, sleep: () => Promise.resolve() },
};
const talk = longTalk();
const tokens = talkTokens(talk);

const FORMATS = [
  ['Transcribe JSON', 'talk.json', toTranscribeJson],
  ['WebVTT', 'talk.vtt', toWebVtt],
  ['plain text', 'talk.txt', toPlainText],
] as const;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sumops-long-talk-'));
  for (const [, name, write] of FORMATS) writeFileSync(join(dir, name), write(talk));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Indices of the words that end a sentence, to find the sentence a word is in. */
const sentenceEnds = talk.words.flatMap((word, index) => (/[.?]/.test(word.punct) ? [index] : []));
function sentenceAround(index: number): { from: number; to: number } {
  const to = sentenceEnds.find((end) => end >= index) ?? talk.words.length - 1;
  const before = [...sentenceEnds].reverse().find((end) => end < index);
  return { from: before === undefined ? 0 : before + 1, to };
}

// What cleaning drops in front of a line's first kept word: fillers, spoken openers and parentheticals.
const LEAD_INS = new Set([
  'um',
  'uh',
  'so',
  'okay',
  'and',
  'but',
  'now',
  'right',
  'well',
  'you',
  'know',
  'i',
  'mean',
]);
/** First index of the run of lead-ins just before `index` in its sentence (index itself when there is none). */
function leadInStart(index: number): number {
  const { from } = sentenceAround(index);
  let k = index;
  while (k > from && LEAD_INS.has(tokens[k - 1] ?? '')) k--;
  return k;
}

/** The cue each word is shown in. */
const cueStartOfWord = new Map<number, number>();
{
  let word = 0;
  for (const cue of captionCues(talk)) for (const _ of cue.words) cueStartOfWord.set(word++, cue.start);
}

const DANGLING_END = new Set(
  'the a an and or but so to of in on at with for from by that which because if is are was were be my our your their its his her this'.split(
    ' ',
  ),
);
const LINKING_START = new Set(['and', 'but', 'or', 'because', 'which']);

describe('the generated talk', () => {
  it('is over 1.5 hours of speech in many sections, with a silent break, fillers and long run-ons', () => {
    const silent = talk.silences.reduce((sum, [from, to]) => sum + to - from, 0);
    expect(talk.duration - silent).toBeGreaterThan(90 * 60);
    expect(talk.sections.length).toBeGreaterThanOrEqual(12);
    expect(new Set(talk.sections.map((section) => section.topic)).size).toBe(talk.sections.length);
    expect(tenthsWithSpeech(talk).size).toBeLessThan(10);
    const fillers = tokens.filter((token) => token === 'um' || token === 'uh').length;
    expect(fillers).toBeGreaterThan(100);
    const longSentences = sentenceEnds.filter(
      (end, k) => end - (k === 0 ? -1 : (sentenceEnds[k - 1] ?? 0)) > 40,
    );
    expect(longSentences.length).toBeGreaterThan(50);
    expect(readsAsSpeech(toPlainText(talk))).toBe(true);
  });
});

describe.each(FORMATS)('a long talk as %s', (format, name) => {
  let document: Document;
  const summaries = new Map<string, TimedSummary>();
  const summarize = (length: { sentences?: number; maxWords?: number }): TimedSummary => {
    const key = JSON.stringify(length);
    let summary = summaries.get(key);
    if (summary === undefined) {
      summary = extractTimedSummary(document.text, {
        ...length,
        kind: document.kind,
        timing: document.timing,
      });
      summaries.set(key, summary);
    }
    return summary;
  };
  const timed = format !== 'plain text';
  const LENGTHS = [{}, { sentences: 1 }, { sentences: 3 }, { sentences: 25 }, { maxWords: 150 }];

  beforeAll(async () => {
    document = await load(join(dir, name), quiet);
  });

  it('draws key points from every tenth of the talk in which something is said', () => {
    const { sentences, starts } = summarize({});
    expect(sentences).toHaveLength(10);
    const positions = findInOrder(tokens, sentences);
    const tenths = new Set(
      sentences.map((_, i) =>
        timed ? tenthByTime(talk, starts[i] ?? -1) : tenthByPosition(talk, positions[i] ?? -1),
      ),
    );
    expect(tenths.size).toBeGreaterThanOrEqual(7);
    // By time, the lunch break holds no words; by position every tenth has some.
    expect(tenths).toEqual(timed ? tenthsWithSpeech(talk) : new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
  });

  it.each(LENGTHS)('keeps every line to 40 words or fewer (%j)', (length) => {
    const { sentences } = summarize(length);
    expect(sentences.length).toBeGreaterThan(0);
    for (const line of sentences) expect(countWords(line), line).toBeLessThanOrEqual(40);
  });

  it.each(LENGTHS)('finds every line verbatim, in order, in what was said, fillers aside (%j)', (length) => {
    for (const line of summarize(length).sentences)
      expect(findLine(tokens, line), line).toBeGreaterThanOrEqual(0);
  });

  it('cuts run-ons to their clauses: some lines are parts of sentences of more than 40 words', () => {
    const { sentences } = summarize({ sentences: 25 });
    const positions = findInOrder(tokens, sentences);
    const cut = sentences.filter((line, i) => {
      const { from, to } = sentenceAround(positions[i] ?? -1);
      return to - from + 1 > 40 && countWords(line) < to - from + 1 - 5;
    });
    expect(cut.length).toBeGreaterThanOrEqual(3);
  });

  it.each(LENGTHS)('ends every line as a sentence ends (%j)', (length) => {
    for (const line of summarize(length).sentences) {
      expect(line, line).toMatch(/^[\p{Lu}\p{N}]/u);
      expect(line, line).toMatch(/[.!?]$/u);
      const words = line.split(/\s+/u).map(normalizeToken);
      expect(DANGLING_END.has(words[words.length - 1] ?? ''), line).toBe(false);
      expect(LINKING_START.has(words[0] ?? ''), line).toBe(false);
      // A spoken "So" opener goes; "So far", "So many" and the like belong to the sentence.
      expect(line, line).not.toMatch(
        /^So (?!far|much|many|long|few|little|often|too|very|as|called|that)\b/u,
      );
    }
  });

  it.each(LENGTHS)('gives each line the time its first words were said (%j)', (length) => {
    const { sentences, starts } = summarize(length);
    expect(starts).toHaveLength(sentences.length);
    sentences.forEach((line, i) => {
      if (!timed) {
        expect(starts[i]).toBeNull();
        return;
      }
      // A point said twice is found twice: one of the places must have been said at the line's time.
      const allowed = new Set<number>();
      for (const at of findAll(tokens, line))
        for (let k = leadInStart(at); k <= at; k++)
          allowed.add(format === 'WebVTT' ? (cueStartOfWord.get(k) ?? -1) : (talk.words[k]?.start ?? -1));
      expect(
        [...allowed].some((time) => Math.abs(time - (starts[i] ?? -9)) < 0.0015),
        line,
      ).toBe(true);
    });
  });
});
