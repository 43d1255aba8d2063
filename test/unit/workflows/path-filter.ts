/**
 * GitHub's `on.<push|pull_request>.paths` / `paths-ignore` matching, as documented in "Workflow syntax for GitHub
 * Actions" (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax, sections
 * "on.<push|pull_request>.<paths|paths-ignore>" and "Filter pattern cheat sheet"). minimatch and picomatch differ
 * from GitHub on `**` inside a segment (`**.md` there means `*.md`; on GitHub it matches `space/README.md`), so the
 * documented rules are implemented here and checked against every row of the cheat sheet in the test.
 */

/** One pattern as a regular expression over the whole path (patterns match the whole path from the root). */
export function patternToRegExp(pattern: string): RegExp {
  let source = '';
  // Start of the last atom, so `?` and `+` can apply to "the preceding character".
  let atomStart = 0;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] as string;
    if (char === '*') {
      if (pattern[i + 1] === '*') {
        const slashAfter = pattern[i + 2] === '/';
        const segmentStart = i === 0 || pattern[i - 1] === '/';
        atomStart = source.length;
        // `**/x` also matches `x` at the root (cheat sheet: `'**/README.md'` matches `README.md`).
        source += segmentStart && slashAfter ? '(?:.*/)?' : '.*';
        i += slashAfter && segmentStart ? 2 : 1;
      } else {
        atomStart = source.length;
        source += '[^/]*';
      }
    } else if (char === '?' || char === '+') {
      const atom = source.slice(atomStart);
      source = `${source.slice(0, atomStart)}(?:${atom})${char}`;
    } else if (char === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end === -1) throw new Error(`unclosed [ in path pattern ${pattern}`);
      const body = pattern.slice(i + 1, end);
      if (!/^(?:[a-zA-Z0-9](?:-[a-zA-Z0-9])?)+$/.test(body))
        throw new Error(`unsupported [] class in path pattern ${pattern}: ranges of a-z, A-Z, 0-9 only`);
      atomStart = source.length;
      source += `[${body}]`;
      i = end;
    } else {
      const literal = char === '\\' && i + 1 < pattern.length ? (pattern[++i] as string) : char;
      atomStart = source.length;
      source += literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

/** Whether one file ends up selected: patterns are checked in order and the last one that matches decides. */
export function selectedBy(patterns: readonly string[], file: string): boolean {
  let selected = false;
  for (const pattern of patterns) {
    const negative = pattern.startsWith('!');
    if (patternToRegExp(negative ? pattern.slice(1) : pattern).test(file)) selected = !negative;
  }
  return selected;
}

export interface PathFilter {
  paths?: readonly string[];
  'paths-ignore'?: readonly string[];
}

/**
 * Whether a push or PR that changed `files` runs the workflow: with `paths`, when at least one file is selected;
 * with `paths-ignore`, unless every file is ignored; with neither, always.
 */
export function triggersWorkflow(filter: PathFilter, files: readonly string[]): boolean {
  if (filter.paths && filter['paths-ignore']) throw new Error('paths and paths-ignore cannot both be set');
  if (filter.paths) return files.some((file) => selectedBy(filter.paths ?? [], file));
  if (filter['paths-ignore']) return files.some((file) => !selectedBy(filter['paths-ignore'] ?? [], file));
  return true;
}
