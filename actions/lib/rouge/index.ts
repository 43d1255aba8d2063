/** Exact ROUGE (Google rouge-score semantics) with NLTK's default Porter stemmer. */
export { scoreRouge } from './score';
export { tokenize, summaryLines } from './tokenize';
export { porterStem } from './porter';
export { parseRougeTypes, DEFAULT_ROUGE_TYPES, InvalidRougeTypeError } from './types';
export type { RougeType, Score, RougeScores } from './types';
