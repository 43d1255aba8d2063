import { describe, expect, it } from 'vitest';
import { favourableEnd, isWorseBy, meetsThreshold } from '#lib/evaluate/metrics/direction';

// Every registered metric today is higher-is-better; a lower-is-better one (an error rate, a latency) takes the
// mirror image of each rule.

describe('metric direction', () => {
  it('higher is better: a drop beyond the tolerance regresses, the CI high is the favourable end', () => {
    expect(isWorseBy('higher', -0.02, 0.01)).toBe(true);
    expect(isWorseBy('higher', -0.01, 0.01)).toBe(false);
    expect(isWorseBy('higher', 0.05, 0.01)).toBe(false);
    expect(favourableEnd('higher', { low: -0.3, high: -0.1 })).toBe(-0.1);
    expect(meetsThreshold('higher', 0.3, 0.3)).toBe(true);
    expect(meetsThreshold('higher', 0.29, 0.3)).toBe(false);
  });

  it('lower is better: a rise beyond the tolerance regresses, the CI low is the favourable end', () => {
    expect(isWorseBy('lower', 0.02, 0.01)).toBe(true);
    expect(isWorseBy('lower', 0.01, 0.01)).toBe(false);
    expect(isWorseBy('lower', -0.05, 0.01)).toBe(false);
    expect(favourableEnd('lower', { low: 0.1, high: 0.3 })).toBe(0.1);
    expect(meetsThreshold('lower', 0.3, 0.3)).toBe(true);
    expect(meetsThreshold('lower', 0.31, 0.3)).toBe(false);
  });
});
