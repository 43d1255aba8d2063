import { UsageError } from '#lib/errors';
import { load } from '#lib/ingest/index';
import type { Document } from '#lib/ingest/index';
import type { Command } from '../io';
import { buildLoadOptions, withDeadline } from '../load-options';
import { parseCommandArgs, parseOptionsOrExit } from '../options';
import { runSources } from '../run-sources';
import type { SourceFlags } from '../source-flags';
import {
  SOURCE_OPTIONS_HELP,
  SOURCES_HELP,
  parseSourceFlags,
  sourceFlagSpecs,
  sourceHeader,
} from '../source-flags';

const help = `Usage: sumops extract [options] <source...>

Print the clean text sumops extracts from each source (the input of summarize).

${SOURCES_HELP}

Options:
  --json               one JSON line per source: the whole Document (source, text, title, url, wordCount, …)
${SOURCE_OPTIONS_HELP}
  -h, --help           this help

Exit status: 0 all sources extracted, 1 some failed (the others still print), 2 usage error.

Examples:
  sumops extract examples/solar-sail.html
  sumops extract --json https://example.com/article wiki:Solar_sail examples/talk.vtt
  curl -s https://example.com | sumops extract -
`;

interface Options extends SourceFlags {
  sources: string[];
  json: boolean;
}

function parseOptions(argv: string[]): Options | 'help' {
  const { values, positionals } = parseCommandArgs('extract', argv, {
    ...sourceFlagSpecs,
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  if (positionals.length === 0) throw new UsageError('give at least one source (see sumops extract --help)');
  return { ...parseSourceFlags(values), sources: positionals, json: values.json === true };
}

export const run: Command = async (argv, io) => {
  const options = parseOptionsOrExit('extract', io, help, () => parseOptions(argv));
  if (typeof options === 'number') return options;
  const { sources, json } = options;
  const loadOptions = buildLoadOptions(io, options);
  let printed = 0;
  const print = (document: Document, source: string): void => {
    if (json) {
      io.stdout.write(`${JSON.stringify(document)}\n`);
      return;
    }
    io.stdout.write(`${sourceHeader(source, printed++, sources.length > 1)}${document.text}\n`);
  };
  return runSources(
    sources,
    options,
    io,
    (source) =>
      withDeadline(source, options.deadlineMs, (deadline) => load(source, { ...loadOptions, deadline })),
    print,
  );
};
