import { HubWriteError, SettingsLineError } from './errors';
import { assertSpaceId } from './space-id';
import type { HubAccess } from './types';

export interface KeyValue {
  key: string;
  value: string;
}

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_ENTRIES = 100;
const MAX_LINE_CHARS = 64 * 1024;

/**
 * Multi-line `KEY=value` text (blank lines and `#` comments skipped; the value is everything after the first
 * `=`). Errors name `source` and the line number, never the value.
 */
export function parseKeyValueLines(text: string, source: string): KeyValue[] {
  const entries: KeyValue[] = [];
  const seen = new Set<string>();
  const lines = text.split('\n');
  for (const [index, rawLine] of lines.entries()) {
    const line = rawLine.replace(/\r$/, '');
    const number = index + 1;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    if (line.length > MAX_LINE_CHARS)
      throw new SettingsLineError(source, number, `longer than ${MAX_LINE_CHARS} characters`);
    const equals = line.indexOf('=');
    if (equals < 0) throw new SettingsLineError(source, number, 'expected KEY=value');
    const key = line.slice(0, equals).trim();
    if (!KEY.test(key)) {
      throw new SettingsLineError(
        source,
        number,
        'the key must be letters, digits and "_", not starting with a digit',
      );
    }
    if (seen.has(key)) throw new SettingsLineError(source, number, `${key} is set twice`);
    seen.add(key);
    entries.push({ key, value: line.slice(equals + 1) });
    if (entries.length > MAX_ENTRIES)
      throw new SettingsLineError(source, number, `more than ${MAX_ENTRIES} entries`);
  }
  return entries;
}

/**
 * Upserts Space secrets and variables (`POST /api/spaces/{id}/secrets|variables`, body `{key, value}`; there is
 * no `@huggingface/hub` function for them). Secret values are sent only in request bodies and scrubbed from any
 * error text.
 */
export async function applySpaceSettings(options: {
  access: HubAccess;
  spaceId: string;
  secrets: KeyValue[];
  variables: KeyValue[];
}): Promise<void> {
  const { access, spaceId } = options;
  assertSpaceId(spaceId);
  for (const entry of options.secrets) {
    await settingsRequest(access, spaceId, 'secrets', 'POST', entry, `setting secret ${entry.key}`);
  }
  for (const entry of options.variables) {
    await settingsRequest(access, spaceId, 'variables', 'POST', entry, `setting variable ${entry.key}`);
  }
}

/** The Space's variables and their values (`GET /api/spaces/{id}/variables`; needs write access). */
export async function readSpaceVariables(access: HubAccess, spaceId: string): Promise<Map<string, string>> {
  assertSpaceId(spaceId);
  const text = await settingsRequest(access, spaceId, 'variables', 'GET', undefined, 'reading the variables');
  const variables = new Map<string, string>();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HubWriteError(spaceId, 'reading the variables', 200, 'the answer is not JSON');
  }
  if (body !== null && typeof body === 'object') {
    for (const [key, setting] of Object.entries(body as Record<string, unknown>)) {
      const value = (setting as { value?: unknown } | null)?.value;
      if (typeof value === 'string') variables.set(key, value);
    }
  }
  return variables;
}

/** Removes a variable (a missing one is no error on the Hub). */
async function deleteSpaceVariable(access: HubAccess, spaceId: string, key: string): Promise<void> {
  await settingsRequest(access, spaceId, 'variables', 'DELETE', { key }, `deleting variable ${key}`);
}

/** What a deploy changes in the Space's settings, and what the variables were before (for a rollback). */
export interface SettingsChange {
  /** Variables whose value differs from the Space's (or that it lacks). */
  variables: KeyValue[];
  /** Every secret given: the Hub never returns secret values, so none can be compared, nor restored. */
  secrets: KeyValue[];
  /** The value each changed variable had before; undefined where the Space did not have it. */
  previous: Map<string, string | undefined>;
}

export function planSettings(
  current: ReadonlyMap<string, string>,
  variables: readonly KeyValue[],
  secrets: readonly KeyValue[],
): SettingsChange {
  const changed = variables.filter((entry) => current.get(entry.key) !== entry.value);
  return {
    variables: changed,
    secrets: [...secrets],
    previous: new Map(changed.map((entry) => [entry.key, current.get(entry.key)])),
  };
}

/** Puts back the variables a deploy changed: old values set again, new ones deleted. */
export async function restoreVariables(
  access: HubAccess,
  spaceId: string,
  change: SettingsChange,
): Promise<string[]> {
  const restored: string[] = [];
  for (const { key } of change.variables) {
    const previous = change.previous.get(key);
    if (previous === undefined) await deleteSpaceVariable(access, spaceId, key);
    else await applySpaceSettings({ access, spaceId, secrets: [], variables: [{ key, value: previous }] });
    restored.push(key);
  }
  return restored;
}

async function settingsRequest(
  access: HubAccess,
  spaceId: string,
  endpoint: 'secrets' | 'variables',
  method: 'GET' | 'POST' | 'DELETE',
  entry: { key: string; value?: string } | undefined,
  operation: string,
): Promise<string> {
  const url = `${access.hubUrl.replace(/\/$/, '')}/api/spaces/${spaceId}/${endpoint}`;
  const secret = entry?.value ?? '';
  let response: Response;
  try {
    response = await (access.fetch ?? fetch)(url, {
      method,
      headers: {
        authorization: `Bearer ${access.accessToken}`,
        ...(entry ? { 'content-type': 'application/json' } : {}),
      },
      ...(entry ? { body: JSON.stringify(entry) } : {}),
    });
  } catch (error) {
    throw new HubWriteError(spaceId, operation, 0, scrub((error as Error).message, secret), { cause: error });
  }
  const text = await response.text().catch(() => '');
  if (!response.ok)
    throw new HubWriteError(spaceId, operation, response.status, scrub(errorText(text), secret));
  return text;
}

function errorText(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: unknown };
    if (typeof body.error === 'string') return body.error;
  } catch {
    // not JSON: a short excerpt below
  }
  return text.slice(0, 120);
}

function scrub(text: string, value: string): string {
  return value.length > 0 ? text.split(value).join('***') : text;
}
