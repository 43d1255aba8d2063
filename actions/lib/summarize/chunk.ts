import { countWords, splitAtWords } from '#lib/text/words';
import { splitParagraphs, splitSentences } from './sentences';

interface Unit {
  text: string;
  words: number;
  paragraph: number;
}

function unitsOf(text: string, budgetWords: number): Unit[] {
  const units: Unit[] = [];
  splitParagraphs(text).forEach((paragraph, index) => {
    const words = countWords(paragraph);
    if (words <= budgetWords) {
      units.push({ text: paragraph, words, paragraph: index });
      return;
    }
    for (const sentence of splitSentences(paragraph)) {
      const sentenceWords = countWords(sentence);
      const pieces = sentenceWords <= budgetWords ? [sentence] : splitAtWords(sentence, budgetWords);
      for (const piece of pieces) units.push({ text: piece, words: countWords(piece), paragraph: index });
    }
  });
  return units;
}

/**
 * Splits a document into chunks of at most `budgetWords` words each. Whole paragraphs are kept together when they
 * fit; longer paragraphs are cut between sentences, and a single sentence longer than the budget is cut between
 * words. Within a chunk, paragraphs stay separated by a blank line.
 */
export function splitIntoChunks(text: string, budgetWords: number): string[] {
  if (!Number.isInteger(budgetWords) || budgetWords < 1) {
    throw new RangeError(
      `splitIntoChunks: budgetWords must be a whole number of at least 1, got ${budgetWords}`,
    );
  }
  const chunks: string[] = [];
  let current = '';
  let currentWords = 0;
  let currentParagraph = -1;
  for (const unit of unitsOf(text, budgetWords)) {
    if (current !== '' && currentWords + unit.words > budgetWords) {
      chunks.push(current);
      current = '';
      currentWords = 0;
    }
    const separator = current === '' ? '' : unit.paragraph === currentParagraph ? ' ' : '\n\n';
    current += separator + unit.text;
    currentWords += unit.words;
    currentParagraph = unit.paragraph;
  }
  if (current !== '') chunks.push(current);
  return chunks;
}
