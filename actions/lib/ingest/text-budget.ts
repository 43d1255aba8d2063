/**
 * The most characters of text a Document keeps: about 170,000 English words, far more than any article, book
 * chapter or transcript sumops is meant for, and small enough that sentence splitting, scoring and summarizing it
 * stay well inside the per-source deadline. Longer text keeps its beginning, cut at a paragraph (else word) break.
 */
export const DOCUMENT_BUDGET_CHARS = 1_000_000;

export interface Truncation {
  keptChars: number;
  totalChars: number;
}

export function fitTextBudget(
  text: string,
  budget = DOCUMENT_BUDGET_CHARS,
): { text: string; truncated?: Truncation } {
  if (text.length <= budget) return { text };
  const head = text.slice(0, budget);
  const paragraph = head.lastIndexOf('\n\n');
  const space = head.search(/\s\S*$/);
  const cut = paragraph > budget / 2 ? paragraph : space > budget / 2 ? space : budget;
  const kept = text.slice(0, cut).trimEnd();
  return { text: kept, truncated: { keptChars: kept.length, totalChars: text.length } };
}
