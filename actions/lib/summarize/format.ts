// How a summary is printed: plain lines, a bullet list, or Markdown for issues and comments. Sentences that carry a
// start time (captions, transcripts) lead with it, as [mm:ss] or [h:mm:ss] from an hour on.
import { escapeMarkdown } from '#lib/markdown/index';

export const SUMMARY_FORMATS = ['text', 'bullets', 'markdown'] as const;
export type SummaryFormat = (typeof SUMMARY_FORMATS)[number];

/** `[mm:ss]`, or `[h:mm:ss]` from an hour on; whole seconds, rounded down as players show them. */
export function formatTimestamp(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (value: number): string => String(value).padStart(2, '0');
  return h > 0 ? `[${h}:${two(m)}:${two(s)}]` : `[${two(m)}:${two(s)}]`;
}

export interface PrintableSummary {
  /** Heading for the markdown format (the document title, or its source when it has none). */
  title: string;
  sentences: readonly string[];
  /** Parallel to `sentences`; missing or null entries print no time. */
  starts?: readonly (number | null)[] | undefined;
}

function stamped(sentence: string, start: number | null | undefined): string {
  return start === null || start === undefined ? sentence : `${formatTimestamp(start)} ${sentence}`;
}

/** The summary as lines of text, without a trailing newline. Markdown escapes the (untrusted) document text. */
export function formatSummary(summary: PrintableSummary, format: SummaryFormat): string {
  const { sentences, starts } = summary;
  if (format === 'text') return sentences.map((s, i) => stamped(s, starts?.[i])).join('\n');
  if (format === 'bullets') return sentences.map((s, i) => `- ${stamped(s, starts?.[i])}`).join('\n');
  const items = sentences.map((s, i) => `- ${stamped(escapeMarkdown(s), starts?.[i])}`);
  return [`## ${escapeMarkdown(summary.title)}`, '', '### Key points', '', ...items].join('\n');
}
