import { describe, expect, it } from 'vitest';
import { occursVerbatim } from '#lib/faithfulness/verbatim';

describe('occursVerbatim', () => {
  const source =
    'The farm opened in spring. Its heart is the old barn, paid 12,000 euros.\nＡＢＣ 𝒜𝒷𝒸 district. 新地铁线开通。';

  it('finds a sentence copied as whole words, anywhere in the source', () => {
    expect(occursVerbatim(source, 'The farm opened in spring.')).toBe(true);
    expect(occursVerbatim(source, 'the old barn')).toBe(true);
    expect(occursVerbatim(source, '𝒜𝒷𝒸 district.')).toBe(true);
    // Han characters are words of their own: any cut between them is on a boundary.
    expect(occursVerbatim(source, '地铁线开通。')).toBe(true);
  });

  it('rejects a copy cut inside a word or a number, or changed at all', () => {
    expect(occursVerbatim(source, 'art is the old barn')).toBe(false);
    expect(occursVerbatim(source, 'The farm open')).toBe(false);
    expect(occursVerbatim(source, '000 euros.')).toBe(false);
    expect(occursVerbatim(source, '12,000 euros.')).toBe(true);
    expect(occursVerbatim(source, 'BC 𝒜𝒷𝒸 district.')).toBe(false);
    expect(occursVerbatim(source, '𝒷𝒸 district.')).toBe(false);
    expect(occursVerbatim(source, 'the farm opened in spring.')).toBe(false);
    expect(occursVerbatim(source, '')).toBe(false);
  });

  it('looks past an occurrence inside a word for a later one on word boundaries, a bounded number of times', () => {
    expect(occursVerbatim('a heart, then an art class', 'art')).toBe(true);
    expect(occursVerbatim('a heart, then a start', 'art')).toBe(false);
    const cut = `${'ab '.repeat(64)}abx ab a.`;
    expect(occursVerbatim(cut, 'ab a')).toBe(false);
    expect(occursVerbatim(`${'abx '.repeat(10)}ab a.`, 'ab a')).toBe(true);
  });
});
