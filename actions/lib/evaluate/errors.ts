import { InvalidValueError, SumopsError, UsageError } from '#lib/errors';

/** A fixture entry that doesn't match the documented shape; `line` is 1-based (YAML: the entry's first line). */
export class FixtureFormatError extends UsageError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly detail: string,
  ) {
    super(`${file}:${line}: ${detail}`);
  }
}

export class DuplicateCaseIdError extends FixtureFormatError {
  constructor(
    file: string,
    line: number,
    readonly id: string,
    readonly firstOrigin: string,
  ) {
    super(
      file,
      line,
      `duplicate case id "${id}" (first defined at ${firstOrigin}); ids must be unique across all fixture files`,
    );
  }
}

export class NoFixturesError extends UsageError {
  constructor(readonly patterns: string[]) {
    super(
      `no fixture files match ${patterns.map((p) => `"${p}"`).join(', ')}; fixture files are .jsonl or .yaml`,
    );
  }
}

/** A baseline scores file that can't be read or isn't a sumops scores JSON. */
export class BaselineFileError extends UsageError {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`baseline ${file}: ${detail}; expected the scores.json an earlier evaluation wrote`);
  }
}

/** A threshold or tolerance that isn't a number in range, or names an unknown metric. */
export class GateConfigError extends InvalidValueError {
  constructor(what: 'threshold' | 'tolerance', value: string, expected: string) {
    super(what, value, expected);
  }
}

/** A `file` or `url` case was evaluated by a caller that passed no `loadDocument`. */
export class MissingDocumentLoaderError extends SumopsError {
  constructor(
    readonly caseId: string,
    readonly source: string,
  ) {
    super(
      `case "${caseId}" reads ${source}, but runEvaluation was given no loadDocument; pass ingest's load in deps`,
    );
  }
}

/** A shard file that can't be read or isn't one shard's scores.json (`eval --shard` output). */
export class ShardFileError extends UsageError {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`shard ${file}: ${detail}`);
  }
}

/**
 * Shard files that don't belong to one sharded run: `duplicate` (the same shard twice), `foreign` (another
 * commit, fixture set, provider or settings) or `incomplete` (a shard lacks cases it was assigned).
 */
export class ShardSetError extends UsageError {
  constructor(
    readonly reason: 'duplicate' | 'foreign' | 'incomplete',
    readonly files: string[],
    readonly detail: string,
  ) {
    super(files.length > 0 ? `${files.join(', ')}: ${detail}` : detail);
  }
}

/** Shards of the set that were not given (a failed or cancelled shard job uploads nothing). */
export class MissingShardsError extends SumopsError {
  constructor(
    readonly missing: number[],
    readonly count: number,
  ) {
    super(
      `missing shard${missing.length === 1 ? '' : 's'} ${missing.map((k) => `${k}/${count}`).join(', ')}: ` +
        'a merge needs every shard of the set, and a failed shard produces no results',
    );
  }
}

/**
 * The fixtures a judge of stored results was given are not the ones the evaluation scored: their fixture-set
 * hash differs from the one in scores.json (or scores.json has none), so no summary could be matched to its source.
 */
export class FixtureSetMismatchError extends UsageError {
  constructor(
    readonly dir: string,
    readonly expected: string | undefined,
    readonly found: string,
  ) {
    super(
      expected === undefined
        ? `the scores name no fixture set, so the fixtures in ${dir} cannot be matched to its cases`
        : `the fixtures in ${dir} are not the ones the evaluation scored (fixture set ${found} ≠ ${expected})`,
    );
  }
}
