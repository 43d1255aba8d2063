import { bootstrapMean } from '../stats/bootstrap';
import type { BootstrapInterval, BootstrapOptions } from '../stats/bootstrap';
import type { RougeScores, RougeType } from './types';

/**
 * Corpus-level ROUGE: per type, the deterministic mean of per-example F with a seeded bootstrap CI (not HF
 * evaluate's unseeded bootstrap median). Values are fractions in [0, 1]; multiply by 100 for display.
 * Examples missing a type are skipped for that type.
 */
export function aggregateRouge(
  perExample: readonly RougeScores[],
  options: BootstrapOptions = {},
): Partial<Record<RougeType, BootstrapInterval>> {
  const fByType = new Map<RougeType, number[]>();
  for (const scores of perExample) {
    for (const [type, score] of Object.entries(scores) as [RougeType, { fmeasure: number } | undefined][]) {
      if (!score) continue;
      let list = fByType.get(type);
      if (!list) fByType.set(type, (list = []));
      list.push(score.fmeasure);
    }
  }
  const result: Partial<Record<RougeType, BootstrapInterval>> = {};
  for (const [type, values] of fByType) result[type] = bootstrapMean(values, options);
  return result;
}
