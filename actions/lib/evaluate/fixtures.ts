import { realpath } from 'node:fs/promises';
import { dirname, extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { glob } from 'tinyglobby';
import { LineCounter, isMap, isSeq, parseDocument } from 'yaml';
import { FileTooLargeError, readTextFile } from '#lib/fs/read-text-file';
import { DuplicateCaseIdError, FixtureFormatError, NoFixturesError } from './errors';
import { MAX_EVAL_CASES } from './scores-schema';
import type { EvalCase } from './types';

const KNOWN_KEYS = new Set(['id', 'text', 'file', 'url', 'reference', 'references', 'tags']);
const SHAPE = 'each case is {id, one of text|file|url, reference or references, optional tags}';
/** One fixture file; a set larger than this is split over several files (they are read in sorted order). */
const MAX_FIXTURE_FILE_BYTES = 64 * 1024 * 1024;

/** Bounds on what a fixture set may hold; the defaults are the evaluation's own limits. */
interface FixtureLimits {
  maxCases?: number;
  maxFileBytes?: number;
}

interface RawEntry {
  value: unknown;
  line: number;
}

/**
 * Reads every fixture file the patterns match (sorted, so case order is stable), validates each entry strictly and
 * rejects duplicate ids across files. `display` paths in errors are relative to `cwd`.
 */
export async function loadFixtures(
  patterns: string[],
  options: { cwd: string; limits?: FixtureLimits },
): Promise<{ files: string[]; cases: EvalCase[] }> {
  const maxCases = options.limits?.maxCases ?? MAX_EVAL_CASES;
  const files = (await glob(patterns, { cwd: options.cwd, absolute: true, onlyFiles: true })).sort();
  if (files.length === 0) throw new NoFixturesError(patterns);
  const cases: EvalCase[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const display = displayPath(file, options.cwd);
    for (const evalCase of await parseFixtureFile(file, display, options.limits?.maxFileBytes)) {
      const first = seen.get(evalCase.id);
      if (first !== undefined)
        throw new DuplicateCaseIdError(display, lineOf(evalCase.origin), evalCase.id, first);
      seen.set(evalCase.id, evalCase.origin);
      cases.push(evalCase);
      if (cases.length > maxCases)
        throw new FixtureFormatError(
          display,
          lineOf(evalCase.origin),
          `the fixture set has more than ${maxCases} cases, the most one evaluation holds`,
        );
    }
  }
  return { files: files.map((file) => displayPath(file, options.cwd)), cases };
}

/** Parses one file; ids must be unique within it (across files is checked by loadFixtures). */
export async function parseFixtureFile(
  file: string,
  display = file,
  maxBytes = MAX_FIXTURE_FILE_BYTES,
): Promise<EvalCase[]> {
  let text: string;
  try {
    text = await readTextFile(file, maxBytes);
  } catch (error) {
    if (!(error instanceof FileTooLargeError)) throw error;
    throw new FixtureFormatError(
      display,
      1,
      `the file is larger than ${maxBytes} bytes; split the cases over several fixture files`,
    );
  }
  const entries = parseFixtureText(text, extname(file).toLowerCase(), display);
  const cases: EvalCase[] = [];
  const seen = new Map<string, string>();
  for (const entry of entries) {
    const evalCase = validateCase(entry, display, dirname(file));
    const first = seen.get(evalCase.id);
    if (first !== undefined) throw new DuplicateCaseIdError(display, entry.line, evalCase.id, first);
    seen.set(evalCase.id, evalCase.origin);
    if (evalCase.input.kind === 'file')
      await assertReadable(evalCase.input.path, dirname(file), display, entry.line);
    cases.push(evalCase);
  }
  return cases;
}

function parseFixtureText(text: string, extension: string, display: string): RawEntry[] {
  if (extension === '.jsonl' || extension === '.ndjson') return parseJsonl(text, display);
  if (extension === '.yaml' || extension === '.yml') return parseYaml(text, display);
  throw new FixtureFormatError(
    display,
    1,
    `unsupported fixture extension "${extension}"; use .jsonl or .yaml`,
  );
}

function parseJsonl(text: string, display: string): RawEntry[] {
  const entries: RawEntry[] = [];
  text.split(/\r?\n/).forEach((lineText, index) => {
    if (lineText.trim() === '') return;
    try {
      entries.push({ value: JSON.parse(lineText) as unknown, line: index + 1 });
    } catch (error) {
      const cause = error instanceof Error ? error.message : String(error);
      throw new FixtureFormatError(
        display,
        index + 1,
        `invalid JSON (${cause}); expected one JSON object per line: ${SHAPE}`,
      );
    }
  });
  return entries;
}

function parseYaml(text: string, display: string): RawEntry[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const syntax = doc.errors[0];
  if (syntax) {
    const line = syntax.linePos?.[0].line ?? lineCounter.linePos(syntax.pos[0]).line;
    throw new FixtureFormatError(
      display,
      line,
      `invalid YAML (${syntax.message.split('\n')[0] ?? syntax.code})`,
    );
  }
  // Either a top-level list of cases or a mapping with a `cases:` list.
  let list: unknown = doc.contents;
  if (isMap(list)) list = list.get('cases', true);
  if (!isSeq(list)) {
    throw new FixtureFormatError(
      display,
      1,
      `expected a YAML list of cases (or a mapping with a "cases" list); ${SHAPE}`,
    );
  }
  return list.items.map((item) => {
    const offset = (item as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;
    const value: unknown =
      item !== null && typeof item === 'object' && 'toJSON' in item
        ? (item as { toJSON(): unknown }).toJSON()
        : item;
    return { value, line: lineCounter.linePos(offset).line };
  });
}

function validateCase(entry: RawEntry, display: string, baseDir: string): EvalCase {
  const fail = (detail: string): never => {
    throw new FixtureFormatError(display, entry.line, detail);
  };
  const raw = entry.value;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    fail(`expected an object, got ${describe(raw)}; ${SHAPE}`);
  const record = raw as Record<string, unknown>;
  const unknown = Object.keys(record).filter((key) => !KNOWN_KEYS.has(key));
  if (unknown.length > 0)
    fail(`unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}; ${SHAPE}`);

  const id = record.id;
  if (typeof id !== 'string' || id.trim() === '')
    fail(`"id" must be a non-empty string, got ${describe(id)}`);
  const caseId = (id as string).trim();
  const label = `case "${caseId}"`;

  const inputs = (['text', 'file', 'url'] as const).filter((key) => record[key] !== undefined);
  if (inputs.length !== 1) {
    fail(
      `${label} must have exactly one input of "text", "file" or "url", got ${inputs.length === 0 ? 'none' : inputs.join(' and ')}`,
    );
  }
  const inputKey = inputs[0] as 'text' | 'file' | 'url';
  const inputValue = record[inputKey];
  if (typeof inputValue !== 'string' || inputValue.trim() === '')
    fail(`${label}: "${inputKey}" must be a non-empty string, got ${describe(inputValue)}`);
  const source = inputValue as string;
  let input: EvalCase['input'];
  if (inputKey === 'text') input = { kind: 'text', text: source };
  else if (inputKey === 'file') {
    // A fixture may only point inside its own folder: `/proc/self/environ` or `../../secrets` would be summarized
    // and land in the report next to whatever the job holds.
    const path = resolve(baseDir, source);
    if (isAbsolute(source) || !isInside(baseDir, path))
      fail(`${label}: "file" must be a path inside the fixture file's folder, got ${JSON.stringify(source)}`);
    input = { kind: 'file', path };
  } else {
    if (!/^https?:\/\//i.test(source) || !URL.canParse(source))
      fail(`${label}: "url" must be an http(s) URL, got ${JSON.stringify(source)}`);
    input = { kind: 'url', url: source };
  }

  let references: string[] = [];
  if (record.reference !== undefined && record.references !== undefined)
    fail(`${label} has both "reference" and "references"; use one`);
  if (record.reference !== undefined) {
    if (typeof record.reference !== 'string' || record.reference.trim() === '') {
      fail(`${label}: "reference" must be a non-empty string, got ${describe(record.reference)}`);
    }
    references = [record.reference as string];
  } else if (record.references !== undefined) {
    const list = record.references;
    if (
      !Array.isArray(list) ||
      list.length === 0 ||
      !list.every((r) => typeof r === 'string' && r.trim() !== '')
    ) {
      fail(`${label}: "references" must be a non-empty list of non-empty strings, got ${describe(list)}`);
    }
    references = list as string[];
  } else {
    fail(`${label} needs "reference" (string) or "references" (list of strings)`);
  }

  let tags: string[] = [];
  if (record.tags !== undefined) {
    if (!Array.isArray(record.tags) || !record.tags.every((t) => typeof t === 'string' && t.trim() !== '')) {
      fail(`${label}: "tags" must be a list of strings, got ${describe(record.tags)}`);
    }
    tags = record.tags as string[];
  }
  return {
    id: caseId,
    input,
    references: references.map((r) => r.trim()),
    tags,
    origin: `${display}:${entry.line}`,
  };
}

/** `path` (already resolved) is `dir` itself or below it. */
function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/** The file exists and, with symlinks resolved, is still inside the fixture file's folder. */
async function assertReadable(
  path: string,
  fixtureDir: string,
  display: string,
  line: number,
): Promise<void> {
  let real: string;
  try {
    real = await realpath(path);
  } catch {
    throw new FixtureFormatError(
      display,
      line,
      `input file ${path} does not exist; "file" is resolved relative to the fixture file`,
    );
  }
  if (!isInside(await realpath(fixtureDir), real)) {
    throw new FixtureFormatError(
      display,
      line,
      `input file ${path} is a link to ${real}, outside the fixture file's folder`,
    );
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return value.trim() === '' ? 'an empty string' : 'a string';
  return `a ${typeof value}`;
}

function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}

function lineOf(origin: string): number {
  return Number(origin.slice(origin.lastIndexOf(':') + 1));
}
