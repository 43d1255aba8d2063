import type { CaseSource } from './scorers';
import type { EvalCase } from './types';

/**
 * Each case's source, loaded once and shared by the sides that evaluate it (a candidate and a provider baseline
 * run side by side), with what scorers derive from it (faithfulness prepares the source once). A case's entry is
 * dropped when every side has released it, so a run holds the sources of the cases in flight, not of all cases.
 */
export function sharedSources(
  load: (evalCase: EvalCase) => Promise<string>,
  sides: number,
): { source: (evalCase: EvalCase) => Promise<CaseSource>; release: (evalCase: EvalCase) => void } {
  const entries = new Map<string, { pending: Promise<CaseSource>; released: number }>();
  return {
    source: (evalCase) => {
      let entry = entries.get(evalCase.id);
      if (!entry) {
        entry = { pending: load(evalCase).then(caseSource), released: 0 };
        entries.set(evalCase.id, entry);
      }
      return entry.pending;
    },
    release: (evalCase) => {
      const entry = entries.get(evalCase.id);
      if (entry && ++entry.released >= sides) entries.delete(evalCase.id);
    },
  };
}

function caseSource(text: string): CaseSource {
  const prepared = new Map<string, unknown>();
  return {
    text,
    prepared<T>(key: string, make: (text: string) => T): T {
      if (!prepared.has(key)) prepared.set(key, make(text));
      return prepared.get(key) as T;
    },
  };
}
