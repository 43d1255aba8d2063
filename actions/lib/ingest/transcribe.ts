import { isRecord } from '#lib/is-record';
import type { TimedOffset } from './document';
import { InvalidTranscriptError } from './errors';
import { describeJsonSyntaxError } from './json-syntax';

// AWS Transcribe job output: {"jobName", "results": {"transcripts": [{"transcript": "..."}], "items": [...]}}
// (https://docs.aws.amazon.com/transcribe/latest/dg/how-input.html#how-output). The transcripts carry the text;
// `items` carry one entry per word ("pronunciation", with start_time/end_time as decimal strings in seconds) or
// punctuation mark (no times), each with its text in alternatives[0].content.
export function transcribeToText(source: string, raw: string): string {
  return transcribeToTimedText(source, raw).text;
}

/** How far past the previous word a word's text may be found before it counts as not in the transcript. */
const ALIGN_WINDOW = 200;

/** The transcript text plus the start time of each word that could be found in it, in order. */
export function transcribeToTimedText(source: string, raw: string): { text: string; timing: TimedOffset[] } {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (error) {
    const { line, column, reason } = describeJsonSyntaxError(raw, error);
    throw new InvalidTranscriptError(source, `invalid JSON at line ${line}, column ${column}: ${reason}`);
  }
  const results = isRecord(data) ? data.results : undefined;
  const transcripts = isRecord(results) ? results.transcripts : undefined;
  if (!Array.isArray(transcripts)) throw new InvalidTranscriptError(source, 'no results.transcripts array');
  const texts = transcripts
    .map((entry) => (isRecord(entry) && typeof entry.transcript === 'string' ? entry.transcript.trim() : ''))
    .filter(Boolean);
  const text = texts.join('\n\n');
  const items = isRecord(results) && Array.isArray(results.items) ? results.items : [];
  return { text, timing: alignItems(text, items) };
}

// The items spell the same words as the transcript, in order, so each one is looked for a little past the last
// one found; an item the transcript lacks (edited text) is skipped without losing the place.
function alignItems(text: string, items: readonly unknown[]): TimedOffset[] {
  const timing: TimedOffset[] = [];
  let cursor = 0;
  for (const item of items) {
    if (!isRecord(item) || typeof item.start_time !== 'string') continue;
    const start = Number(item.start_time);
    const alternatives = Array.isArray(item.alternatives) ? (item.alternatives as unknown[]) : [];
    const first = alternatives[0];
    const content = isRecord(first) && typeof first.content === 'string' ? first.content.trim() : '';
    if (content === '' || !Number.isFinite(start) || start < 0) continue;
    const offset = findWord(text, content, cursor);
    if (offset < 0) continue;
    const previous = timing[timing.length - 1];
    if (previous === undefined || previous.offset < offset)
      timing.push({ offset, length: content.length, start });
    cursor = offset + content.length;
  }
  return timing;
}

const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/** The word at or a little after `from`, as a whole word ("a" is not the "a" inside "last"); −1 if absent. */
function findWord(text: string, word: string, from: number): number {
  // Searching a bounded window keeps a transcript full of words it lacks linear, not quadratic.
  const window = text.slice(from, from + ALIGN_WINDOW + word.length);
  for (let at = window.indexOf(word); at >= 0; at = window.indexOf(word, at + 1)) {
    const before = text.charAt(from + at - 1);
    const after = text.charAt(from + at + word.length);
    if (!WORD_CHARACTER.test(before) && !WORD_CHARACTER.test(after)) return from + at;
  }
  return -1;
}
