import { describe, expect, it } from 'vitest';
import { listIds } from '#lib/evaluate/list-ids';

describe('listIds', () => {
  it('lists every id up to the cap, then counts the rest', () => {
    expect(listIds(['a', 'b'], 2)).toBe('a, b');
    expect(listIds(['a', 'b', 'c', 'd'], 2)).toBe('a, b and 2 more');
    expect(listIds([], 5)).toBe('');
  });
});
