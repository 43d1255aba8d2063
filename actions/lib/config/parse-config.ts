import { isMap, isNode, isScalar, LineCounter, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';
import type { z } from 'zod';
import type { ConfigProblem } from './errors';
import { ConfigError, ConfigTooLargeError } from './errors';
import type { DigestConfig } from './schema';
import { configSchema } from './schema';
import { nearestKey } from './suggest';
import { yamlTooDeep } from './yaml-depth';

export const DEFAULT_CONFIG_PATH = '.github/sumops.yml';
export const MAX_CONFIG_BYTES = 256 * 1024;
/** YAML aliases can expand exponentially ("billion laughs"); a config needs none. */
const MAX_ALIAS_COUNT = 0;
/** Mappings and lists inside each other; the deepest valid config (`urls[].labels[]`) needs 4. */
export const MAX_CONFIG_DEPTH = 16;

type PathKey = string | number;

/**
 * Parses and validates the config text. Every problem (YAML syntax, an unknown key, a wrong type) is reported
 * with `file:line:column`, the key path and what was expected; unknown keys get the nearest valid key.
 */
export function parseConfig(text: string, file: string): DigestConfig {
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_CONFIG_BYTES) throw new ConfigTooLargeError(file, bytes, MAX_CONFIG_BYTES);
  // Measured before parseDocument, whose recursion would end in "Maximum call stack size exceeded".
  const tooDeep = yamlTooDeep(text, MAX_CONFIG_DEPTH);
  if (tooDeep) {
    const { line, column, limit } = tooDeep;
    const message = `nested deeper than ${limit} levels of mappings and lists, the most a config may have`;
    throw new ConfigError(file, [{ file, line, column, path: '.', message }]);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): { line: number; column: number } => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.slice(0, 20).map((error) => ({
        file,
        ...at(error.pos[0]),
        path: '.',
        message: `invalid YAML: ${error.message.split('\n')[0] ?? ''}`,
      })),
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {};
  } catch (error) {
    throw new ConfigError(file, [
      { file, line: 1, column: 1, path: '.', message: `YAML aliases are not allowed (${String(error)})` },
    ]);
  }
  const result = configSchema.safeParse(data);
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 50)
    .flatMap((issue) => describeIssue(issue, doc, file, at))
    .sort((a, b) => a.line - b.line || a.column - b.column);
  throw new ConfigError(file, problems);
}

function describeIssue(
  issue: z.core.$ZodIssue,
  doc: Document,
  file: string,
  at: (offset: number) => { line: number; column: number },
): ConfigProblem[] {
  const path = issue.path.filter((key): key is PathKey => typeof key !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    const valid = keysAt(path);
    return issue.keys.map((key) => {
      const suggestion = nearestKey(key, valid);
      return {
        file,
        ...at(keyOffset(doc, path, key) ?? valueOffset(doc, path)),
        path: formatPath([...path, key]),
        message:
          `unknown key \`${key}\`` +
          (suggestion ? ` — did you mean \`${suggestion}\`?` : `; expected one of ${valid.join(', ')}`),
      };
    });
  }
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    // Report the branch whose shape matched (a string vs an object), not "invalid input" for both.
    const branch =
      issue.errors.find((issues) => !issues.some((i) => i.code === 'invalid_type' && i.path.length === 0)) ??
      issue.errors[0] ??
      [];
    return branch.flatMap((inner) =>
      describeIssue({ ...inner, path: [...issue.path, ...inner.path] }, doc, file, at),
    );
  }
  return [{ file, ...at(valueOffset(doc, path)), path: formatPath(path), message: issue.message }];
}

function formatPath(path: readonly PathKey[]): string {
  if (path.length === 0) return '.';
  return path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`)).join('');
}

function nodeAt(doc: Document, path: readonly PathKey[]): Node | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true);
    if (isNode(node)) return node;
  }
  return doc.contents ?? undefined;
}

function valueOffset(doc: Document, path: readonly PathKey[]): number {
  return nodeAt(doc, path)?.range?.[0] ?? 0;
}

function keyOffset(doc: Document, path: readonly PathKey[], key: string): number | undefined {
  const map = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (!isMap(map)) return undefined;
  for (const pair of map.items) {
    if (isScalar(pair.key) && pair.key.value === key) return pair.key.range?.[0];
  }
  return undefined;
}

/** The keys the schema allows at `path`, walked through zod's definitions (objects, arrays, unions, defaults). */
function keysAt(path: readonly PathKey[]): string[] {
  let schemas: z.core.$ZodType[] = [configSchema];
  for (const key of path) {
    schemas = schemas.flatMap(unwrap).flatMap((schema) => {
      const def = schema._zod.def;
      if (def.type === 'object' && typeof key === 'string') {
        const child = (def as z.core.$ZodObjectDef).shape[key];
        return child ? [child] : [];
      }
      if (def.type === 'array' && typeof key === 'number') return [(def as z.core.$ZodArrayDef).element];
      return [];
    });
  }
  const keys = new Set<string>();
  for (const schema of schemas.flatMap(unwrap)) {
    const def = schema._zod.def;
    if (def.type === 'object')
      for (const key of Object.keys((def as z.core.$ZodObjectDef).shape)) keys.add(key);
  }
  return [...keys];
}

function unwrap(schema: z.core.$ZodType): z.core.$ZodType[] {
  const out: z.core.$ZodType[] = [];
  const queue = [schema];
  // Schema nesting is ours, not the user's, but stay bounded anyway.
  for (let steps = 0; queue.length > 0 && steps < 50; steps++) {
    const next = queue.shift() as z.core.$ZodType;
    const def = next._zod.def as { type: string; innerType?: z.core.$ZodType; options?: z.core.$ZodType[] };
    if (def.innerType) queue.push(def.innerType);
    else if (def.type === 'union' && def.options) queue.push(...def.options);
    else out.push(next);
  }
  return out;
}
