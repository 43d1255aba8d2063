/** A fraction as points with two decimals: 0.4213 → "42.13" (how ROUGE is reported, and every metric here). */
export function points(value: number): string {
  return (value * 100).toFixed(2);
}

/** Like points() with an explicit sign ("+1.20", "−0.50", "±0.00"), using a true minus sign. */
export function signedPoints(value: number): string {
  const text = points(Math.abs(value));
  if (text === '0.00') return '±0.00';
  return `${value < 0 ? '−' : '+'}${text}`;
}
