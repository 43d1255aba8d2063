import { SumopsError } from '#lib/errors';
import type { DocumentLoader } from './case-input';
import { loadCaseInput } from './case-input';
import { FixtureSetMismatchError } from './errors';
import { loadFixtures } from './fixtures';
import { fixtureSetHash } from './shard';
import type { EvalCase, EvalResult } from './types';

/** A case's source by its id: what the judge grades the stored summary against. */
export type SourceOf = (id: string) => Promise<string>;

/** A case of the scores that the fixtures do not have (only possible when the hashes matched by accident). */
class UnknownCaseError extends SumopsError {
  constructor(readonly id: string) {
    super(`case "${id}" is not in the fixtures`);
  }
}

/**
 * The sources of a stored evaluation's cases, read from a copy of its fixture files (`dir` laid out as the
 * repository, e.g. DIR/test/eval/*.jsonl). The files are data: the fixture loader validates them with its usual
 * bounds, and their fixture-set hash must be the one in scores.json, so every summary is graded against the case
 * it was written for. Inline text is taken as it is; `file` inputs (inside the fixture file's folder, as the loader
 * enforces) and `url` inputs are loaded with `loadDocument` when their case's turn comes.
 */
export async function openFixtureSources(
  result: Pick<EvalResult, 'fixtureSet'>,
  options: { dir: string; patterns: string[]; loadDocument?: DocumentLoader },
): Promise<SourceOf> {
  const { cases } = await loadFixtures(options.patterns, { cwd: options.dir });
  const found = fixtureSetHash(cases, options.dir);
  if (result.fixtureSet?.hash !== found)
    throw new FixtureSetMismatchError(options.dir, result.fixtureSet?.hash, found);
  const byId = new Map<string, EvalCase>(cases.map((c) => [c.id, c]));
  return async (id) => {
    const evalCase = byId.get(id);
    if (!evalCase) throw new UnknownCaseError(id);
    return loadCaseInput(evalCase, options.loadDocument);
  };
}
