import { tokenize } from '#lib/rouge/tokenize';
import { splitIntoChunks } from '#lib/summarize/chunk';
import { countWords } from '#lib/text/words';

export interface ContextSource {
  /** What the user passed (path, URL, wiki:Title). */
  source: string;
  title: string;
  text: string;
}

export interface ContextChunk {
  /** `S1`, `S2`, … in the order given to the model. */
  id: string;
  source: string;
  title: string;
  text: string;
  score: number;
}

const CHUNK_WORDS = 180;
/** Chunks scored per question: bounds the work on huge contexts (a book is ~600 chunks). */
const MAX_CHUNKS_SCORED = 5000;
const MAX_CHUNKS_SENT = 12;
const STOPWORDS = new Set(
  'a an and are as at be by did do does for from had has have how i in is it its of on or that the this to was were what when where which who why will with'.split(
    ' ',
  ),
);

function terms(text: string): string[] {
  return tokenize(text, true).filter((term) => !STOPWORDS.has(term));
}

/**
 * The chunks most relevant to the question, by BM25 over stemmed terms (k1 1.2, b 0.75), that fit `budgetWords`
 * together. Chunks sharing no term with the question are never chosen, so an empty result means the sources
 * don't talk about it.
 */
export function selectChunks(
  question: string,
  sources: readonly ContextSource[],
  budgetWords: number,
): ContextChunk[] {
  const wanted = [...new Set(terms(question))];
  // Small context windows get smaller chunks, so that several still fit.
  const chunkWords = Math.max(20, Math.min(CHUNK_WORDS, Math.floor(budgetWords / 3)));
  const chunks: { source: ContextSource; text: string; tf: Map<string, number>; length: number }[] = [];
  for (const source of sources) {
    for (const text of splitIntoChunks(source.text, chunkWords)) {
      if (chunks.length >= MAX_CHUNKS_SCORED) break;
      const tokens = terms(text);
      const tf = new Map<string, number>();
      for (const token of tokens) tf.set(token, (tf.get(token) ?? 0) + 1);
      chunks.push({ source, text, tf, length: tokens.length });
    }
  }
  if (chunks.length === 0 || wanted.length === 0) return [];
  const average = chunks.reduce((sum, c) => sum + c.length, 0) / chunks.length || 1;
  const idf = new Map(
    wanted.map((term) => {
      const containing = chunks.filter((c) => c.tf.has(term)).length;
      return [term, Math.log(1 + (chunks.length - containing + 0.5) / (containing + 0.5))];
    }),
  );
  const scored = chunks
    .map((chunk, index) => {
      let score = 0;
      for (const term of wanted) {
        const f = chunk.tf.get(term) ?? 0;
        if (f === 0) continue;
        score += ((idf.get(term) ?? 0) * f * 2.2) / (f + 1.2 * (0.25 + (0.75 * chunk.length) / average));
      }
      return { chunk, index, score };
    })
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index);
  const chosen: typeof scored = [];
  let words = 0;
  for (const entry of scored) {
    if (chosen.length >= MAX_CHUNKS_SENT) break;
    const size = countWords(entry.chunk.text);
    if (words + size > budgetWords) continue;
    chosen.push(entry);
    words += size;
  }
  // Document order reads better and keeps neighbouring chunks together.
  chosen.sort((a, b) => a.index - b.index);
  return chosen.map((entry, i) => ({
    id: `S${i + 1}`,
    source: entry.chunk.source.source,
    title: entry.chunk.source.title,
    text: entry.chunk.text,
    score: Math.round(entry.score * 1000) / 1000,
  }));
}
