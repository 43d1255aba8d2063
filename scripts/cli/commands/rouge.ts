import { describeCliError } from '../error-hints';
import { DEFAULT_ROUGE_TYPES, parseRougeTypes, scoreRouge } from '#lib/rouge/index';
import type { RougeType } from '#lib/rouge/index';
import { parseRougeInputLine } from '#lib/rouge/input';
import { LcsTooLargeError } from '#lib/rouge/lcs';
import type { Command } from '../io';
import { scoreJsonLines } from '../json-lines';
import { parseCommandArgs, parseOptionsOrExit } from '../options';

const HELP = `Usage: sumops rouge [--types LIST] [--no-stemmer] < input.jsonl

Scores each JSONL line {"prediction": "...", "reference": "..."} (or "references": ["...", ...]) with
Google rouge-score semantics and writes one JSON line of {precision, recall, fmeasure} per ROUGE type.
An input "id" is carried through as the first key. Blank lines are skipped.

Options:
  --types LIST    comma-separated: rouge1…rouge9, rougeL, rougeLsum (default: ${DEFAULT_ROUGE_TYPES.join(',')})
  --no-stemmer    don't Porter-stem tokens (stemming is ON by default, as in papers; HF evaluate defaults to OFF)
  -h, --help      show this help

Notes:
  rougeLsum splits sentences ONLY on "\\n": put one sentence per line in predictions and references.
  rougeL is LCS over the whole text; published CNN/DM "ROUGE-L" numbers are rougeLsum.
  With several references, each type takes the reference with the highest F (rouge-score's score_multi).

Examples:
  echo '{"id":"a1","prediction":"the cat sat","reference":"the cat sat on the mat"}' | sumops rouge
  sumops rouge --types rouge1,rougeLsum < predictions.jsonl > scores.jsonl
  sumops rouge --no-stemmer --types rouge2 < predictions.jsonl

Limits: a line over 8 MB is skipped; rougeL/rougeLsum refuse a pair over 50,000,000 LCS cells
(prediction tokens × reference tokens); both name the line.

Exit codes: 0 all lines scored, 1 some line failed (named on stderr; the others are still scored), 2 bad options.
`;

interface RougeCliOptions {
  types: RougeType[];
  stemmer: boolean;
}

function parseOptions(argv: string[]): RougeCliOptions | 'help' {
  const parsed = parseCommandArgs(
    'rouge',
    argv,
    {
      types: { type: 'string' },
      stemmer: { type: 'boolean', default: true },
      help: { type: 'boolean', short: 'h' },
    },
    { positionals: false },
  );
  if (parsed.values.help === true) return 'help';
  return {
    types:
      parsed.values.types === undefined ? [...DEFAULT_ROUGE_TYPES] : parseRougeTypes(parsed.values.types),
    stemmer: parsed.values.stemmer !== false,
  };
}

/** Parse errors name their line already; a scoring limit gets it here, with the way around it. */
function describeLineError(error: unknown, line: number): string {
  return error instanceof LcsTooLargeError
    ? `line ${line}: ${describeCliError(error)}`
    : describeCliError(error);
}

/** The longest JSONL line read: far beyond what the LCS types accept, small enough to hold at once. */
const MAX_LINE_BYTES = 8 * 1024 * 1024;

export const run: Command = async (argv, io) => {
  const options = parseOptionsOrExit('rouge', io, HELP, () => parseOptions(argv));
  if (typeof options === 'number') return options;
  // Line by line, each line capped: inputs of any size stream through with bounded memory.
  return scoreJsonLines(
    io,
    'rouge',
    MAX_LINE_BYTES,
    (text, line) => {
      const input = parseRougeInputLine(text, line);
      const scores = scoreRouge(input.prediction, input.references, options);
      return input.id === undefined ? scores : { id: input.id, ...scores };
    },
    describeLineError,
  );
};
