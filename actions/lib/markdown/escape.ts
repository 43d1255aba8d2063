// Untrusted text (page content, model output, fixture ids) is rendered by GitHub as Markdown in comments, issues
// and job summaries. These helpers make it display literally: no raw HTML, no links/images, no table or <details>
// breakout, no @-mentions or #123 references that would notify people or cross-link issues, and no bare URL that
// GitHub would autolink (a link to an issue in a comment posts a backlink into that issue).

const ZWSP = '\u200B';

// C0/C1 controls (except \t \n) and bidi overrides ("Trojan Source") are never wanted in a comment.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

// Every ASCII punctuation character that starts or ends Markdown syntax inline. CommonMark lets any ASCII
// punctuation be backslash-escaped, so escaping extra characters is always safe.
const INLINE_SYNTAX = /[\\`*_{}[\]()#!|~$]/g;

/** Removes control and bidi-override characters; keeps tabs and newlines. */
export function stripControlCharacters(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL, '');
}

/**
 * Breaks @mentions, #123 / GH-123 issue references and bare URLs so GitHub neither notifies nor autolinks. GFM's
 * extended autolinks start at `http://`, `https://`, `ftp://` or `www.` (GitHub Flavored Markdown spec, "Autolinks (extension)"), and an
 * autolinked issue URL becomes a cross-reference; a zero-width space after any `:` that precedes `//` (whatever the
 * scheme), or inside `www.`, leaves the text readable but no longer a link.
 */
function defuseReferences(text: string): string {
  return text
    .replace(/@(?=[\p{L}\p{N}_-])/gu, `@${ZWSP}`)
    .replace(/#(?=\d)/g, `#${ZWSP}`)
    .replace(/\b(GH)-(?=\d)/gi, `$1-${ZWSP}`)
    .replace(/:(?=\/\/)/g, `:${ZWSP}`)
    .replace(/(www)\./gi, `$1${ZWSP}.`);
}

function escapeHtmlCharacters(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Escapes untrusted text for one line of Markdown: a paragraph, a list item or a table cell. Whitespace (newlines
 * included) collapses to single spaces so the text can't end a table row or a `<details>` block.
 */
export function escapeMarkdown(text: string): string {
  const flat = stripControlCharacters(text).replace(/\s+/g, ' ').trim();
  return escapeHtmlCharacters(defuseReferences(flat).replace(INLINE_SYNTAX, '\\$&'));
}

/**
 * Escapes untrusted multi-line text (e.g. a summary, one sentence per line) for a Markdown paragraph, keeping its
 * line breaks as `<br>`. Line-start syntax that could open a list, heading or thematic break is escaped too.
 */
export function escapeMarkdownLines(text: string): string {
  return stripControlCharacters(text)
    .split('\n')
    .map((line) =>
      escapeMarkdown(line)
        .replace(/^([-+=])/, '\\$1')
        .replace(/^(\d+)([.)])/, '$1\\$2'),
    )
    .filter((line) => line !== '')
    .join('<br>\n');
}

/**
 * Escapes untrusted text for raw HTML context, where Markdown backslash escapes would show literally: inside
 * `<summary>`, HTML attributes, or the first line of an HTML block. Collapses whitespace like escapeMarkdown.
 */
export function escapeHtml(text: string): string {
  const flat = stripControlCharacters(text).replace(/\s+/g, ' ').trim();
  // References are defused before entities exist, so a numeric entity like &#39; is never split.
  return escapeHtmlCharacters(defuseReferences(flat))
    .replace(/'/g, '&#39;')
    .replace(/[|`]/g, (c) => `&#${c.charCodeAt(0)};`);
}
