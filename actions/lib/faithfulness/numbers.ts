// Numbers written as words, digits, with scale words or abbreviations all become one canonical value, so "four" and
// "4", "$1.2 million" and "1.2m", "12,000" and "twelve thousand", "70th" and "70" support each other.

const words = (list: string, value: (index: number) => number): [string, number][] =>
  list.split(' ').map((word, index) => [word, value(index)]);

// Maps, not objects: looking a word up as an object property is several times slower.
const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ...words(
    'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen ' +
      'seventeen eighteen nineteen',
    (i) => i,
  ),
  ...words('twenty thirty forty fifty sixty seventy eighty ninety', (i) => 20 + 10 * i),
  ...words(
    'first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth ' +
      'fifteenth sixteenth seventeenth eighteenth nineteenth twentieth',
    (i) => i + 1,
  ),
  ...words('thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth', (i) => 30 + 10 * i),
]);

/** Every word that starts a number ("four", "twentieth"). */
export const numberWordList: readonly string[] = [...NUMBER_WORDS.keys()];

const TENS = new Set(['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety']);

const SCALE_WORDS: ReadonlyMap<string, number> = new Map([
  ['hundred', 100],
  ['thousand', 1e3],
  ['million', 1e6],
  ['billion', 1e9],
  ['trillion', 1e12],
]);

/** Abbreviated scales, only after a numeral ("1.2m", "3 bn", "40k"): alone they are other words. */
const SCALE_ABBREVIATIONS: ReadonlyMap<string, number> = new Map([
  ['k', 1e3],
  ['m', 1e6],
  ['mn', 1e6],
  ['mln', 1e6],
  ['bn', 1e9],
  ['tn', 1e12],
]);

// Every number word starts with one of these letters: other words skip the lookup (it runs on every source word).
const FIRST_LETTERS = new Set(numberWordList.map((word) => word.charCodeAt(0)));

const ORDINAL_SUFFIX = /^(?:st|nd|rd|th)$/;

/** The value of a numeral as written with digits: "12,000" → 12000, "1.5" → 1.5, "1,5" (decimal comma) → 1.5. */
export function digitValue(text: string): number {
  const plain = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(text) ? text.replace(/,/g, '') : text.replace(',', '.');
  return Number(plain);
}

/** The canonical key of a value: "1200000", "1.5" (12 significant digits, so float noise never splits a value). */
export function valueKey(value: number): string {
  return Number.isSafeInteger(value) ? String(value) : String(Number(value.toPrecision(12)));
}

/** "four" → 4, "twentieth" → 20; undefined for other words. */
export function numberWord(word: string): number | undefined {
  return FIRST_LETTERS.has(word.charCodeAt(0)) ? NUMBER_WORDS.get(word) : undefined;
}

export const isTens = (word: string): boolean => TENS.has(word);

export function scaleWord(word: string): number | undefined {
  return SCALE_WORDS.get(word);
}

export function scaleAbbreviation(word: string): number | undefined {
  return SCALE_ABBREVIATIONS.get(word);
}

export function isOrdinalSuffix(word: string): boolean {
  return ORDINAL_SUFFIX.test(word);
}
