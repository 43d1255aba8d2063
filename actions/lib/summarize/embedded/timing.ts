// Summary sentences are found again in the document text to give them the time their words were spoken.
// Segmentation only ever changes whitespace (joined lines, trimmed ends), so a sentence's non-space characters
// appear verbatim, in order, in the text's non-space characters; searching forward from the previous sentence
// keeps the whole pass linear.
import type { TimedOffset } from '#lib/ingest/document';

/** How many leading non-space characters identify a sentence when searching for it. */
const PROBE = 32;

export interface TextLocator {
  /** Where `sentence` starts, counted in the text's non-space characters; undefined when it is not found. */
  locate(sentence: string): number | undefined;
  /** The text offset of the non-space character at that count. */
  offsetOf(nonSpaceIndex: number): number | undefined;
}

export function createLocator(text: string): TextLocator {
  const offsets = new Int32Array(text.length);
  const squeezed: string[] = [];
  let count = 0;
  for (const match of text.matchAll(/\S+/gu)) {
    for (let k = 0; k < match[0].length; k++) offsets[count++] = match.index + k;
    squeezed.push(match[0]);
  }
  const flat = squeezed.join('');
  let cursor = 0;
  return {
    locate(sentence) {
      const nonSpace = sentence.replace(/\s+/gu, '');
      if (nonSpace === '') return undefined;
      const found = flat.indexOf(nonSpace.slice(0, PROBE), cursor);
      if (found < 0) return undefined;
      cursor = found + Math.min(nonSpace.length, PROBE);
      return found;
    },
    offsetOf(nonSpaceIndex) {
      return nonSpaceIndex >= 0 && nonSpaceIndex < count ? offsets[nonSpaceIndex] : undefined;
    },
  };
}

/** Non-space characters of `text` before `index`: how far into a located sentence a piece of it starts. */
export function nonSpaceBefore(text: string, index: number): number {
  return text.slice(0, index).replace(/\s+/gu, '').length;
}

/**
 * A sentence that starts this few characters before a timed piece (an opening quote or bracket before a transcribed
 * word) still takes that piece's time.
 */
const LEAD_IN = 4;

/**
 * The start time of the timed piece that contains `offset`, or of one that begins just after it; null when the
 * text there has no time (Transcribe items that stop before the transcript does).
 */
export function startAt(timing: readonly TimedOffset[], offset: number): number | null {
  let lo = 0;
  let hi = timing.length - 1;
  let containing = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((timing[mid] as TimedOffset).offset <= offset) {
      containing = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const piece = timing[containing];
  if (piece !== undefined && offset < piece.offset + piece.length) return piece.start;
  const next = timing[containing + 1];
  return next !== undefined && next.offset - offset <= LEAD_IN ? next.start : null;
}

/**
 * Sets each unit's `offset`: where in `text` it starts (its sentence found in the text, plus how far into the
 * sentence the unit starts). Units are in document order and the pieces of one sentence share its `sentence`
 * number, so each sentence is looked for once, after the previous one: a sentence said twice gets each its own time.
 */
export function locateUnits(
  text: string,
  units: readonly { raw: string; skip: number; sentence: number; offset?: number | undefined }[],
): void {
  const locator = createLocator(text);
  let sentence = -1;
  let base: number | undefined;
  for (const unit of units) {
    if (unit.sentence !== sentence) {
      sentence = unit.sentence;
      base = locator.locate(unit.raw);
    }
    unit.offset = base === undefined ? undefined : locator.offsetOf(base + unit.skip);
  }
}
