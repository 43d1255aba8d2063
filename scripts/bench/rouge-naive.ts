// In-run baseline for bench-rouge: a line-by-line transliteration of rouge-score's rouge_scorer.py into plain
// JavaScript (string tokens, string-keyed n-gram counters, arrays of arrays, no stem cache). It shows what the
// optimized implementation (interned ids, typed-array DP, stem cache) gains on the same machine in the same run.
import { porterStemUncached } from '#lib/rouge/porter';

type Triple = [number, number, number];

function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(/\s+/)
    .map((x) => (x.length > 3 ? porterStemUncached(x) : x))
    .filter((x) => /^[a-z0-9]+$/.test(x));
}

const f = (p: number, r: number): Triple => [p, r, p + r > 0 ? (2 * p * r) / (p + r) : 0];

function ngrams(tokens: string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function rougeN(target: string[], prediction: string[], n: number): Triple {
  const t = ngrams(target, n);
  const p = ngrams(prediction, n);
  let overlap = 0;
  for (const [k, c] of t) overlap += Math.min(c, p.get(k) ?? 0);
  let tc = 0;
  for (const c of t.values()) tc += c;
  let pc = 0;
  for (const c of p.values()) pc += c;
  return f(overlap / Math.max(pc, 1), overlap / Math.max(tc, 1));
}

function lcsTable(ref: string[], can: string[]): number[][] {
  const t: number[][] = [];
  for (let i = 0; i <= ref.length; i++) t.push(new Array<number>(can.length + 1).fill(0));
  for (let i = 1; i <= ref.length; i++)
    for (let j = 1; j <= can.length; j++)
      t[i]![j] = ref[i - 1] === can[j - 1] ? t[i - 1]![j - 1]! + 1 : Math.max(t[i - 1]![j]!, t[i]![j - 1]!);
  return t;
}

function lcsIndices(ref: string[], can: string[]): number[] {
  const t = lcsTable(ref, can);
  let i = ref.length;
  let j = can.length;
  const out: number[] = [];
  while (i > 0 && j > 0) {
    if (ref[i - 1] === can[j - 1]) {
      out.unshift(i - 1);
      i--;
      j--;
    } else if (t[i]![j - 1]! > t[i - 1]![j]!) j--;
    else i--;
  }
  return out;
}

function rougeLsum(target: string, prediction: string): Triple {
  const refs = target
    .split('\n')
    .filter((x) => x.length > 0)
    .map(tokenize);
  const cans = prediction
    .split('\n')
    .filter((x) => x.length > 0)
    .map(tokenize);
  const m = refs.reduce((a, s) => a + s.length, 0);
  const n = cans.reduce((a, s) => a + s.length, 0);
  if (!refs.length || !cans.length || !m || !n) return [0, 0, 0];
  const cr = new Map<string, number>();
  const cc = new Map<string, number>();
  for (const s of refs) for (const t of s) cr.set(t, (cr.get(t) ?? 0) + 1);
  for (const s of cans) for (const t of s) cc.set(t, (cc.get(t) ?? 0) + 1);
  let hits = 0;
  for (const r of refs) {
    const union = new Set<number>();
    for (const c of cans) for (const i of lcsIndices(r, c)) union.add(i);
    for (const i of [...union].sort((a, b) => a - b)) {
      const t = r[i]!;
      if ((cc.get(t) ?? 0) > 0 && (cr.get(t) ?? 0) > 0) {
        hits++;
        cc.set(t, cc.get(t)! - 1);
        cr.set(t, cr.get(t)! - 1);
      }
    }
  }
  return f(hits / n, hits / m);
}

/** rouge-score's `score(target, prediction)` for rouge1, rouge2, rougeL, rougeLsum, stemmed. */
export function naiveScore(target: string, prediction: string): Triple[] {
  const t = tokenize(target);
  const p = tokenize(prediction);
  const l = t.length && p.length ? lcsTable(t, p)[t.length]![p.length]! : 0;
  const rougeL = t.length && p.length ? f(l / p.length, l / t.length) : f(0, 0);
  return [rougeN(t, p, 1), rougeN(t, p, 2), rougeL, rougeLsum(target, prediction)];
}
