import type { CaseAccess } from './case-access';
import { caseResultSchema } from './scores-schema';
import type { CaseResult, Metric } from './types';
import { METRICS } from './types';

const WIDTH = METRICS.length;
const COLUMN: Record<Metric, number> = Object.fromEntries(METRICS.map((m, i) => [m, i])) as Record<
  Metric,
  number
>;

/**
 * The cases of a merge, in the fixture set's order, without a case object apiece: each case is a byte range of the
 * shard file it came from (its line, already validated) plus its id, F-measures and error. 80,000 case objects
 * took ~130 MB of heap and kept V8's young generation at its largest; the shard files' bytes are ~65 MB outside the
 * heap, and writing the merged scores.json copies each case's line as it is.
 */
export class CaseTableBuilder {
  private readonly sources: Buffer[] = [];
  private readonly source: Uint32Array;
  private readonly start: Uint32Array;
  private readonly end: Uint32Array;
  private readonly placed: Uint8Array;
  private readonly scored: Uint8Array;
  private readonly fmeasures: Float64Array;
  private readonly errors = new Map<number, string>();
  /** JSON for the cases that have no line of their own (a shard file not in the line-per-case layout). */
  private readonly texts = new Map<number, string>();
  private scoredCount = 0;

  constructor(private readonly ids: readonly string[]) {
    const n = ids.length;
    this.source = new Uint32Array(n);
    this.start = new Uint32Array(n);
    this.end = new Uint32Array(n);
    this.placed = new Uint8Array(n);
    this.scored = new Uint8Array(n);
    this.fmeasures = new Float64Array(n * WIDTH);
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
    if (c.scores) {
      this.scored[position] = 1;
      this.scoredCount++;
      for (const metric of METRICS)
        this.fmeasures[position * WIDTH + COLUMN[metric]] = c.scores[metric].fmeasure;
    }
    if (c.error !== undefined) this.errors.set(position, c.error);
  }

  build(): CaseAccess {
    const { ids, sources, source, start, end, scored, fmeasures, errors, texts, scoredCount } = this;
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
      fmeasure: (position, metric) =>
        scored[position] === 1 ? fmeasures[position * WIDTH + COLUMN[metric]] : undefined,
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
