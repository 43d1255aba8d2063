/**
 * Advice for a failure, split in two: which fix an error calls for (a kind, with the data the advice needs) is
 * decided once in the library, and each entry words every kind in its own terms (a CLI flag or an action input).
 * See deploy/failure-advice.ts, evaluate/failure-advice.ts and digest/failure-advice.ts.
 */

/**
 * An entry's words for every kind of an advice type: a sentence, a function of the advice's data, or undefined
 * where the entry has nothing to add (the error cannot happen there, or its message is enough). Every kind must be
 * listed, so a new kind is worded by every entry.
 */
export type AdviceWording<A extends { kind: string }> = {
  [K in A['kind']]: string | ((advice: Extract<A, { kind: K }>) => string) | undefined;
};

/** The advice in one entry's words; undefined when there is none. */
export function phraseAdvice<A extends { kind: string }>(
  advice: A | undefined,
  wording: AdviceWording<A>,
): string | undefined {
  if (!advice) return undefined;
  const words = wording[advice.kind as A['kind']] as string | ((advice: A) => string) | undefined;
  return typeof words === 'function' ? words(advice) : words;
}
