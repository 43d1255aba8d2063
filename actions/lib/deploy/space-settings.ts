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
  const doFetch = access.fetch ?? fetch;
  const base = `${access.hubUrl.replace(/\/$/, '')}/api/spaces/${spaceId}`;
  const jobs = [
    ...options.secrets.map((entry) => ({ kind: 'secret', endpoint: 'secrets', entry })),
    ...options.variables.map((entry) => ({ kind: 'variable', endpoint: 'variables', entry })),
  ];
  for (const { kind, endpoint, entry } of jobs) {
    const operation = `setting ${kind} ${entry.key}`;
    let response: Response;
    try {
      response = await doFetch(`${base}/${endpoint}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${access.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ key: entry.key, value: entry.value }),
      });
    } catch (error) {
      throw new HubWriteError(spaceId, operation, 0, scrub((error as Error).message, entry.value), {
        cause: error,
      });
    }
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      throw new HubWriteError(spaceId, operation, response.status, scrub(errorText(text), entry.value));
    }
  }
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
