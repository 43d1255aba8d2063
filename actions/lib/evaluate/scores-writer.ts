import type { EvalRun } from './case-access';
import { casesOf } from './case-access';
import { CASES_CLOSE, CASES_OPEN } from './scores-text';

/** Writes the layout scores-text.ts describes: indented JSON with one case per line. */
const CASE_INDENT = '    ';

/** The scores.json text in pieces, text or UTF-8 bytes (written one by one, so no single string holds a large file). */
export function* scoresJsonChunks(run: EvalRun): Generator<string | Uint8Array> {
  const entries = Object.entries(run).filter(([, value]) => value !== undefined);
  yield '{';
  for (const [index, [key, value]] of entries.entries()) {
    const comma = index < entries.length - 1 ? ',' : '';
    if (key === 'cases') {
      const cases = casesOf(run);
      if (cases.size === 0) {
        yield `${CASES_OPEN}]${comma}`;
        continue;
      }
      yield CASES_OPEN;
      for (let position = 0; position < cases.size; position++) {
        yield `\n${CASE_INDENT}`;
        yield cases.json(position);
        if (position < cases.size - 1) yield ',';
      }
      yield `${CASES_CLOSE}${comma}`;
      continue;
    }
    // JSON.stringify writes a raw newline only between tokens (never inside a string), so indenting every line of
    // the nested value by two spaces is safe.
    yield `\n  ${JSON.stringify(key)}: ${JSON.stringify(value, null, 2).replaceAll('\n', '\n  ')}${comma}`;
  }
  yield '\n}\n';
}

/** scoresJsonChunks as one string (for small results and tests). */
export function formatScoresJson(run: EvalRun): string {
  return Buffer.concat(
    [...scoresJsonChunks(run)].map((chunk) => (typeof chunk === 'string' ? Buffer.from(chunk) : chunk)),
  ).toString('utf8');
}
