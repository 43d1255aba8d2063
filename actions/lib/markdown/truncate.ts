const ELLIPSIS = '…';

/**
 * Shortens raw (unescaped) text to at most `maxChars` characters, cutting at the last word boundary and adding "…".
 * Falls back to a hard cut when one word fills most of the budget, and never splits a surrogate pair.
 */
export function truncateText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  if (maxChars <= ELLIPSIS.length) return ELLIPSIS.slice(0, Math.max(0, maxChars));
  const budget = maxChars - ELLIPSIS.length;
  let cut = text.slice(0, budget + 1).search(/\s\S*$/);
  if (cut < budget / 2) cut = budget;
  let head = text.slice(0, cut);
  if (/[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1);
  return `${head.trimEnd()}${ELLIPSIS}`;
}

/**
 * Escapes `text` with `escape` and makes the *escaped* result fit `maxChars`, by truncating the raw text before
 * escaping (so an entity or backslash escape is never cut in half).
 */
export function escapeTruncated(text: string, maxChars: number, escape: (raw: string) => string): string {
  const whole = escape(text);
  if (whole.length <= maxChars) return whole;
  // Escaping only grows text, so the longest raw prefix that fits is found by bisection.
  let low = 0;
  let high = Math.min(text.length, maxChars);
  let best = escape(truncateText(text, 0));
  while (low <= high) {
    const mid = Math.floor((low + high) / 2);
    const candidate = escape(truncateText(text, mid));
    if (candidate.length <= maxChars) {
      best = candidate;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return best;
}
