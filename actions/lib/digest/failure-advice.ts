import { errorMessage, messageAfter } from '#lib/errors';
import { BlockedAddressSourceError } from '#lib/ingest/errors';
import { MissingApiKeyError, OpenAIAuthError } from '#lib/summarize/openai-errors';

/**
 * What a user can change about a failed digest page, one kind per fix: the page is on a private address (the SSRF
 * guard), the OpenAI-compatible provider has no key, or refused it. Decided here once; the digest action and
 * `sumops digest` word each kind in their own terms (a config key and an input, a flag and a variable).
 */
export type DigestAdviceKind = 'private-network' | 'missing-api-key' | 'api-key-refused';

export function digestAdvice(error: unknown): DigestAdviceKind | undefined {
  if (error instanceof BlockedAddressSourceError) return 'private-network';
  if (error instanceof MissingApiKeyError) return 'missing-api-key';
  if (error instanceof OpenAIAuthError) return 'api-key-refused';
  return undefined;
}

/** An entry's words for every kind of digest advice. */
export type DigestAdviceWording = Record<DigestAdviceKind, string>;

/**
 * The reason printed beside a failed URL, so without the URL (messageAfter), with the entry's advice; a failure of
 * the whole run has no URL. The private-network advice is an aside in parentheses, the others follow a semicolon.
 */
export function describeDigestFailure(
  error: unknown,
  url: string | undefined,
  wording: DigestAdviceWording,
): string {
  const message = url === undefined ? errorMessage(error) : messageAfter(url, error);
  const kind = digestAdvice(error);
  if (!kind) return message;
  return kind === 'private-network' ? `${message} (${wording[kind]})` : `${message}; ${wording[kind]}`;
}
