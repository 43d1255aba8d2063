/** Sparse TF-IDF vectors over one document's sentences, with sentence-level document frequencies. */
export interface SparseVector {
  ids: Int32Array;
  weights: Float64Array;
  norm: number;
}

export function buildVectors(termLists: readonly (readonly string[])[]): {
  vectors: SparseVector[];
  centroid: Float64Array;
} {
  const ids = new Map<string, number>();
  const documentFrequency: number[] = [];
  const counts = termLists.map((terms) => {
    const tf = new Map<number, number>();
    for (const term of terms) {
      let id = ids.get(term);
      if (id === undefined) {
        id = ids.size;
        ids.set(term, id);
        documentFrequency.push(0);
      }
      tf.set(id, (tf.get(id) ?? 0) + 1);
    }
    for (const id of tf.keys()) documentFrequency[id] = (documentFrequency[id] ?? 0) + 1;
    return tf;
  });
  const sentenceCount = termLists.length;
  const centroid = new Float64Array(ids.size);
  const vectors = counts.map((tf) => {
    const vectorIds = new Int32Array(tf.size);
    const weights = new Float64Array(tf.size);
    let squares = 0;
    let k = 0;
    for (const [id, count] of tf) {
      // Sublinear tf: a word repeated in one sentence should not dominate it.
      const weight = (1 + Math.log(count)) * Math.log(1 + sentenceCount / (documentFrequency[id] ?? 1));
      vectorIds[k] = id;
      weights[k] = weight;
      squares += weight * weight;
      centroid[id] = (centroid[id] ?? 0) + weight;
      k++;
    }
    return { ids: vectorIds, weights, norm: Math.sqrt(squares) };
  });
  return { vectors, centroid };
}

/** Cosine to (dense − vector): similarity to the rest of the document, without the sentence's own weight. */
export function cosineToRest(vector: SparseVector, dense: Float64Array, denseSquares: number): number {
  if (vector.norm === 0) return 0;
  let dot = 0;
  let overlapSquares = 0;
  for (let k = 0; k < vector.ids.length; k++) {
    const weight = vector.weights[k] ?? 0;
    const rest = (dense[vector.ids[k] ?? 0] ?? 0) - weight;
    dot += weight * rest;
    overlapSquares += rest * rest - (rest + weight) * (rest + weight);
  }
  const restNorm = Math.sqrt(Math.max(0, denseSquares + overlapSquares));
  return restNorm === 0 ? 0 : dot / (vector.norm * restNorm);
}

/** Cosine similarity to `target`, prepared once so comparing it with every other sentence stays linear. */
export function cosineTo(target: SparseVector): (other: SparseVector) => number {
  const lookup = new Map<number, number>();
  for (let k = 0; k < target.ids.length; k++) lookup.set(target.ids[k] ?? 0, target.weights[k] ?? 0);
  return (other) => {
    if (target.norm === 0 || other.norm === 0) return 0;
    let dot = 0;
    for (let k = 0; k < other.ids.length; k++)
      dot += (other.weights[k] ?? 0) * (lookup.get(other.ids[k] ?? 0) ?? 0);
    return dot / (target.norm * other.norm);
  };
}
