// The evaluation cases of the faithfulness cost benchmark: the first CNN/DM articles of FRANK's article file, each
// with its reference summary.
import { readFileSync } from 'node:fs';
import type { EvalCase } from '#lib/evaluate/index';

export function loadEvalCases(path: string, count: number): EvalCase[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .slice(0, count)
    .map((line) => JSON.parse(line) as { id: string; article: string; reference: string })
    .map((a) => ({
      id: a.id,
      input: { kind: 'text', text: a.article },
      references: [a.reference],
      tags: [],
      origin: 'bench',
    }));
}
