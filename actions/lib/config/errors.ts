import { UsageError } from '#lib/errors';

/** One thing wrong in the config file, located where the YAML says it is. */
export interface ConfigProblem {
  file: string;
  line: number;
  column: number;
  /** Key path such as `.defaults.labels[0]`; `.` is the whole document. */
  path: string;
  message: string;
}

function formatProblem(problem: ConfigProblem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.path}: ${problem.message}`;
}

/** The config file is invalid; `message` has one line per problem. */
export class ConfigError extends UsageError {
  constructor(
    readonly file: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(problems.map(formatProblem).join('\n'));
  }
}

export class ConfigTooLargeError extends UsageError {
  constructor(
    readonly file: string,
    readonly bytes: number,
    readonly maxBytes: number,
  ) {
    super(`${file} is ${bytes} bytes; a sumops config may be at most ${maxBytes} bytes`);
  }
}
