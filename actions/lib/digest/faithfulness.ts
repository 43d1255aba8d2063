import type { ConfigProvider } from '#lib/config/index';
import { scoreFaithfulness } from '#lib/faithfulness/index';
import type { FaithfulnessResult } from '#lib/faithfulness/index';
import { escapeMarkdown, truncateText } from '#lib/markdown/index';

/** Added to a digest issue whose summary scores below the floor; removed when a later summary does not. */
export const LOW_FAITHFULNESS_LABEL = 'low-faithfulness';

/** Models can invent; the embedded summarizer only copies sentences, so its summaries are not checked. */
const CHECKED_PROVIDERS: ReadonlySet<ConfigProvider> = new Set(['space', 'openai']);

export interface FaithfulnessCheck {
  result: FaithfulnessResult;
  floor: number;
  low: boolean;
}

/** How much of `summary` the page's text supports, for the providers that can invent; undefined for the others. */
export function checkFaithfulness(
  provider: ConfigProvider,
  pageText: string,
  summary: string,
  floor: number,
): FaithfulnessCheck | undefined {
  if (!CHECKED_PROVIDERS.has(provider)) return undefined;
  const result = scoreFaithfulness(pageText, summary);
  return { result, floor, low: result.faithfulness < floor };
}

const MAX_LISTED_SPANS = 20;
const MAX_LISTED_SENTENCES = 3;
/** Characters of a sentence shown on each side of a span. */
const CONTEXT_CHARS = 100;

/** The sentence around a span, escaped, with the span in bold. */
function markedContext(sentence: string, start: number, end: number): string {
  const from = Math.max(0, start - CONTEXT_CHARS);
  const to = Math.min(sentence.length, end + CONTEXT_CHARS);
  const before = `${from > 0 ? '…' : ''}${sentence.slice(from, start)}`;
  const after = `${sentence.slice(end, to)}${to < sentence.length ? '…' : ''}`;
  // Each piece is escaped on its own (escaping trims, so the spaces around the span are put back).
  return (
    `${escapeMarkdown(before)}${/\s$/.test(before) ? ' ' : ''}**${escapeMarkdown(sentence.slice(start, end))}**` +
    `${/^\s/.test(after) ? ' ' : ''}${escapeMarkdown(after)}`
  );
}

/** The issue body's score line. */
export function faithfulnessLine(check: FaithfulnessCheck): string {
  const score = check.result.faithfulness.toFixed(2);
  return check.low
    ? `**Faithfulness:** ${score}, below the floor of ${check.floor.toFixed(2)} (\`faithfulness-floor\`)`
    : `**Faithfulness:** ${score}`;
}

/** Below the floor: what the summary says that the page does not, each in its sentence; empty otherwise. */
export function unsupportedSection(check: FaithfulnessCheck): string[] {
  if (!check.low) return [];
  const spans = check.result.sentences.flatMap((sentence) =>
    sentence.unsupported.map((span) => ({ sentence: sentence.text, span })),
  );
  const lines = ['### Possibly unsupported by the page', ''];
  if (spans.length === 0) {
    const weakest = [...check.result.sentences]
      .sort((a, b) => a.support - b.support)
      .slice(0, MAX_LISTED_SENTENCES);
    lines.push(
      'Every name, number and word of the summary is on the page, but these sentences combine or rephrase it ' +
        'beyond what the page says in one place:',
      '',
      ...weakest.map(
        (s) => `- ${s.support.toFixed(2)}: ${escapeMarkdown(truncateText(s.text, 2 * CONTEXT_CHARS))}`,
      ),
    );
  } else {
    lines.push(
      'The summary says these, and the extracted page text does not:',
      '',
      ...spans
        .slice(0, MAX_LISTED_SPANS)
        .map(({ sentence, span }) => `- ${span.kind}: ${markedContext(sentence, span.start, span.end)}`),
    );
    if (spans.length > MAX_LISTED_SPANS) lines.push('', `_…and ${spans.length - MAX_LISTED_SPANS} more._`);
  }
  lines.push('');
  return lines;
}
