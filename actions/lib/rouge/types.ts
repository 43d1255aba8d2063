import { UsageError } from '#lib/errors';

export type RougeNType =
  'rouge1' | 'rouge2' | 'rouge3' | 'rouge4' | 'rouge5' | 'rouge6' | 'rouge7' | 'rouge8' | 'rouge9';
export type RougeType = RougeNType | 'rougeL' | 'rougeLsum';

/** One ROUGE result; `fmeasure` is F1 = 2PR/(P+R), or 0 when P+R = 0. */
export interface Score {
  precision: number;
  recall: number;
  fmeasure: number;
}

export type RougeScores = Partial<Record<RougeType, Score>>;

export const DEFAULT_ROUGE_TYPES: readonly RougeType[] = ['rouge1', 'rouge2', 'rougeL', 'rougeLsum'];

/** A `--types` (or config) entry that is not rouge1…rouge9, rougeL or rougeLsum. */
export class InvalidRougeTypeError extends UsageError {
  constructor(readonly rougeType: string) {
    super(
      `invalid ROUGE type "${rougeType}": use rouge1…rouge9, rougeL or rougeLsum, comma-separated (e.g. rouge1,rouge2,rougeLsum)`,
    );
  }
}

export function isRougeType(name: string): name is RougeType {
  return /^rouge[1-9]$/.test(name) || name === 'rougeL' || name === 'rougeLsum';
}

/** n of a rougeN type, or 0 for rougeL/rougeLsum. */
export function ngramOrder(type: RougeType): number {
  return type === 'rougeL' || type === 'rougeLsum' ? 0 : Number(type.slice(5));
}

/** Parses a comma-separated list such as `rouge1,rougeLsum`; duplicates collapse, order is kept. */
export function parseRougeTypes(list: string): RougeType[] {
  const types: RougeType[] = [];
  for (const raw of list.split(',')) {
    const name = raw.trim();
    if (!isRougeType(name)) throw new InvalidRougeTypeError(name);
    if (!types.includes(name)) types.push(name);
  }
  return types;
}
