import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Document, LoadOptions } from '#lib/ingest/index';
import { load } from '#lib/ingest/index';
import { countWords } from '#lib/text/words';
import { extractSummary, extractTimedSummary } from '#lib/summarize/embedded';
import { detectGenre } from '#lib/summarize/embedded/genre';

const fixtures = new URL('../../fixtures/', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, fixtures), 'utf8');
const quiet: LoadOptions = {
  logger: { debug() {}, info() {}, warn() {} },
  clock: { now: () => 0, sleep: () => Promise.resolve() },
};
const loadFixture = (path: string): Promise<Document> => load(fileURLToPath(new URL(path, fixtures)), quiet);
const summarize = (document: Document, length: { sentences?: number; maxWords?: number } = {}) =>
  extractTimedSummary(document.text, { ...length, kind: document.kind, timing: document.timing });

const TALKS = ['talk/talk.vtt', 'talk/talk.srt', 'talk/talk-transcribe.json'];

/** Cue start, end and text of the WebVTT fixture, parsed here independently of the ingest code. */
function vttCues(): { start: number; end: number; text: string }[] {
  const seconds = (stamp: string): number =>
    stamp.split(':').reduce((total, part) => total * 60 + Number(part), 0);
  return read('talk/talk.vtt')
    .split('\n\n')
    .map((block) => /^([\d:.]+) --> ([\d:.]+)\n<v [^>]+>(.*)$/s.exec(block.trim()))
    .filter((match) => match !== null)
    .map((match) => ({
      start: seconds(match[1] ?? ''),
      end: seconds(match[2] ?? ''),
      text: (match[3] ?? '').replace(/\s+/g, ' '),
    }));
}

