import { z } from 'zod';
import type { Score } from '#lib/rouge/types';
import { points, signedPoints } from '../format';
import { defineMetric } from './description';

const SCORE_PARTS = ['precision', 'recall', 'fmeasure'] as const;

/**
 * Three fractions. One check for the object instead of a min and a max per number (24 checks per case): the same
 * issues and messages as `z.number().min(0).max(1)`, about a quarter less time on a merge's 80,000 cases.
 */
const rougeScoreSchema = z
  .strictObject({ precision: z.number(), recall: z.number(), fmeasure: z.number() })
  .check((ctx) => {
    for (const key of SCORE_PARTS) {
      const value = ctx.value[key];
      if (value > 1)
        ctx.issues.push({
          code: 'too_big',
          origin: 'number',
          maximum: 1,
          inclusive: true,
          input: value,
          path: [key],
        });
      else if (value < 0)
        ctx.issues.push({
          code: 'too_small',
          origin: 'number',
          minimum: 0,
          inclusive: true,
          input: value,
          path: [key],
        });
    }
  }) satisfies z.ZodType<Score>;

function rouge<const Name extends string>(name: Name, legend: string, trendChart = false) {
  return defineMetric({
    name,
    schema: rougeScoreSchema,
    value: (score) => score.fmeasure,
    aggregate: 'mean',
    direction: 'higher',
    computed: 'always',
    gatesByDefault: true,
    render: { label: name, legend, format: points, formatDelta: signedPoints, trendChart },
  });
}

/** The ROUGE variants, each value {precision, recall, fmeasure} with F as the number that aggregates. */
export const ROUGE_DESCRIPTIONS = [
  rouge('rouge1', 'unigram F against the reference', true),
  rouge('rouge2', 'bigram F'),
  rouge('rougeL', 'whole-text LCS F'),
  rouge('rougeLsum', 'per-line LCS F with one sentence per line (what papers report as ROUGE-L)'),
] as const;
