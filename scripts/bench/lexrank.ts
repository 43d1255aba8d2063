// LexRank, as a benchmark baseline only (the product never uses it): Erkan & Radev, "LexRank: Graph-based Lexical
// Centrality as Salience in Text Summarization", JAIR 22 (2004), https://doi.org/10.1613/jair.1523.
// - Sentences are bags of words; similarity is the idf-modified cosine (Eq. 3):
//     Σ_w tf(w,x)·tf(w,y)·idf(w)² / (‖tf(·,x)·idf‖ · ‖tf(·,y)·idf‖).
//   With a single document and no background corpus, each sentence is a "document" for idf: idf(w) = log(N / df(w)).
//   Words are lowercased runs of letters and digits; no stemming and no stop list (the paper uses neither; idf
//   down-weights function words).
// - Degree centrality with a threshold (Algorithm 3): an edge where the similarity exceeds t, each row divided by
//   its degree. t = 0.1, the paper's best-performing threshold.
// - LexRank scores: the stationary distribution of p = [d·U + (1 − d)·B]ᵀ p (Eq. 5), with U the uniform matrix and
//   d = 0.15 (the paper: "typically chosen in the interval [0.1, 0.2]"), by the power method (Algorithm 2) from the
//   uniform vector until the change is under ε. A sentence with no edge keeps the self-loop the thresholded
//   matrix gives it (its cosine with itself is 1), as in Algorithm 3.
// The pairwise matrix is quadratic, so the input is capped at MAX_SENTENCES (benchmark articles have well under).

const THRESHOLD = 0.1;
const DAMPING = 0.15;
const EPSILON = 1e-9;
const MAX_ITERATIONS = 1_000;
const MAX_SENTENCES = 2_000;

const WORD = /[\p{L}\p{N}]+/gu;

function termCounts(sentence: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const match of sentence.toLowerCase().matchAll(WORD))
    counts.set(match[0], (counts.get(match[0]) ?? 0) + 1);
  return counts;
}

/** The idf-modified-cosine matrix of Eq. 3, with idf over the sentences themselves. */
function similarities(sentences: readonly string[]): Float64Array[] {
  const counts = sentences.map(termCounts);
  const df = new Map<string, number>();
  for (const tf of counts) for (const word of tf.keys()) df.set(word, (df.get(word) ?? 0) + 1);
  const n = sentences.length;
  const idf = (word: string): number => Math.log(n / (df.get(word) ?? n));
  const norms = counts.map((tf) => {
    let squares = 0;
    for (const [word, count] of tf) squares += (count * idf(word)) ** 2;
    return Math.sqrt(squares);
  });
  const matrix = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    (matrix[i] as Float64Array)[i] = 1;
    for (let j = i + 1; j < n; j++) {
      const [small, large] =
        (counts[i] as Map<string, number>).size <= (counts[j] as Map<string, number>).size
          ? [counts[i] as Map<string, number>, counts[j] as Map<string, number>]
          : [counts[j] as Map<string, number>, counts[i] as Map<string, number>];
      let dot = 0;
      for (const [word, count] of small) {
        const other = large.get(word);
        if (other !== undefined) dot += count * other * idf(word) ** 2;
      }
      const denominator = (norms[i] ?? 0) * (norms[j] ?? 0);
      const cosine = denominator === 0 ? 0 : dot / denominator;
      (matrix[i] as Float64Array)[j] = cosine;
      (matrix[j] as Float64Array)[i] = cosine;
    }
  }
  return matrix;
}

/** LexRank score of each sentence (they sum to 1). */
export function lexRankScores(sentences: readonly string[]): number[] {
  const n = sentences.length;
  if (n === 0) return [];
  if (n > MAX_SENTENCES) throw new RangeError(`lexRank: ${n} sentences, more than ${MAX_SENTENCES}`);
  const cosine = similarities(sentences);
  // Algorithm 3: binary edges above the threshold, each row divided by its degree.
  const rows = cosine.map((row) => {
    const edges: number[] = [];
    row.forEach((value, j) => {
      if (value > THRESHOLD) edges.push(j);
    });
    return edges;
  });
  let p = new Float64Array(n).fill(1 / n);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const next = new Float64Array(n).fill(DAMPING / n);
    rows.forEach((edges, i) => {
      const share = ((1 - DAMPING) * (p[i] ?? 0)) / edges.length;
      for (const j of edges) next[j] = (next[j] ?? 0) + share;
    });
    let change = 0;
    for (let i = 0; i < n; i++) change += Math.abs((next[i] ?? 0) - (p[i] ?? 0));
    p = next;
    if (change < EPSILON) break;
  }
  return [...p];
}

/** The k highest-scoring sentences, in document order; ties go to the earlier sentence. */
export function lexRank(sentences: readonly string[], k: number): string[] {
  const scores = lexRankScores(sentences.slice(0, MAX_SENTENCES));
  return scores
    .map((score, index) => ({ score, index }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, k)
    .sort((a, b) => a.index - b.index)
    .map(({ index }) => sentences[index] as string);
}
