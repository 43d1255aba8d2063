import type { Truncation } from './text-budget';

export type SourceKind =
  'url' | 'html-file' | 'text-file' | 'transcript' | 'captions' | 'wikipedia' | 'stdin';

/**
 * When a timed piece of the source (a caption cue line, a transcribed word) starts: its text is
 * `Document.text.slice(offset, offset + length)`, and `start` is the time in seconds from the start of the recording.
 */
export interface TimedOffset {
  offset: number;
  length: number;
  start: number;
}

/** Clean text ready to summarize, plus what we could learn about where it came from. */
export interface Document {
  /** Paragraphs separated by one blank line. */
  text: string;
  title: string;
  url?: string;
  siteName?: string;
  byline?: string;
  /** ISO 8601 when the page said so. */
  publishedAt?: string;
  /** BCP 47 tag when the page said so. */
  lang?: string;
  wordCount: number;
  kind: SourceKind;
  /** For sources with times (captions, Transcribe JSON): ascending by offset. Absent for everything else. */
  timing?: TimedOffset[];
  /** The string the user gave (path, URL, `wiki:Title`, `-`). */
  source: string;
  /** Present when the text was longer than the document budget (text-budget.ts) and only its beginning was kept. */
  truncated?: Truncation;
}