const normalized = (text: string): string =>
  text
    .toLowerCase()
    .replace(/\b(?:um|uh|so|you know)\b/g, ' ')
    .replace(/[^a-z ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/\b(\w+)(?: \1\b)+/g, '$1')
    .trim();

/** The cue a summary sentence came from: the one whose cleaned text contains its first words. */
function cueOf(
  sentence: string,
  cues: ReturnType<typeof vttCues>,
): ReturnType<typeof vttCues>[number] | undefined {
  const head = normalized(sentence).split(' ').slice(0, 4).join(' ');
  return cues.find((cue) => normalized(cue.text).includes(head));
}

describe('spoken sources', () => {
  const housekeeping =
    /my name is|thanks for joining|see my screen|get started|what i'm going to do|take a quick break|we're back|any questions|in the chat|that's all from me|see you next month/i;
  const disfluency = /\b(?:um|uh|you know)\b|\b(\w+),? \1\b|^so\b/i;

  it.each(TALKS)('%s: never picks greetings or housekeeping, and cleans fillers', async (path) => {
    const document = await loadFixture(path);
    for (const sentences of [undefined, 3, 5, 10, 40]) {
      const summary = summarize(document, sentences === undefined ? {} : { sentences });
      expect(summary.sentences.length).toBeGreaterThan(0);
      for (const sentence of summary.sentences) {
        expect(sentence, `${path} @${sentences}`).not.toMatch(housekeeping);
        expect(sentence, `${path} @${sentences}`).not.toMatch(disfluency);
      }
    }
  });

  it('gives the same sentences from .vtt, .srt and Transcribe JSON', async () => {
    const summaries = await Promise.all(
      TALKS.map(async (path) => summarize(await loadFixture(path), { sentences: 6 }).sentences),
    );
    expect(summaries[1]).toEqual(summaries[0]);
    expect(summaries[2]).toEqual(summaries[0]);
  });

  it('times each sentence with the cue it came from (captions) or its first word (Transcribe)', async () => {
    const cues = vttCues();
    expect(cues.length).toBeGreaterThan(20);
    for (const path of TALKS) {
      const summary = summarize(await loadFixture(path), { sentences: 40 });
      expect(summary.starts).toHaveLength(summary.sentences.length);
      summary.sentences.forEach((sentence, i) => {
        const cue = cueOf(sentence, cues);
        expect(cue, sentence).toBeDefined();
        const start = summary.starts[i];
        if (path.endsWith('.json')) {
          // Word times: within the cue, and exactly its start when the sentence opens the cue.
          expect(start).toBeGreaterThanOrEqual((cue?.start ?? 0) - 1e-6);
          expect(start).toBeLessThanOrEqual(cue?.end ?? 0);
          if (normalized(cue?.text ?? '').startsWith(normalized(sentence).split(' ').slice(0, 4).join(' ')))
            expect(start).toBeCloseTo(cue?.start ?? -1, 2);
        } else {
          expect(start, sentence).toBeCloseTo(cue?.start ?? -1, 3);
        }
      });
    }
  });

  it('summarizes a plain-text talk transcript from all of it, not its opening housekeeping', async () => {
    const document = await loadFixture('talk/night-buses-transcript.txt');
    expect(document.kind).toBe('text-file');
    const lines = read('talk/night-buses-transcript.txt').trim().split('\n');
    for (const sentences of [undefined, 6]) {
      const summary = summarize(document, sentences === undefined ? {} : { sentences });
      const where = summary.sentences.map((sentence) =>
        lines.findIndex((line) => normalized(line).includes(normalized(sentence))),
      );
      expect(
        where.every((line) => line >= 5),
        summary.sentences.join(' | '),
      ).toBe(true);
      const quarters = new Set(where.map((line) => Math.floor((4 * line) / lines.length)));
      expect(quarters.size, summary.sentences.join(' | ')).toBeGreaterThanOrEqual(3);
      for (const sentence of summary.sentences) {
        expect(sentence).not.toMatch(housekeeping);
        expect(sentence).not.toMatch(disfluency);
      }
    }
  });

  it('reads speech without a source kind from how the text reads', () => {
    const transcript = (
      JSON.parse(read('talk/talk-transcribe.json')) as { results: { transcripts: { transcript: string }[] } }
    ).results.transcripts[0]?.transcript;
    const summary = extractSummary(transcript ?? '', { sentences: 5 });
    expect(summary.join(' ')).not.toMatch(/my name is|get started|see my screen/i);
  });
});

describe('long and sectioned pages', () => {
  /** Section (by heading) of each summary sentence in a Markdown text. */
  function sectionsOf(markdown: string, sentences: readonly string[]): number[] {
    const sections = markdown.split(/^## /m);
    return sentences.map((sentence) => sections.findIndex((section) => section.includes(sentence)));
  }

  it('draws a long blog post summary from many of its sections, lead included', async () => {
    const document = await loadFixture('long/allotment-year.md');
    const markdown = read('long/allotment-year.md');
    const { sentences } = summarize(document);
    expect(sentences.length).toBeGreaterThan(3);
    expect(sentences.length).toBeLessThanOrEqual(10);
    const sections = sectionsOf(markdown, sentences);
    expect(sections.every((section) => section >= 0)).toBe(true);
    expect(new Set(sections).size).toBeGreaterThanOrEqual(6);
    expect(sections[0]).toBe(0);
    expect(sentences.some((sentence) => sentence.startsWith('#'))).toBe(false);
  });

  it('segments the same post by lexical cohesion when the headings are gone', () => {
    const markdown = read('long/allotment-year.md');
    const plain = markdown
      .split('\n')
      .filter((line) => !line.startsWith('#'))
      .join('\n');
    expect(countWords(plain)).toBeGreaterThan(1500);
    const sentences = extractSummary(plain, { sentences: 6 });
    expect(sentences).toHaveLength(6);
    expect(new Set(sectionsOf(markdown, sentences)).size).toBeGreaterThanOrEqual(4);
    // The news scorer on the same text stays in the opening sections.
    const lead = extractSummary(plain, { sentences: 6, selection: 'news' });
    expect(Math.max(...sectionsOf(markdown, lead))).toBeLessThan(
      Math.max(...sectionsOf(markdown, sentences)),
    );
  });

  it('covers a documentation page section by section, skipping headings and code', async () => {
    const document = await loadFixture('docs/ferrybox-backups.html');
    const html = read('docs/ferrybox-backups.html');
    const sections = html.split(/<h[23]>/);
    const { sentences } = summarize(document, { sentences: 6 });
    expect(sentences).toHaveLength(6);
    const where = sentences.map((sentence) => sections.findIndex((section) => section.includes(sentence)));
    expect(where.every((section) => section >= 0)).toBe(true);
    expect(new Set(where).size).toBeGreaterThanOrEqual(5);
    for (const sentence of sentences) {
      expect(sentence).toMatch(/[.!?]$/);
      expect(sentence).not.toMatch(/[=*[\]{}]/);
    }
  });

  it('scales the default length with the document and lets an explicit length win', async () => {
    const post = await loadFixture('long/allotment-year.md');
    const docs = await loadFixture('docs/ferrybox-backups.html');
    const postDefault = summarize(post).sentences.length;
    const docsDefault = summarize(docs).sentences.length;
    expect(postDefault).toBe(10); // 13 sections, capped at 10
    expect(docsDefault).toBe(Math.floor(docs.wordCount / 150)); // one per 150 words
    expect(summarize(post, { sentences: 2 }).sentences).toHaveLength(2);
    const budget = summarize(post, { maxWords: 60 }).sentences.join(' ');
    expect(countWords(budget)).toBeLessThanOrEqual(60);
    expect(countWords(budget)).toBeGreaterThan(20);
  });
});

describe('detectGenre', () => {
  const base = { text: 'Plain prose.', words: 600, paragraphs: 8, headings: 0 };
  it('keeps short prose on the news path and spreads speech, sectioned and long text', () => {
    expect(detectGenre(base).spread).toBe(false);
    expect(detectGenre({ ...base, headings: 3 }).spread).toBe(false);
    expect(detectGenre({ ...base, headings: 6 })).toEqual({ spoken: false, spread: true, headings: true });
    expect(detectGenre({ ...base, words: 1_600 }).spread).toBe(true);
    expect(detectGenre({ ...base, words: 1_600, paragraphs: 1 }).spread).toBe(false);
    expect(detectGenre({ ...base, words: 3_000, paragraphs: 1 }).spread).toBe(true);
    expect(detectGenre({ ...base, kind: 'captions' })).toEqual({
      spoken: true,
      spread: true,
      headings: false,
    });
    expect(detectGenre({ ...base, kind: 'transcript' }).spoken).toBe(true);
    // Short caption lines look like headings; speech is never segmented at them.
    expect(detectGenre({ ...base, kind: 'captions', headings: 20 }).headings).toBe(false);
  });
});

describe('a long section under one heading', () => {
  it('is tiled by topic, so it gives more than one sentence', () => {
    const markdown = read('long/allotment-year.md');
    const sections = markdown.split(/^## /m);
    // Fold the tools, money, people and harvest sections into the water section before them: one section of
    // about 760 words and five topics, among six ordinary ones.
    const merged = sections.map((section, index) => {
      if (index === 0) return section;
      const body = section.slice(section.indexOf('\n') + 1);
      return /^(?:Tools|Money|People|The harvest)/.test(section) ? body : `## ${section}`;
    });
    const text = merged.join('');
    // One sentence per heading section, if the long one were not tiled.
    const long = extractSummary(text, { sentences: 7 });
    const fromMerged = long.filter((sentence) =>
      sections.some((section) => /^(?:Water|Tools|Money|People)/.test(section) && section.includes(sentence)),
    );
    const origin = new Set(
      fromMerged.map((sentence) => sections.findIndex((section) => section.includes(sentence))),
    );
    expect(origin.size).toBeGreaterThanOrEqual(2);
  });
});
