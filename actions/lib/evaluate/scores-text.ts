import { isUtf8 } from 'node:buffer';

/**
 * The text layout of scores.json: indented JSON, except that the top-level `cases` array has one case per line.
 *
 *     {
 *       "format": "sumops-eval-scores",
 *       …
 *       "cases": [
 *         {"id":"a","tags":[],…},
 *         {"id":"b","tags":[],…}
 *       ],
 *       "gates": [ … ]
 *     }
 *
 * It is plain JSON for every reader. A reader of large files (the merge reads 8 shards of 10,000 cases) can take
 * it apart line by line: each case is parsed on its own, so its objects die young instead of the whole file's
 * object graph living, and being promoted by the garbage collector, until the last case is validated. A diff of two
 * scores.json files also shows changed cases as changed lines.
 */

export const CASES_OPEN = '\n  "cases": [';
export const CASES_CLOSE = '\n  ]';

/** One case of a scores.json being read: its parsed JSON, and where that JSON is in the file's bytes. */
export interface ScoresCase {
  value: unknown;
  /**
   * Byte range of the case's JSON (no indentation, no comma), valid UTF-8; undefined when the file was parsed whole
   * (it is not in the layout above), so the case has no text of its own.
   */
  span?: { start: number; end: number };
}

/** A parsed scores.json, its cases still to be parsed one at a time. */
export interface ScoresDocument {
  /** Every key but `cases`. */
  header: Record<string, unknown>;
  /** False when `cases` is missing or not an array (the document's cases() then yields nothing). */
  hasCaseArray: boolean;
  /** What `cases` is when it is not an array, as zod names types: `object`, `string`, `undefined`, … */
  casesType?: string;
  /** Each case in order, parsed when it is reached. Throws ScoresSyntaxError. */
  cases(): Generator<ScoresCase>;
}

/** Thrown when the bytes are not JSON; the message is JSON.parse's (position or line and column). */
export class ScoresSyntaxError extends Error {}

const NEWLINE = 0x0a;
const COMMA = 0x2c;
const SPACE = 0x20;

/**
 * Parses a scores.json file's bytes. A file in the layout above is parsed case by case, each case's line decoded on
 * its own, so no string of the whole file is made and nothing of a case outlives its turn; any other valid JSON (a
 * file written by an older version or by hand) is decoded and parsed whole, with the same result.
 *
 * Why the line-by-line path gives exactly JSON.parse of the whole text: a raw newline can only stand between
 * tokens, so `\n  "cases": [` is found outside any string. Replacing the array that follows with a marker must
 * leave a document whose top-level `cases` is that marker (else the match was elsewhere, or `cases` appears twice).
 * Each line in between must then parse as one JSON value followed by a comma (none after the last): in a valid array
 * a line that starts at an element and parses as one whole value is exactly that element. The first line that does
 * not (a case spread over several lines, or invalid JSON) hands over to parsing the whole text, from that case on.
 * A newline byte never occurs inside a multi-byte UTF-8 sequence, so decoding line by line decodes the same text.
 */
export function parseScoresBytes(bytes: Buffer): ScoresDocument {
  return isUtf8(bytes) ? (splitCaseLines(bytes) ?? parseWhole(bytes)) : parseWhole(bytes);
}

const MARKER = 'sumops:cases-are-parsed-line-by-line';

function splitCaseLines(bytes: Buffer): ScoresDocument | undefined {
  const open = bytes.indexOf(`${CASES_OPEN}\n`);
  if (open < 0) return undefined;
  const valueStart = open + CASES_OPEN.length - 1;
  const close = bytes.indexOf(CASES_CLOSE, valueStart);
  if (close < 0) return undefined;
  let header: unknown;
  try {
    header = JSON.parse(
      `${bytes.toString('utf8', 0, valueStart)}${JSON.stringify(MARKER)}${bytes.toString('utf8', close + CASES_CLOSE.length)}`,
    );
  } catch {
    return undefined;
  }
  if (!isObject(header) || header.cases !== MARKER) return undefined;
  delete header.cases;
  return {
    header,
    hasCaseArray: true,
    *cases() {
      let index = 0;
      let lineStart = valueStart + 2;
      while (lineStart <= close) {
        const newline = bytes.indexOf(NEWLINE, lineStart);
        const lineEnd = newline < 0 || newline > close ? close : newline;
        const isLast = lineEnd === close;
        const hasComma = bytes[lineEnd - 1] === COMMA;
        let start = lineStart;
        while (start < lineEnd && bytes[start] === SPACE) start++;
        const end = hasComma ? lineEnd - 1 : lineEnd;
        let value: unknown;
        let parsed = hasComma !== isLast;
        if (parsed) {
          try {
            value = JSON.parse(bytes.toString('utf8', start, end));
          } catch {
            parsed = false;
          }
        }
        if (!parsed) {
          let skipped = 0;
          for (const rest of parseWhole(bytes).cases()) if (skipped++ >= index) yield rest;
          return;
        }
        yield { value, span: { start, end } };
        index++;
        lineStart = lineEnd + 1;
      }
    },
  };
}

function parseWhole(bytes: Buffer): ScoresDocument {
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new ScoresSyntaxError((error as Error).message.replace(/\s+/g, ' ').slice(0, 200));
  }
  if (!isObject(raw))
    return { header: {}, hasCaseArray: false, casesType: 'undefined', cases: function* () {} };
  const { cases, ...header } = raw;
  if (!Array.isArray(cases))
    return {
      header,
      hasCaseArray: false,
      casesType: cases === null ? 'null' : typeof cases,
      cases: function* () {},
    };
  return {
    header,
    hasCaseArray: true,
    *cases() {
      for (const value of cases) yield { value };
    },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
