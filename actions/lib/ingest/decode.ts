import { getEncoding } from 'encoding-sniffer';
import iconv from 'iconv-lite';
import type { Logger } from '#lib/log';

/** The charset parameter of a Content-Type header, if any. */
function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match?.[1];
}

function isKnownLabel(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return iconv.encodingExists(label);
  }
}

/** A charset declared in <meta> within the first 1024 bytes, where the WHATWG prescan looks. */
function metaCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  return /<meta[^>]+charset\s*=\s*["']?([^"'\s/>;]+)/i.exec(head)?.[1];
}

/**
 * Decodes a document the WHATWG way (BOM, then the transport charset, then <meta>), via encoding-sniffer. A label
 * nobody knows is ignored by that algorithm, which would then guess windows-1252; we say so and use UTF-8.
 */
export function decodeBytes(
  bytes: Uint8Array,
  contentType: string | undefined,
  logger: Logger,
  source: string,
): string {
  const declared = charsetOf(contentType);
  const inMeta = metaCharset(bytes);
  for (const label of [declared, inMeta]) {
    if (label && !isKnownLabel(label))
      logger.warn(`${source}: unknown charset "${label}", decoding as UTF-8`);
  }
  const encoding = getEncoding(bytes, {
    transportLayerEncodingLabel: declared && isKnownLabel(declared) ? declared : undefined,
    defaultEncoding: 'utf-8',
  });
  try {
    return new TextDecoder(encoding).decode(bytes);
  } catch {
    return iconv.encodingExists(encoding)
      ? iconv.decode(Buffer.from(bytes), encoding)
      : new TextDecoder().decode(bytes);
  }
}
