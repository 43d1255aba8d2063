import { digitValue, isOrdinalSuffix, isTens, numberWord, scaleAbbreviation, scaleWord } from './numbers';
import { newScannedToken, nextToken, RawKind } from './scan';
import type { ScannedToken } from './scan';

/** A text with its lowercase form (same offsets). */
export interface Lexed {
  text: string;
  lowerText: string;
}

const UPPERCASE = /\p{Lu}/gu;
// Only spaces or a hyphen between the words of one number ("twenty-five", "two hundred").
const NUMBER_JOINER = /^[ \t\u00a0-]{1,3}$/;
const LEADING_DIGITS = /^[^a-z]+/;

/**
 * The text lowercased with every offset kept: `toLowerCase` lengthens a few characters ("İ" → "i̇"), and then
 * characters are lowered one at a time, each cut to its own length ("İ" → "i").
 */
function lowercaseInPlace(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  return text.replace(UPPERCASE, (char) => char.toLowerCase().slice(0, char.length));
}

export function lex(text: string): Lexed {
  return { text, lowerText: lowercaseInPlace(text) };
}

/** A token lowercased, Unicode-normalized (NFKC) when it has characters beyond ASCII. */
export function lowerOf(lexed: Lexed, token: ScannedToken): string {
  if (token.kind === RawKind.Not) return 'not';
  if (token.kind === RawKind.Percent) return 'percent';
  const lower = lexed.lowerText.slice(token.start, token.end);
  return token.ascii ? lower : lower.normalize('NFKC');
}

/** The value of one token ("70th" → 70, "1.2m" → 1200000, "four" → 4), NaN when it is no number. */
function valueOf(token: ScannedToken, lower: string): number {
  if (token.kind === RawKind.Numeral) {
    const digits = LEADING_DIGITS.exec(lower)?.[0] ?? '';
    const suffix = lower.slice(digits.length);
    const value = digitValue(digits);
    if (suffix === '' || isOrdinalSuffix(suffix)) return value;
    return value * (scaleAbbreviation(suffix) ?? Number.NaN);
  }
  return token.kind === RawKind.Word ? (numberWord(lower) ?? Number.NaN) : Number.NaN;
}

const peeked = newScannedToken();

/**
 * The number starting with `token` (whose lowercase form is `lower`), with the words that continue it ("twenty
 * five", "two hundred thousand", "1.2 million", "3 bn"): its value and where it ends; undefined when `token` starts
 * no number.
 */
export function numberAt(
  lexed: Lexed,
  token: ScannedToken,
  lower: string,
): { value: number; end: number } | undefined {
  let value = valueOf(token, lower);
  if (Number.isNaN(value)) return undefined;
  let total = 0;
  let end = token.end;
  let lastKind = token.kind;
  let lastLower = lower;
  while (nextToken(lexed.text, end, peeked) && NUMBER_JOINER.test(lexed.text.slice(end, peeked.start))) {
    const next = lowerOf(lexed, peeked);
    const scale = scaleWord(next) ?? (lastKind === RawKind.Numeral ? scaleAbbreviation(next) : undefined);
    const unit = numberWord(next);
    if (scale === 100) value *= 100;
    else if (scale !== undefined) {
      total += value * scale;
      value = 0;
    } else if (unit !== undefined && unit < 10 && isTens(lastLower)) value += unit;
    else break;
    end = peeked.end;
    lastKind = peeked.kind;
    lastLower = next;
  }
  return { value: value + total, end };
}
