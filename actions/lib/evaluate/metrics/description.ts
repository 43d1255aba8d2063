import type { z } from 'zod';

/**
 * What sumops needs to know about a metric to carry it through an evaluation: the schema of one case's value in
 * scores.json, the number that value contributes, how it aggregates, which way is better, whether it is computed
 * and gated without being asked, and how the report shows it. Scoring (how a value is computed) lives apart, in
 * ../scorers.ts, so readers of scores.json (a merge, the comment workflow) never load the scorers.
 */
export interface MetricDescription<Name extends string = string, Schema extends z.ZodType = z.ZodType> {
  readonly name: Name;
  /** One case's value as `scores[name]` holds it. */
  readonly schema: Schema;
  /** What the value contributes to the aggregate: a fraction in [0, 1]. */
  readonly value: (value: z.output<Schema>) => number;
  /** The mean over the cases that have a value, with a seeded bootstrap CI (and paired-bootstrap deltas). */
  readonly aggregate: 'mean';
  readonly direction: 'higher' | 'lower';
  /** `always`: every evaluation computes it; `on-request`: only when asked (e.g. an LLM judge, which costs calls). */
  readonly computed: 'always' | 'on-request';
  /**
   * Whether the significant-regression gates (against a baseline, against the trend) apply without being asked.
   * A threshold (`--threshold NAME=VALUE`) always applies once given.
   */
  readonly gatesByDefault: boolean;
  readonly render: {
    /** Column label in tables. */
    readonly label: string;
    /** One sentence for the report's legend: what a value means. */
    readonly legend: string;
    /** A fraction as shown in tables and gate messages. */
    readonly format: (fraction: number) => string;
    /** A signed difference of two fractions. */
    readonly formatDelta: (fraction: number) => string;
    /** Drawn in the trend section's chart (the others are in its table). */
    readonly trendChart: boolean;
  };
  /**
   * Per-case findings a reviewer should read (faithfulness: the unsupported spans), listed in the report in a
   * section of their own, worst cases first.
   */
  readonly findings?: {
    readonly heading: string;
    /** How to read the listed findings, said after the count in the section's first line. */
    readonly note: string;
    /** How many findings one value holds (0: the case is not listed). */
    readonly count: (value: z.output<Schema>) => number;
    /** One case's findings as escaped Markdown lines, at most `maxChars` long. */
    readonly render: (value: z.output<Schema>, maxChars: number) => string;
  };
}

/** Keeps the literal name and the schema's type, so the registry's types are derived from its entries. */
export function defineMetric<const Name extends string, Schema extends z.ZodType>(
  description: MetricDescription<Name, Schema>,
): MetricDescription<Name, Schema> {
  return description;
}
