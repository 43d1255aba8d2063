export { escapeHtml, escapeMarkdown, escapeMarkdownLines, stripControlCharacters } from './escape';
export { escapeTruncated, truncateText } from './truncate';
