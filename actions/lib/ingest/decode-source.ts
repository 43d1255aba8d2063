import type { Logger } from '#lib/log';

const UTF8_LABELS = new Set([
  'utf-8',
  'utf8',
  'unicode-1-1-utf-8',
  'unicode11utf8',
  'unicode20utf8',
  'x-unicode20utf8',
]);
const CHARSET = /charset\s*=\s*["']?([^"'\s/>;]*)/gi;

function isUtf8Label(label: string | undefined): boolean {
  return label !== undefined && UTF8_LABELS.has(label.trim().toLowerCase());
}

/**
 * The text, when decodeBytes (decode.ts) would certainly choose UTF-8: no UTF-16 byte order mark, no charset but
 * UTF-8 in the Content-Type, and in the first 1024 bytes (where the WHATWG prescan looks) no XML declaration, no
 * NUL byte and no `charset=` naming anything but UTF-8. Undefined otherwise. Most pages and files are like that,
 * and for them the encoding detectors (encoding-sniffer, iconv-lite: ~1 MB of code) need not be loaded.
 */
export function plainUtf8(bytes: Uint8Array, contentType: string | undefined): string | undefined {
  if ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe)) return undefined;
  if (contentType !== undefined) {
    const transport = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType)?.[1];
    if (transport !== undefined && !isUtf8Label(transport)) return undefined;
  }
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).toString(
    'latin1',
  );
  if (head.includes('\0') || /<\?xml/i.test(head)) return undefined;
  for (const match of head.matchAll(CHARSET)) if (!isUtf8Label(match[1])) return undefined;
  return new TextDecoder().decode(bytes);
}

/**
 * A document's text by the WHATWG rules of decodeBytes (BOM, then the transport charset, then <meta>); the
 * detectors are imported only when the bytes are not plainly UTF-8 (plainUtf8).
 */
export async function decodeSource(
  bytes: Uint8Array,
  contentType: string | undefined,
  logger: Logger,
  source: string,
): Promise<string> {
  const plain = plainUtf8(bytes, contentType);
  if (plain !== undefined) return plain;
  const { decodeBytes } = await import('./decode');
  return decodeBytes(bytes, contentType, logger, source);
}
