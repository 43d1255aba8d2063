import type { z } from 'zod';
import type { Metric } from './metrics/registry';
import type { ScoresDocument } from './scores-text';
import { parseScoresBytes, ScoresSyntaxError } from './scores-text';
import type { caseResultSchema, evalResultSchema } from './scores-schema';
import { caseResultSchema as caseSchema, MAX_EVAL_CASES, scoresHeaderSchema } from './scores-schema';
import { upgradeScoresHeader } from './scores-v1';

type CaseResult = z.infer<typeof caseResultSchema>;
type ScoresHeader = z.infer<typeof scoresHeaderSchema>;

/** A case of a scores.json that its schema refuses: the key path from the file's top and the message. */
export class CaseSchemaIssue extends Error {
  constructor(
    readonly path: readonly PropertyKey[],
    readonly issue: string,
  ) {
    super(issue);
  }
}

/**
 * Validates a document's header (version 1 upgraded first; `fileVersion` is the version the file had): the schema, then that the aggregate covers exactly
 * the metrics the settings list. Returns the first issue's key path and message.
 */
function validateHeader(
  raw: Record<string, unknown>,
):
  | { ok: true; header: ScoresHeader; fileVersion: unknown }
  | { ok: false; path: readonly PropertyKey[]; message: string } {
  const fileVersion = raw.version;
  upgradeScoresHeader(raw);
  const parsed = scoresHeaderSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, path: issue?.path ?? [], message: issue?.message ?? 'invalid' };
  }
  const { metrics } = parsed.data.settings;
  const aggregate = parsed.data.aggregate as Record<string, unknown>;
  const missing = metrics.find((m) => aggregate[m] === undefined);
  if (missing)
    return { ok: false, path: ['aggregate'], message: `has no "${missing}" (settings.metrics lists it)` };
  const extra = Object.keys(aggregate).find((m) => !metrics.includes(m as Metric));
  if (extra) return { ok: false, path: ['aggregate', extra], message: 'is not in settings.metrics' };
  return { ok: true, header: parsed.data, fileVersion };
}

/**
 * A scored case has a value or a metric error for every metric of the run, and nothing for any other metric (a
 * merge copies its line as it is, so it must hold no more than the run says). Undefined when it is consistent.
 */
function metricIssue(c: CaseResult, metrics: ReadonlySet<string>): CaseSchemaIssue | undefined {
  if (!c.scores) return undefined;
  const scores = c.scores as Record<string, unknown>;
  const errors = (c.metricErrors ?? {}) as Record<string, unknown>;
  for (const key in scores)
    if (!metrics.has(key)) return new CaseSchemaIssue(['scores', key], 'is not in settings.metrics');
  for (const key in errors)
    if (!metrics.has(key) || key in scores)
      return new CaseSchemaIssue(['metricErrors', key], 'is not a metric of the run without a value');
  for (const metric of metrics)
    if (!(metric in scores) && !(metric in errors))
      return new CaseSchemaIssue(['scores'], `has no "${metric}" (settings.metrics lists it)`);
  return undefined;
}

/**
 * The document's cases validated one by one with the case schema and against the run's metrics, with their
 * position and line span. Throws CaseSchemaIssue at the first case refused, and ScoresSyntaxError when a case is
 * not JSON; every reader of scores.json cases (a baseline, the comment's artifact, a merge's shards) goes here.
 */
export function* validatedCases(
  document: ScoresDocument,
  metrics: readonly Metric[],
): Generator<{ result: CaseResult; index: number; span: { start: number; end: number } | undefined }> {
  const runMetrics = new Set<string>(metrics);
  let index = 0;
  for (const { value, span } of document.cases()) {
    const parsed = caseSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new CaseSchemaIssue(['cases', index, ...(issue?.path ?? [])], issue?.message ?? 'invalid');
    }
    const inconsistent = metricIssue(parsed.data, runMetrics);
    if (inconsistent) throw new CaseSchemaIssue(['cases', index, ...inconsistent.path], inconsistent.issue);
    yield { result: parsed.data, index, span };
    index++;
  }
}

/**
 * Validates scores.json bytes against the schema a case at a time (parseScoresBytes: the one-case-per-line layout
 * is read line by line, any other JSON whole), handing each validated case to `onCase` with its line's byte range
 * when it has one. So a reader keeps what it needs of each case (a baseline: id, values, summary) instead of the
 * whole file's objects. On failure returns one line naming the first wrong key path and what was expected
 * (e.g. `cases[0].scores.rougeL.fmeasure: Too big: expected number to be <=1`); the caller adds the file.
 */
export function readScoresBytes(
  bytes: Buffer,
  onCase: (result: CaseResult, span: { start: number; end: number } | undefined) => void,
): { ok: true; header: ScoresHeader; fileVersion: number } | { ok: false; detail: string } {
  const invalidJson = (error: unknown) => ({
    ok: false as const,
    detail: `is not valid JSON (${oneLine((error as Error).message)})`,
  });
  let document: ScoresDocument;
  try {
    document = parseScoresBytes(bytes);
  } catch (error) {
    return invalidJson(error);
  }
  const header = validateHeader(document.header);
  if (!header.ok) return failure(header);
  if (!document.hasCaseArray)
    return {
      ok: false,
      detail: `cases: Invalid input: expected array, received ${document.casesType ?? 'undefined'}`,
    };
  const seen = new Set<string>();
  try {
    for (const { result, index, span } of validatedCases(document, header.header.settings.metrics)) {
      if (index >= MAX_EVAL_CASES)
        return { ok: false, detail: `cases: Too big: expected array to have <=${MAX_EVAL_CASES} items` };
      if (seen.has(result.id))
        return { ok: false, detail: `cases[${index}].id: "${oneLine(result.id)}" appears twice` };
      seen.add(result.id);
      onCase(result, span);
    }
  } catch (error) {
    if (error instanceof ScoresSyntaxError) return invalidJson(error);
    if (error instanceof CaseSchemaIssue) return failure({ path: error.path, message: error.issue });
    throw error;
  }
  return { ok: true, header: header.header, fileVersion: Number(header.fileVersion) };
}

/** readScoresBytes of text, keeping every case: the whole result (the comment workflow renders its report). */
export function parseScoresJson(
  text: string,
): { ok: true; result: z.infer<typeof evalResultSchema> } | { ok: false; detail: string } {
  const cases: CaseResult[] = [];
  const read = readScoresBytes(Buffer.from(text), (result) => cases.push(result));
  if (!read.ok) return read;
  // The schema's key order, as a whole-file parse gave it.
  const { aggregate, latency, byTag, baseline, gates, ...before } = read.header;
  return {
    ok: true,
    result: {
      ...before,
      aggregate,
      ...(latency ? { latency } : {}),
      ...(byTag ? { byTag } : {}),
      cases,
      ...(baseline ? { baseline } : {}),
      gates,
    },
  };
}

function failure(issue: { path: readonly PropertyKey[]; message: string }): { ok: false; detail: string } {
  return { ok: false, detail: `${keyPath(issue.path)}: ${oneLine(issue.message)}` };
}

function keyPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'the file';
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').slice(0, 200);
}
