import { escapeMarkdown } from '#lib/markdown/index';

/** A span of a sentence to mark: UTF-16 offsets into its text, as the faithfulness metric reports them. */
export interface MarkedSpan {
  start: number;
  end: number;
}

/** The longest stretch of unmarked text kept whole; longer stretches keep their ends around an ellipsis. */
const MAX_PLAIN_RUN = 90;
const ZWSP = '\u200B';

/**
 * The sentence as one line of Markdown with each span in bold (`<b>`, which renders wherever the span starts,
 * unlike `**`), every piece escaped with escapeMarkdown: model output stays inert. Spans come from an untrusted
 * artifact too, so they are clipped to the text, sorted, and an overlapping one is dropped; long unmarked
 * stretches are shortened to their ends so the line stays short.
 */
export function markSpans(text: string, spans: readonly MarkedSpan[]): string {
  const marked = cleanSpans(spans, text.length);
  const pieces: string[] = [];
  let at = 0;
  marked.forEach((span, index) => {
    pieces.push(plain(text.slice(at, span.start), index === 0 ? 'head' : 'middle'));
    pieces.push(`<b>${escapeMarkdown(text.slice(span.start, span.end))}</b>`);
    at = span.end;
  });
  pieces.push(plain(text.slice(at), marked.length === 0 ? 'whole' : 'tail'));
  return pieces.join('').trim();
}

function cleanSpans(spans: readonly MarkedSpan[], length: number): MarkedSpan[] {
  const clipped = spans
    .map((s) => ({
      start: clamp(Math.floor(s.start), length),
      end: clamp(Math.floor(s.end), length),
    }))
    .filter((s) => s.end > s.start && s.start >= 0)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const kept: MarkedSpan[] = [];
  for (const span of clipped) {
    const last = kept.at(-1);
    if (!last || span.start >= last.end) kept.push(span);
  }
  return kept;
}

function clamp(value: number, length: number): number {
  return Number.isFinite(value) ? Math.min(Math.max(value, 0), length) : -1;
}

/**
 * An unmarked piece, escaped, keeping one space at an end that had whitespace (escapeMarkdown trims). A piece that
 * ends in `@` or `#` gets a zero-width space so it can't join the bold text after it into a mention or reference.
 */
function plain(raw: string, where: 'head' | 'middle' | 'tail' | 'whole'): string {
  if (raw === '') return '';
  const short = shorten(raw, where);
  if (short.trim() === '') return ' ';
  const lead = /^\s/.test(short) ? ' ' : '';
  const trail = /\s$/.test(short) ? ' ' : '';
  let body = escapeMarkdown(short);
  if (where !== 'tail' && where !== 'whole' && /[@#]$/.test(body)) body += ZWSP;
  return `${lead}${body}${trail}`;
}

function shorten(raw: string, where: 'head' | 'middle' | 'tail' | 'whole'): string {
  if (raw.length <= MAX_PLAIN_RUN) return raw;
  const keep = Math.floor(MAX_PLAIN_RUN / 2);
  // Cut at a word boundary when there is one near the cut, so no word is shown in part.
  const start = (n: number) => {
    const head = safeEnd(raw.slice(0, n));
    return /\s/.test(raw[n] ?? ' ') ? head : head.replace(/\s+\S*$/, '') || head;
  };
  const end = (n: number) => {
    const tail = safeStart(raw.slice(raw.length - n));
    return /\s/.test(raw[raw.length - n - 1] ?? ' ') ? tail : tail.replace(/^\S*\s+/, '') || tail;
  };
  switch (where) {
    case 'head':
      return `…${end(MAX_PLAIN_RUN)}`;
    case 'tail':
    case 'whole':
      return `${start(MAX_PLAIN_RUN)}…`;
    case 'middle':
      return `${start(keep)} … ${end(keep)}`;
  }
}

/** Never leaves half a surrogate pair at a cut. */
function safeEnd(text: string): string {
  return /[\uD800-\uDBFF]$/.test(text) ? text.slice(0, -1) : text;
}

function safeStart(text: string): string {
  return /^[\uDC00-\uDFFF]/.test(text) ? text.slice(1) : text;
}
