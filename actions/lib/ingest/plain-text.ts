/** Plain text or Markdown as Document text: unified line endings, runs of blank lines collapsed to one. */
export function normalizePlainText(raw: string): string {
  return raw
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n\s*/)
    .map((paragraph) => paragraph.replace(/[ \t]+$/gm, '').trim())
    .filter(Boolean)
    .join('\n\n');
}

/**
 * NUL bytes in the first 8 KB: what git and grep use to call a file binary. UTF-16 text (which a BOM announces)
 * is full of NULs and is decoded, not refused.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const bom = bytes[0] === 0xff ? bytes[1] === 0xfe : bytes[0] === 0xfe && bytes[1] === 0xff;
  return !bom && bytes.subarray(0, 8192).includes(0);
}
