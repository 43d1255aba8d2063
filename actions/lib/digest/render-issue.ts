import {
  escapeMarkdown,
  escapeMarkdownLines,
  escapeTruncated,
  stripControlCharacters,
  truncateText,
} from '#lib/markdown/index';
import type { FaithfulnessCheck } from './faithfulness';
import { faithfulnessLine, unsupportedSection } from './faithfulness';
import type { DigestMarker } from './marker';
import { renderMarker } from './marker';

/** GitHub's limit on an issue title. */
const MAX_TITLE_CHARS = 256;
const MAX_SUMMARY_CHARS = 12_000;
const MAX_EXCERPT_CHARS = 6_000;
const ZWSP = '\u200B';

export interface IssueContent {
  marker: DigestMarker;
  title: string;
  /** The URL as fetched (after redirects). */
  url: string;
  fetchedAt: Date;
  provider: string;
  model: string;
  summary: string;
  text: string;
  words: number;
  /** Only for providers that can invent (space, openai). */
  faithfulness?: FaithfulnessCheck;
}

/**
 * Titles are plain text, but GitHub still turns `#1` and `owner/repo#1` in them into references: break those,
 * and @-mentions, with a zero-width space.
 */
export function plainTitle(raw: string, fallback: string): string {
  const flat = stripControlCharacters(raw).replace(/\s+/g, ' ').trim() || fallback;
  const defused = flat.replace(/@(?=[\p{L}\p{N}_-])/gu, `@${ZWSP}`).replace(/#(?=\d)/g, `#${ZWSP}`);
  return truncateText(defused, MAX_TITLE_CHARS);
}

/** A Markdown link target that can't end the link early or carry a scheme other than http(s). */
export function safeLinkTarget(url: string): string | undefined {
  if (!/^https?:\/\//i.test(url)) return undefined;
  return url.replace(
    /[()<>\s"'`\\]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

export function renderIssueBody(content: IssueContent): string {
  const target = safeLinkTarget(content.url);
  const source = target ? `[${escapeMarkdown(content.url)}](${target})` : escapeMarkdown(content.url);
  const summary = escapeTruncated(content.summary, MAX_SUMMARY_CHARS, escapeMarkdownLines);
  const excerpt = escapeTruncated(content.text, MAX_EXCERPT_CHARS, escapeMarkdownLines);
  return [
    renderMarker(content.marker),
    `**Source:** ${source}`,
    `**Fetched:** ${content.fetchedAt.toISOString()} · **Provider:** ${escapeMarkdown(content.provider)} (${escapeMarkdown(content.model)}) · ${content.words} words`,
    ...(content.faithfulness ? [faithfulnessLine(content.faithfulness)] : []),
    '',
    '### Summary',
    '',
    summary || '_The provider returned an empty summary._',
    '',
    ...(content.faithfulness ? unsupportedSection(content.faithfulness) : []),
    '<details><summary>Extracted text (excerpt)</summary>',
    '',
    excerpt,
    '',
    '</details>',
    '',
  ].join('\n');
}

/** The same body with a new marker line (drift and gone bookkeeping keep the last good content). */
export function replaceMarker(body: string, marker: DigestMarker): string {
  const newline = body.indexOf('\n');
  return `${renderMarker(marker)}${newline === -1 ? '\n' : body.slice(newline)}`;
}

export function updatedComment(beforeWords: number, afterWords: number): string {
  const delta = afterWords - beforeWords;
  return `The page changed (${beforeWords} → ${afterWords} words, ${delta >= 0 ? '+' : ''}${delta}); the summary above is updated.`;
}

export function driftComment(signal: string): string {
  return `**Drift alert:** ${escapeMarkdown(signal)}. The last good summary is kept; this issue is labelled \`drift\` until the page recovers.`;
}

export function goneComment(status: number, closing: boolean): string {
  return `The page answered HTTP ${status} on two runs in a row, so it looks gone.${closing ? ' Closing this issue.' : ''}`;
}
