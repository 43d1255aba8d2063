import type { CaseAccess } from './case-access';
import type { Metric } from './metrics/registry';
import { describeMetric, metricNumber } from './metrics/registry';
import { caseResultSchema } from './scores-schema';
import type { CaseResult } from './types';

/**
 * The cases of a merge, in the fixture set's order, without a case object apiece: each case is a byte range of the
 * shard file it came from (its line, already validated) plus its id, the number each metric's value contributes,
 * its findings counts, latency, tags and error. 80,000 case objects took ~130 MB of heap and kept V8's young
 * generation at its largest; the shard files' bytes stay outside the heap, and writing the merged scores.json
 * copies each case's line as it is.
 */
export class CaseTableBuilder {
  private readonly sources: Buffer[] = [];
  private readonly source: Uint32Array;
  private readonly start: Uint32Array;
  private readonly end: Uint32Array;
  private readonly placed: Uint8Array;
  private readonly scored: Uint8Array;
  /** Row-major, one column per metric; NaN where a case has no value. */
  private readonly values: Float64Array;
  /** One column per metric that has findings. */
  private readonly findingCounts: Uint32Array;
  private readonly latency: Float64Array;
  /** Each case's tag list as an index into `tagLists` (cases mostly share a few lists). */
  private readonly tagList: Uint32Array;
  private readonly tagLists: string[][] = [];
  private readonly tagListIndex = new Map<string, number>();
  private readonly errors = new Map<number, string>();
  private readonly metricErrors = new Map<number, Partial<Record<Metric, string>>>();
  /** JSON for the cases that have no line of their own (a shard file not in the line-per-case layout). */
  private readonly texts = new Map<number, string>();
  private readonly width: number;
  private readonly column: Map<Metric, number>;
  /** Per metric of the run, in column order: the number its stored value contributes. */
  private readonly numberOf: ((value: unknown) => number)[];
  private readonly withFindings: Metric[];
  private readonly findingColumn: Map<Metric, number>;
  private readonly countOf: ((value: unknown) => number)[];
  private scoredCount = 0;

  constructor(
    private readonly ids: readonly string[],
    private readonly metrics: readonly Metric[],
  ) {
    const n = ids.length;
    this.width = metrics.length;
    this.column = new Map(metrics.map((m, i) => [m, i]));
    this.numberOf = metrics.map((m) => (value: unknown) => metricNumber(m, value));
    this.withFindings = metrics.filter((m) => describeMetric(m).findings !== undefined);
    this.findingColumn = new Map(this.withFindings.map((m, i) => [m, i]));
    this.countOf = this.withFindings.map((m) => describeMetric(m).findings?.count ?? (() => 0));
    this.source = new Uint32Array(n);
    this.start = new Uint32Array(n);
    this.end = new Uint32Array(n);
    this.placed = new Uint8Array(n);
    this.scored = new Uint8Array(n);
    this.values = new Float64Array(n * this.width).fill(Number.NaN);
    this.findingCounts = new Uint32Array(n * this.withFindings.length);
    this.latency = new Float64Array(n).fill(Number.NaN);
    this.tagList = new Uint32Array(n);
  }

  /** Registers a shard file's bytes; cases placed from it refer to them by the returned index. */
  addSource(bytes: Buffer): number {
    this.sources.push(bytes);
    return this.sources.length - 1;
  }

  has(position: number): boolean {
    return this.placed[position] === 1;
  }

  /**
   * Places a validated case. `span` is where its JSON is in the source's bytes; it must be that case's own JSON
   * (caseResultSchema is strict, so the line holds nothing the validated case lacks). Without a span the case's
   * JSON is kept as text.
   */
  place(position: number, c: CaseResult, source: number, span?: { start: number; end: number }): void {
    this.placed[position] = 1;
    if (span) {
      this.source[position] = source;
      this.start[position] = span.start;
      this.end[position] = span.end;
    } else {
      this.texts.set(position, JSON.stringify(c));
    }
    this.tagList[position] = this.internTags(c.tags);
    if (c.latencyMs !== undefined) this.latency[position] = c.latencyMs;
    if (c.scores) {
      this.scored[position] = 1;
      this.scoredCount++;
      const scores = c.scores as Record<string, unknown>;
      const row = position * this.width;
      for (let m = 0; m < this.width; m++) {
        const stored = scores[this.metrics[m] as Metric];
        if (stored !== undefined) this.values[row + m] = (this.numberOf[m] as (v: unknown) => number)(stored);
      }
      const findingsRow = position * this.withFindings.length;
      for (let f = 0; f < this.withFindings.length; f++) {
        const stored = scores[this.withFindings[f] as Metric];
        if (stored !== undefined)
          this.findingCounts[findingsRow + f] = (this.countOf[f] as (v: unknown) => number)(stored);
      }
    }
    if (c.metricErrors) this.metricErrors.set(position, c.metricErrors);
    if (c.error !== undefined) this.errors.set(position, c.error);
  }

  private internTags(tags: string[]): number {
    const key = tags.join('\u0000');
    let index = this.tagListIndex.get(key);
    if (index === undefined) {
      index = this.tagLists.length;
      this.tagLists.push(tags);
      this.tagListIndex.set(key, index);
    }
    return index;
  }

  build(): CaseAccess {
    const { ids, sources, source, start, end, scored, values, width, column, errors, texts, scoredCount } =
      this;
    const { findingCounts, findingColumn, withFindings, latency, tagList, tagLists, metricErrors } = this;
    const json = (position: number): string | Uint8Array => {
      const text = texts.get(position);
      if (text !== undefined) return text;
      const bytes = sources[source[position] as number] as Buffer;
      return bytes.subarray(start[position], end[position]);
    };
    return {
      size: ids.length,
      scoredCount,
      id: (position) => ids[position] as string,
      hasScores: (position) => scored[position] === 1,
      value: (position, metric) => {
        const m = column.get(metric);
        const v = m === undefined ? Number.NaN : (values[position * width + m] as number);
        return Number.isNaN(v) ? undefined : v;
      },
      findings: (position, metric) => {
        const f = findingColumn.get(metric);
        return f === undefined ? 0 : (findingCounts[position * withFindings.length + f] as number);
      },
      metricError: (position, metric) => metricErrors.get(position)?.[metric],
      latencyMs: (position) => {
        const v = latency[position] as number;
        return Number.isNaN(v) ? undefined : v;
      },
      tags: (position) => tagLists[tagList[position] as number] ?? [],
      error: (position) => errors.get(position),
      // Parsed and validated again: this is for the few cases a report previews.
      at: (position) => {
        const text = json(position);
        return caseResultSchema.parse(
          JSON.parse(
            typeof text === 'string'
              ? text
              : Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString('utf8'),
          ),
        );
      },
      json,
    };
  }
}
