import { describe, expect, it } from 'vitest';
import { UsageError } from '#lib/errors';
import { InvalidRougeTypeError, parseRougeTypes, scoreRouge } from '#lib/rouge/index';
import type { RougeType } from '#lib/rouge/index';

describe('parseRougeTypes', () => {
  it('parses a comma-separated list in order, trimming spaces and dropping duplicates', () => {
    expect(parseRougeTypes('rougeLsum, rouge1,rouge9,rouge1,rougeL')).toEqual([
      'rougeLsum',
      'rouge1',
      'rouge9',
      'rougeL',
    ]);
  });

  it.each(['rouge0', 'rouge10', 'rougeX', 'rougel', 'ROUGE1', '', 'rouge1,,rouge2'])(
    'rejects %j as a usage error',
    (list) => {
      expect(() => parseRougeTypes(list)).toThrow(InvalidRougeTypeError);
      expect(() => parseRougeTypes(list)).toThrow(UsageError);
    },
  );

  it('names the bad entry and the valid ones in the message', () => {
    expect(() => parseRougeTypes('rouge1,rouge10')).toThrow(/"rouge10".*rouge1…rouge9, rougeL or rougeLsum/);
  });

  it('scoreRouge rejects an invalid type smuggled past the type system', () => {
    expect(() => scoreRouge('a', 'a', { types: ['rouge0' as RougeType] })).toThrow(InvalidRougeTypeError);
  });
});
