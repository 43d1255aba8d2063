// How a document reads decides how much the news position prior counts. News (and any short prose) puts the
// gist first, and the lead-weighted scorer tuned on CNN/DailyMail stays exactly as it is for it. Speech, pages
// with headings and long prose spread their gist over the whole text: they get topic segments instead.
import type { SourceKind } from '#lib/ingest/document';
import { readsAsSpeech } from './spoken';

export interface Genre {
  /** Transcribed speech: housekeeping is never chosen and fillers are cleaned from the output. */
  spoken: boolean;
  /** Selection spreads over topic segments instead of following the lead. */
  spread: boolean;
  /** The page has headings to segment at. */
  headings: boolean;
}

/** Prose at least this long, in several paragraphs, is a long read: one lead cannot summarize it. */
const LONG_FORM_WORDS = 1_500;
/** Prose this long is a long read even without paragraph breaks (a pasted transcript, a flattened page). */
const VERY_LONG_WORDS = 3_000;
/**
 * Headings make a page sectioned (documentation, a structured post) when there are many of them, or a few in a
 * long text. A short feature with three subheads still opens with its gist, like news, and keeps the news scorer.
 */
const MANY_HEADINGS = 6;
const FEW_HEADINGS = 3;
const MIN_SECTIONED_WORDS = 300;
const LONG_SECTIONED_WORDS = 1_000;

export interface GenreEvidence {
  kind?: SourceKind | undefined;
  text: string;
  words: number;
  paragraphs: number;
  headings: number;
}

export function detectGenre(evidence: GenreEvidence): Genre {
  const spoken =
    evidence.kind === 'captions' || evidence.kind === 'transcript' || readsAsSpeech(evidence.text);
  const headings =
    !spoken &&
    ((evidence.headings >= MANY_HEADINGS && evidence.words >= MIN_SECTIONED_WORDS) ||
      (evidence.headings >= FEW_HEADINGS && evidence.words >= LONG_SECTIONED_WORDS));
  const long =
    evidence.words >= VERY_LONG_WORDS || (evidence.words >= LONG_FORM_WORDS && evidence.paragraphs >= 3);
  return { spoken, spread: spoken || headings || long, headings };
}
