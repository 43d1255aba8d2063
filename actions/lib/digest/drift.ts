import type { Document } from '#lib/ingest/document';
import type { DigestMarker } from './marker';

// Phrases of interstitials that replace the article: bot checks, consent and paywalls. Only looked for in short
// pages, where they are the whole content rather than a sentence in a real article.
const WALL =
  /\b(verify (that )?you are (a )?human|are you a robot|captcha|checking your browser|enable javascript|access denied|unusual traffic|subscribe to (continue|read)|to continue reading|already a subscriber|sign in to (continue|read))\b/i;
const WALL_MAX_WORDS = 150;
/** A page that lost more than two thirds of its words has collapsed rather than been edited. */
const COLLAPSE_RATIO = 1 / 3;
/** Below this, word counts are too small for a ratio to mean anything. */
const MIN_WORDS_FOR_RATIO = 60;

/** Why a freshly loaded page is not a trustworthy new version of the last good one, or undefined. */
export function driftSignal(previous: DigestMarker, document: Document): string | undefined {
  if (document.wordCount <= WALL_MAX_WORDS && WALL.test(document.text))
    return 'the page now looks like a bot check, consent wall or paywall';
  if (previous.words >= MIN_WORDS_FOR_RATIO && document.wordCount < previous.words * COLLAPSE_RATIO)
    return `the extracted text collapsed from ${previous.words} to ${document.wordCount} words`;
  const before = primaryLanguage(previous.lang);
  const now = primaryLanguage(document.lang);
  if (before && now && before !== now) return `the page language changed from ${before} to ${now}`;
  return undefined;
}

/** The signal when the page became a JavaScript shell with no readable text. */
export const JAVASCRIPT_SHELL_SIGNAL = 'the page turned into a JavaScript shell with no readable text';

function primaryLanguage(tag: string | undefined): string | undefined {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return primary && /^[a-z]{2,3}$/.test(primary) ? primary : undefined;
}
