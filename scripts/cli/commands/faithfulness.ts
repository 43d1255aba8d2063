import { scoreFaithfulness } from '#lib/faithfulness/index';
import { parseFaithfulnessInputLine } from '#lib/faithfulness/input';
import type { Command } from '../io';
import { scoreJsonLines } from '../json-lines';
import { parseCommandArgs, parseOptionsOrExit } from '../options';

const HELP = `Usage: sumops faithfulness < input.jsonl

Scores each JSONL line {"source": "...", "summary": "..."} for how much of the summary the source supports, offline
and without a model, and writes one JSON line per input:
  {"id", "faithfulness", "sentences": [{"text", "support", "unsupported": [{"text", "start", "end", "kind"}]}]}
faithfulness and support are in [0, 1] (1: everything supported); unsupported lists the names, numbers, dates, words
and phrases of each summary sentence that the source lacks (start/end: UTF-16 offsets into the sentence's text;
kind: name, number, date, word or phrase). An input "id" is carried through as the first key. Blank lines are skipped.

Options:
  -h, --help      show this help

Notes:
  Put one summary sentence per line, or prose: both are split into sentences. Each sentence is compared with the
  source sentence that shares most of its words; words found only elsewhere in the source, or outside a shared
  phrase, count as partly supported. docs/evaluation.md ("How faithfulness is scored") says what the score measures.

Examples:
  echo '{"id":"a1","source":"The farm cost 12 million euros.","summary":"The farm cost €12m."}' | sumops faithfulness
  sumops faithfulness < pairs.jsonl > faithfulness.jsonl
  sumops faithfulness < pairs.jsonl | jq 'select(.faithfulness < 0.8) | .id'

Limits: a line over 8 MB is skipped and named; scoring is linear in the source and summary.

Exit codes: 0 all lines scored, 1 some line failed (named on stderr; the others are still scored), 2 bad options.
`;

/** The command has no options of its own; parsing still rejects unknown ones and positionals. */
function parseOptions(argv: string[]): object | 'help' {
  const parsed = parseCommandArgs(
    'faithfulness',
    argv,
    { help: { type: 'boolean', short: 'h' } },
    { positionals: false },
  );
  return parsed.values.help === true ? 'help' : {};
}

/** The longest JSONL line read: several documents at the document budget, small enough to hold at once. */
const MAX_LINE_BYTES = 8 * 1024 * 1024;

export const run: Command = async (argv, io) => {
  const options = parseOptionsOrExit('faithfulness', io, HELP, () => parseOptions(argv));
  if (typeof options === 'number') return options;
  // Line by line, each line capped: inputs of any size stream through with bounded memory.
  return scoreJsonLines(io, 'faithfulness', MAX_LINE_BYTES, (text, line) => {
    const input = parseFaithfulnessInputLine(text, line);
    const result = scoreFaithfulness(input.source, input.summary);
    return input.id === undefined ? result : { id: input.id, ...result };
  });
};
