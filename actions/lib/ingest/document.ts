import type { Truncation } from './text-budget';

export type SourceKind =
  'url' | 'html-file' | 'text-file' | 'transcript' | 'captions' | 'wikipedia' | 'stdin';

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
  /** The string the user gave (path, URL, `wiki:Title`, `-`). */
  source: string;
  /** Present when the text was longer than the document budget (text-budget.ts) and only its beginning was kept. */
  truncated?: Truncation;
}
