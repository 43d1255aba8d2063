import { createHash } from 'node:crypto';
import { z } from 'zod';

/** What the issue remembers between runs, kept in a hidden first line of its body. */
export const markerSchema = z.strictObject({
  url: z.string().max(2048),
  /** sha256 of the extracted title and text of the last good version. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  words: z.number().int().min(0),
  /** sha256 of the fetched bytes: identical bytes are unchanged without extracting them again. */
  body: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  lang: z.string().max(35).optional(),
  /** Consecutive runs that found the page gone (404/410). */
  gone: z.number().int().min(0).max(1000).default(0),
  /** The drift signal last reported, while the page stays drifted. */
  drift: z.string().max(200).optional(),
});
export type DigestMarker = z.infer<typeof markerSchema>;

const PREFIX = '<!-- sumops-digest:v1 ';
const SUFFIX = ' -->';
const MAX_MARKER_CHARS = 8192;

/**
 * The marker is base64url JSON, so it never contains "-->" or anything page text could produce: every piece of
 * page text in the body is escaped (`<` becomes `&lt;`), and only the body's first line is read as the marker.
 */
export function renderMarker(marker: DigestMarker): string {
  return `${PREFIX}${Buffer.from(JSON.stringify(marker)).toString('base64url')}${SUFFIX}`;
}

export function parseMarker(body: string | null | undefined): DigestMarker | undefined {
  if (!body) return undefined;
  const firstLine = body.slice(0, MAX_MARKER_CHARS).split('\n', 1)[0]?.trim() ?? '';
  if (!firstLine.startsWith(PREFIX) || !firstLine.endsWith(SUFFIX)) return undefined;
  const encoded = firstLine.slice(PREFIX.length, -SUFFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(encoded)) return undefined;
  try {
    const parsed = markerSchema.safeParse(JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function bodyHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function contentHash(title: string, text: string): string {
  return createHash('sha256').update(title).update('\u0000').update(text).digest('hex');
}
