/** Where JSON.parse failed, as a 1-based line and column, with V8's reason on one line (its source excerpt cut). */
export interface JsonSyntaxProblem {
  line: number;
  column: number;
  reason: string;
}

export function describeJsonSyntaxError(raw: string, error: unknown): JsonSyntaxProblem {
  const message = error instanceof Error ? error.message : String(error);
  // V8 quotes the text around the error (newlines included) after the reason; keep the reason only.
  const reason = (message.split(/, "|, \.\.\."/)[0] ?? message)
    .replace(/ at position \d+.*$/s, '')
    .replace(/ in JSON$/, '')
    .trim();
  const at = /at position (\d+)/.exec(message);
  const offset = at ? Number(at[1]) : firstErrorOffset(raw);
  return { ...lineAndColumn(raw, offset), reason: reason.split('\n')[0] ?? reason };
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

const LITERAL = /true|false|null/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// JSON strings exclude raw control characters, which is what this class spells.
// eslint-disable-next-line no-control-regex
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const SPACE = /[ \t\n\r]*/y;

/**
 * The offset of the first character that makes `raw` invalid JSON, for the V8 messages that give no position
 * ("Unexpected token"). A scan with an explicit stack: nesting depth costs memory, never call-stack frames.
 */
function firstErrorOffset(raw: string): number {
  let i = 0;
  const skip = (): void => {
    SPACE.lastIndex = i;
    SPACE.exec(raw);
    i = SPACE.lastIndex;
  };
  const match = (pattern: RegExp): boolean => {
    pattern.lastIndex = i;
    if (!pattern.test(raw)) return false;
    i = pattern.lastIndex;
    return true;
  };
  // What the scanner expects next: a value, or (inside a container) a separator or its end.
  const stack: ('[' | '{')[] = [];
  let expectValue = true;
  for (;;) {
    skip();
    if (expectValue) {
      const c = raw[i];
      if (c === '[' || c === '{') {
        stack.push(c);
        i++;
        skip();
        if (raw[i] === (c === '[' ? ']' : '}')) {
          stack.pop();
          i++;
          expectValue = false;
          continue;
        }
        if (c === '{') {
          if (!match(STRING)) return i;
          skip();
          if (raw[i] !== ':') return i;
          i++;
        }
        continue;
      }
      if (!match(STRING) && !match(NUMBER) && !match(LITERAL)) return i;
      expectValue = false;
      continue;
    }
    const top = stack[stack.length - 1];
    if (top === undefined) return i < raw.length ? i : raw.length;
    if (raw[i] === ',') {
      i++;
      if (top === '{') {
        skip();
        if (!match(STRING)) return i;
        skip();
        if (raw[i] !== ':') return i;
        i++;
      }
      expectValue = true;
      continue;
    }
    if (raw[i] === (top === '[' ? ']' : '}')) {
      stack.pop();
      i++;
      continue;
    }
    return i;
  }
}
