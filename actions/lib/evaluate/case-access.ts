import type { Metric } from './metrics/registry';
import { describeMetric, metricNumber } from './metrics/registry';
import type { CaseResult, EvalResult } from './types';

/**
 * The per-case results of a run, read by position in the fixture set's order. A run evaluated in this process holds
 * them as objects (casesOf an array); a merge of shard files keeps them as the shards' bytes plus a few numbers per
 * case (see case-table.ts), because 80,000 case objects cost more memory than the merge may use. The report, the
 * gates and the scores.json writer read both through this interface.
 */
export interface CaseAccess {
  readonly size: number;
  /** How many cases have scores (the others errored). */
  readonly scoredCount: number;
  id(position: number): string;
  /** Whether the case has scores (a case that errored has none). */
  hasScores(position: number): boolean;
  /** The number the case's value of `metric` contributes (ROUGE: F); undefined when it has no value. */
  value(position: number, metric: Metric): number | undefined;
  /** How many findings the case's value of `metric` holds (faithfulness: unsupported spans); 0 without. */
  findings(position: number, metric: Metric): number;
  /** Why the case has no value of `metric` although it was summarized; undefined otherwise. */
  metricError(position: number, metric: Metric): string | undefined;
  /** The provider's summarize time, ms; undefined when the case never got a summary (or the file predates it). */
  latencyMs(position: number): number | undefined;
  tags(position: number): readonly string[];
  /** Why the case has no score; undefined when it scored. */
  error(position: number): string | undefined;
  /** The whole case, as scores.json holds it. */
  at(position: number): CaseResult;
  /** The case's JSON, one line: JSON.stringify of at(position), as text or UTF-8 bytes. */
  json(position: number): string | Uint8Array;
}

/** A result whose cases a CaseAccess holds (what a merge returns). */
export type CaseTableResult = Omit<EvalResult, 'cases'> & { cases: CaseAccess };

/** What the report, gates, history and writers accept: a result with its cases as objects, or a merge's. */
export type EvalRun = EvalResult | CaseTableResult;

export function casesOf(run: EvalRun): CaseAccess {
  return toCaseAccess(run.cases);
}

export function toCaseAccess(cases: readonly CaseResult[] | CaseAccess): CaseAccess {
  return isCaseArray(cases) ? caseArrayAccess(cases) : cases;
}

function isCaseArray(cases: readonly CaseResult[] | CaseAccess): cases is readonly CaseResult[] {
  return Array.isArray(cases);
}

/** A case's stored value of `metric`, as the number it contributes; undefined without one. */
export function caseValue(c: CaseResult, metric: Metric): number | undefined {
  const stored = (c.scores as Record<string, unknown> | undefined)?.[metric];
  return stored === undefined ? undefined : metricNumber(metric, stored);
}

/** How many findings a case's value of `metric` holds. */
function caseFindings(c: CaseResult, metric: Metric): number {
  const stored = (c.scores as Record<string, unknown> | undefined)?.[metric];
  const findings = describeMetric(metric).findings;
  return stored === undefined || !findings ? 0 : findings.count(stored);
}

function caseArrayAccess(cases: readonly CaseResult[]): CaseAccess {
  let scoredCount = 0;
  for (const c of cases) if (c.scores) scoredCount++;
  return {
    size: cases.length,
    scoredCount,
    id: (position) => caseAt(cases, position).id,
    hasScores: (position) => caseAt(cases, position).scores !== undefined,
    value: (position, metric) => caseValue(caseAt(cases, position), metric),
    findings: (position, metric) => caseFindings(caseAt(cases, position), metric),
    metricError: (position, metric) => caseAt(cases, position).metricErrors?.[metric],
    latencyMs: (position) => caseAt(cases, position).latencyMs,
    tags: (position) => caseAt(cases, position).tags,
    error: (position) => caseAt(cases, position).error,
    at: (position) => caseAt(cases, position),
    json: (position) => JSON.stringify(caseAt(cases, position)),
  };
}

function caseAt(cases: readonly CaseResult[], position: number): CaseResult {
  const c = cases[position];
  if (!c) throw new RangeError(`no case at position ${position} of ${cases.length}`);
  return c;
}

/** The ids of the cases that errored, in order. */
export function erroredCaseIds(cases: CaseAccess): string[] {
  const ids: string[] = [];
  for (let position = 0; position < cases.size; position++) {
    if (cases.error(position) !== undefined) ids.push(cases.id(position));
  }
  return ids;
}

/** Every case as an object, in order: for tests and small results only (a merge's table holds them as bytes). */
export function materializeCases(cases: CaseAccess): CaseResult[] {
  return Array.from({ length: cases.size }, (_, position) => cases.at(position));
}
