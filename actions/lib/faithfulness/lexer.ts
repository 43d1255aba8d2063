import { digitValue, isOrdinalSuffix, isTens, numberWord, scaleAbbreviation, scaleWord } from './numbers';
import { RawKind, scanTokens } from './scan';
import type { RawTokens } from './scan';

/** A scanned text: its raw tokens and the text lowercased with the same offsets. */
export interface Lexed {
  text: string;
  lowerText: string;
  raw: RawTokens;
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
  return { text, lowerText: lowercaseInPlace(text), raw: scanTokens(text) };
}

/** Raw token `k` lowercased, Unicode-normalized (NFKC) when it has characters beyond ASCII. */
export function lowerAt(lexed: Lexed, k: number): string {
  const { raw } = lexed;
  const kind = raw.kind[k];
  if (kind === RawKind.Not) return 'not';
  if (kind === RawKind.Percent) return 'percent';
  const lower = lexed.lowerText.slice(raw.start[k], raw.end[k]);
  return raw.ascii[k] === true ? lower : lower.normalize('NFKC');
}

/** The value of raw token `k` alone ("70th" → 70, "1.2m" → 1200000, "four" → 4), NaN when it is no number. */
function valueOf(lexed: Lexed, k: number, lower: string): number {
  const kind = lexed.raw.kind[k];
  if (kind === RawKind.Numeral) {
    const digits = LEADING_DIGITS.exec(lower)?.[0] ?? '';
    const suffix = lower.slice(digits.length);
    const value = digitValue(digits);
    if (suffix === '' || isOrdinalSuffix(suffix)) return value;
    return value * (scaleAbbreviation(suffix) ?? Number.NaN);
  }
  return kind === RawKind.Word ? (numberWord(lower) ?? Number.NaN) : Number.NaN;
}

/**
 * The number starting at raw token `k` (whose lowercase form is `lower`), with the words that continue it ("twenty
 * five", "two hundred thousand", "1.2 million", "3 bn"): its value and its last raw token; undefined when `k` starts
 * no number.
 */
export function numberAt(
  lexed: Lexed,
  k: number,
  lower: string,
): { value: number; last: number } | undefined {
  let value = valueOf(lexed, k, lower);
  if (Number.isNaN(value)) return undefined;
  const { raw, text } = lexed;
  let total = 0;
  let last = k;
  for (; last + 1 < raw.start.length; last++) {
    if (!NUMBER_JOINER.test(text.slice(raw.end[last], raw.start[last + 1]))) break;
    const next = lowerAt(lexed, last + 1);
    const scale =
      scaleWord(next) ?? (raw.kind[last] === RawKind.Numeral ? scaleAbbreviation(next) : undefined);
    const unit = numberWord(next);
    if (scale === 100) value *= 100;
    else if (scale !== undefined) {
      total += value * scale;
      value = 0;
    } else if (unit !== undefined && unit < 10 && isTens(lowerAt(lexed, last))) value += unit;
    else break;
  }
  return { value: value + total, last };
}
