// Topic segmentation for documents whose gist is spread over their length. Headings, where a page has them, are
// the author's own segmentation and win. Otherwise TextTiling (Hearst 1997, "TextTiling: Segmenting Text into
// Multi-paragraph Subtopic Passages", Computational Linguistics 23(1)): lexical cohesion between the sentences
// before and after each gap, a boundary where cohesion dips deepest relative to the peaks on both sides, and
// a preference for paragraph breaks. It needs nothing but the TF-IDF vectors the scorer already builds, is linear
// in the text (fixed windows, bounded peak search), and works on speech, which has no headings and few paragraphs.
import type { SparseVector } from './vectors';

/** Sentences on each side of a gap whose words are compared. */
const WINDOW = 6;
/** How far the peak search climbs on each side of a gap, so monotone stretches cost no more than this. */
const PEAK_SEARCH = 40;
/** A paragraph break is where a writer (or a pause in speech) already marked a shift. */
const PARAGRAPH_BONUS = 0.05;
/** Dips shallower than this are vocabulary noise, not a change of topic. */
const MIN_DEPTH = 0.1;
/** At most this many segments, whatever the length: bounds the per-segment work. */
export const MAX_SEGMENTS = 60;

function addInto(sum: Map<number, number>, vector: SparseVector, sign: number): void {
  for (let k = 0; k < vector.ids.length; k++) {
    const id = vector.ids[k] ?? 0;
    const value = (sum.get(id) ?? 0) + sign * (vector.weights[k] ?? 0);
    if (Math.abs(value) < 1e-12) sum.delete(id);
    else sum.set(id, value);
  }
}

function cosine(a: Map<number, number>, b: Map<number, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [id, value] of small) dot += value * (large.get(id) ?? 0);
  if (dot === 0) return 0;
  let aa = 0;
  let bb = 0;
  for (const value of a.values()) aa += value * value;
  for (const value of b.values()) bb += value * value;
  return dot / Math.sqrt(aa * bb);
}

/** Cohesion across each gap g (between sentence g − 1 and g), for g = 1 … n − 1; index 0 unused. */
function gapCohesion(vectors: readonly SparseVector[]): Float64Array {
  const n = vectors.length;
  const scores = new Float64Array(n);
  const left = new Map<number, number>();
  const right = new Map<number, number>();
  for (let i = 0; i < Math.min(n, WINDOW); i++) addInto(right, vectors[i] as SparseVector, 1);
  for (let gap = 1; gap < n; gap++) {
    const moving = vectors[gap - 1] as SparseVector;
    addInto(right, moving, -1);
    addInto(left, moving, 1);
    if (gap - 1 - WINDOW >= 0) addInto(left, vectors[gap - 1 - WINDOW] as SparseVector, -1);
    if (gap - 1 + WINDOW < n) addInto(right, vectors[gap - 1 + WINDOW] as SparseVector, 1);
    scores[gap] = cosine(left, right);
  }
  return scores;
}

function depthScores(cohesion: Float64Array): Float64Array {
  const n = cohesion.length;
  const smooth = new Float64Array(n);
  for (let gap = 1; gap < n; gap++) {
    const lo = Math.max(1, gap - 1);
    const hi = Math.min(n - 1, gap + 1);
    let sum = 0;
    for (let k = lo; k <= hi; k++) sum += cohesion[k] ?? 0;
    smooth[gap] = sum / (hi - lo + 1);
  }
  const depth = new Float64Array(n);
  for (let gap = 1; gap < n; gap++) {
    const here = smooth[gap] ?? 0;
    let leftPeak = here;
    for (let k = gap - 1; k >= 1 && gap - k <= PEAK_SEARCH && (smooth[k] ?? 0) >= leftPeak; k--)
      leftPeak = smooth[k] ?? 0;
    let rightPeak = here;
    for (let k = gap + 1; k < n && k - gap <= PEAK_SEARCH && (smooth[k] ?? 0) >= rightPeak; k++)
      rightPeak = smooth[k] ?? 0;
    depth[gap] = leftPeak - here + (rightPeak - here);
  }
  return depth;
}

/**
 * Start indices of topic segments (always beginning with 0). `paragraphOf[i]` is the paragraph of sentence i,
 * `words[i]` its length; the document is cut into about one segment per `segmentWords` words (at most
 * MAX_SEGMENTS), at the deepest cohesion dips that leave every segment at least 40% of `segmentWords` long.
 */
export function textTile(
  vectors: readonly SparseVector[],
  paragraphOf: readonly number[],
  words: readonly number[],
  segmentWords: number,
): number[] {
  const n = vectors.length;
  let totalWords = 0;
  for (const count of words) totalWords += count;
  const target = Math.min(MAX_SEGMENTS, Math.round(totalWords / segmentWords));
  if (target < 2 || n < 2 * WINDOW) return [0];
  const depth = depthScores(gapCohesion(vectors));
  for (let gap = 1; gap < n; gap++) {
    if (paragraphOf[gap] !== paragraphOf[gap - 1]) depth[gap] = (depth[gap] ?? 0) + PARAGRAPH_BONUS;
  }
  // Word position of each gap, to keep segments from getting too short.
  const wordsBefore = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) wordsBefore[i + 1] = (wordsBefore[i] ?? 0) + (words[i] ?? 0);
  // From the nominal size, not the capped one: a short distinct topic inside a huge text is still its own segment.
  const minWords = 0.4 * segmentWords;
  const gaps = Array.from({ length: n - 1 }, (_, k) => k + 1)
    .filter((gap) => (depth[gap] ?? 0) >= MIN_DEPTH)
    .sort((a, b) => (depth[b] ?? 0) - (depth[a] ?? 0) || a - b);
  const chosen: number[] = [];
  const at = (gap: number): number => wordsBefore[gap] ?? 0;
  for (const gap of gaps) {
    if (chosen.length >= target - 1) break;
    if (at(gap) < minWords || totalWords - at(gap) < minWords) continue;
    if (chosen.some((other) => Math.abs(at(other) - at(gap)) < minWords)) continue;
    chosen.push(gap);
  }
  return [0, ...chosen.sort((a, b) => a - b)];
}

/** Segments at headings: each heading starts one; text before the first heading is a segment of its own. */
export function segmentAtHeadings(isHeading: readonly boolean[]): number[] {
  const starts = [0];
  isHeading.forEach((heading, index) => {
    if (heading && index > 0 && !(isHeading[index - 1] ?? false)) starts.push(index);
  });
  return starts.slice(0, MAX_SEGMENTS);
}
