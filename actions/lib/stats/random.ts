/** A seeded source of uniform numbers in [0, 1). */
export type Random = () => number;

/**
 * mulberry32 (Tommy Ettinger's 32-bit generator): tiny, fast and statistically fine for bootstrap resampling.
 * The same seed always yields the same sequence, which makes confidence intervals reproducible.
 */
export function seededRandom(seed: number): Random {
  // Kept as a signed 32-bit integer (same bits as the unsigned state): an unsigned one above 2^31 is not a small
  // integer to V8, so every draw would allocate a heap number.
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
