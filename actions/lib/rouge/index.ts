/** Exact ROUGE (Google rouge-score semantics) with NLTK's default Porter stemmer. */
export { scoreRouge } from './score';
export type { ScoreRougeOptions } from './score';
export { tokenize, summaryLines } from './tokenize';
export { porterStem } from './porter';
export { parseRougeTypes, isRougeType, DEFAULT_ROUGE_TYPES, InvalidRougeTypeError } from './types';
export type { RougeType, RougeNType, Score, RougeScores } from './types';
export { parseRougeInputLine, RougeInputError } from './input';
export type { RougeInput } from './input';
