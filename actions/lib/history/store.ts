import { SumopsError } from '#lib/errors';
import type { HistoryRecord } from './record';
import { historyRecordSchema } from './record';

/** A history file past this is refused rather than read whole (a record is ~600 bytes: ~80,000 records). */
export const MAX_HISTORY_BYTES = 50 * 1024 * 1024;
const MAX_LINE_BYTES = 64 * 1024;

class HistoryRecordError extends SumopsError {
  constructor(readonly detail: string) {
    super(`invalid history record: ${detail}`);
  }
}

export interface HistoryFile {
  records: HistoryRecord[];
  /** Lines that are not records (1-based), kept out rather than sinking the rest. */
  skipped: { line: number; reason: string }[];
}

/** One JSONL line for a record, validated so a writer never appends what a reader would skip. */
export function formatHistoryLine(record: HistoryRecord): string {
  const parsed = historyRecordSchema.safeParse(record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HistoryRecordError(`${issue?.path.join('.') || 'record'}: ${issue?.message ?? 'invalid'}`);
  }
  return `${JSON.stringify(parsed.data)}\n`;
}

/** Parses history.jsonl: one record per line, oldest first; blank lines ignored, bad lines reported. */
export function parseHistory(text: string): HistoryFile {
  const records: HistoryRecord[] = [];
  const skipped: HistoryFile['skipped'] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    if (line.length > MAX_LINE_BYTES) {
      skipped.push({ line: i + 1, reason: `longer than ${MAX_LINE_BYTES} characters` });
      continue;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      skipped.push({ line: i + 1, reason: 'not JSON' });
      continue;
    }
    const parsed = historyRecordSchema.safeParse(raw);
    if (parsed.success) records.push(parsed.data);
    else {
      const issue = parsed.error.issues[0];
      skipped.push({
        line: i + 1,
        reason: `${issue?.path.join('.') || 'record'}: ${issue?.message ?? 'invalid'}`,
      });
    }
  }
  return { records, skipped };
}

export interface HistoryIO {
  /** The file's text, or undefined when it does not exist yet; refuses more than `maxBytes`. */
  readText: (path: string, maxBytes: number) => Promise<string | undefined>;
  appendText: (path: string, text: string) => Promise<void>;
}

export async function readHistory(path: string, io: Pick<HistoryIO, 'readText'>): Promise<HistoryFile> {
  const text = await io.readText(path, MAX_HISTORY_BYTES);
  return text === undefined ? { records: [], skipped: [] } : parseHistory(text);
}

/** Appends one record; a file that doesn't end in a newline (a hand edit) gets one first so lines never merge. */
export async function appendHistoryRecord(path: string, record: HistoryRecord, io: HistoryIO): Promise<void> {
  const line = formatHistoryLine(record);
  const existing = await io.readText(path, MAX_HISTORY_BYTES);
  const separator = existing !== undefined && existing !== '' && !existing.endsWith('\n') ? '\n' : '';
  await io.appendText(path, `${separator}${line}`);
}
