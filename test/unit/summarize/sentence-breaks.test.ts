// The sentence boundaries sumops finds without ICU must be ICU's, character for character: compared with
// Intl.Segmenter on random text over the whole known alphabet, on every line of text the project ships, and for
// every language sent to the fast path (an ICU update that tailored one of them would show here).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasRootSentenceRules, knownSentenceSegments } from '#lib/summarize/sentence-breaks';

const icu = (text: string, lang = 'en'): string[] =>
  Array.from(new Intl.Segmenter(lang, { granularity: 'sentence' }).segment(text), ({ segment }) => segment);

/** Every character (of the BMP's first 8,448) the fast path knows. */
const ALPHABET = Array.from({ length: 0x2100 }, (_, code) => String.fromCharCode(code)).filter(
  (char) => knownSentenceSegments(char) !== undefined,
);
/** What the rules turn on: terminators, closing punctuation, spaces, continuations; the rest is letters and digits. */
const SIGNS = ALPHABET.filter((char) => !/[\p{L}\p{N}]/u.test(char));

/** Strings of 1 to `maxLength` characters, mostly signs, from a fixed seed. */
function randomTexts(count: number, maxLength: number, seed: number, signs = SIGNS): string[] {
  let state = seed;
  const next = (n: number): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const pick = (list: readonly string[]): string => list[next(list.length)] as string;
  const letters = ['a', 'A', 'z', 'Z', 'é', 'É', 'ß', 'ł', 'Ł', '7'];
  return Array.from({ length: count }, () => {
    let text = '';
    const length = 1 + next(maxLength);
    for (let i = 0; i < length; i++) {
      const roll = next(100);
      text += roll < 55 ? pick(signs) : roll < 90 ? pick(letters) : pick(ALPHABET);
    }
    return text;
  });
}

const root = new URL('../../../', import.meta.url);
/** The lines of every text file under `dir` (JSON strings' escaped line breaks split too). */
function shippedLines(dir: string): string[] {
  const lines: string[] = [];
  for (const entry of readdirSync(new URL(dir, root), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(txt|md|jsonl|vtt|srt|html)$/.test(entry.name)) continue;
    const text = readFileSync(join(entry.parentPath, entry.name), 'utf8');
    for (const line of text.split(/\n|\\n/)) if (line.trim()) lines.push(line.trim());
  }
  return lines;
}

describe('sentence boundaries without ICU', () => {
  it('knows ASCII, Latin letters and the common quotes, dashes and spaces', () => {
    expect(ALPHABET.length).toBeGreaterThan(500);
    for (const sign of '.!?;:,"\'“”‘’«»–—… ') expect(SIGNS).toContain(sign);
  });

  it('are ICU’s on random text over the whole alphabet', () => {
    for (const text of randomTexts(30_000, 20, 1)) expect(knownSentenceSegments(text)).toEqual(icu(text));
    for (const text of randomTexts(300, 600, 2)) expect(knownSentenceSegments(text)).toEqual(icu(text));
  });

  it('are ICU’s on every line of text the project ships', () => {
    let known = 0;
    for (const line of [...shippedLines('test/'), ...shippedLines('examples/')]) {
      const segments = knownSentenceSegments(line);
      if (segments === undefined) continue;
      known++;
      expect(segments).toEqual(icu(line));
    }
    expect(known).toBeGreaterThan(500);
  });

  it('leave any other character to ICU', () => {
    for (const text of ['Это текст.', 'Done. 🎉 Next.', 'a\u2028b', 'a\u00adb', 'line\nbreak', 'x\u0301'])
      expect(knownSentenceSegments(text)).toBeUndefined();
  });

  it('are used only for languages whose ICU rules are the root rules, and those are', () => {
    expect(hasRootSentenceRules('el')).toBe(false);
    expect(hasRootSentenceRules('en-u-ss-standard')).toBe(false);
    expect(hasRootSentenceRules('not a tag')).toBe(false);
    expect(hasRootSentenceRules('en-GB')).toBe(true);
    expect(hasRootSentenceRules('zh-Hant-TW')).toBe(true);
    // The signs the rules turn on, densely, so that 300 texts meet every rule many times.
    const texts = randomTexts(300, 16, 3, [...'.!?;:, "()’“”\u00a0—']);
    const languages =
      'en de fr es it pt nl ru ja zh ko fi sv pl tr ar he hi ca cs da hu ro sk uk vi th id ms nb bg hr sr sl lt lv et ga cy eu gl is mt sq mk fa ur bn ta te ml kn mr gu pa si my km lo am ka hy az kk uz mn ne sw zu xh af fil yue und';
    for (const lang of languages.split(' ')) {
      expect(hasRootSentenceRules(lang)).toBe(true);
      for (const text of texts) expect(icu(text, lang)).toEqual(icu(text));
    }
    // The check above can fail: Greek's rules differ on these texts.
    expect(texts.some((text) => JSON.stringify(icu(text, 'el')) !== JSON.stringify(icu(text)))).toBe(true);
  });
});
