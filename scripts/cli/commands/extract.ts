import { UsageError } from '../../../actions/lib/errors';
import { load } from '../../../actions/lib/ingest';
import type { Document } from '../../../actions/lib/ingest';
import type { Command } from '../io';
import { EXIT } from '../io';
import { buildLoadOptions } from '../load-options';
import { parseByteSizeFlag, parseCommandArgs, parseIntFlag } from '../options';
import { runSources } from '../run-sources';

const help = `Usage: sumops extract [options] <source...>

Print the clean text sumops extracts from each source (the input of summarize).

Sources:
  https://…            a web page (HTML or plain text)
  path/to/file         .html/.htm, .txt/.md, .vtt/.srt captions, AWS Transcribe .json
  wiki:Title           a Wikipedia article (wiki:fr:Titre for another language)
  -                    standard input (HTML or text)

Options:
  --json               one JSON line per source: the whole Document (source, text, title, url, wordCount, …)
  --concurrency N      sources fetched at once (default 4, 1–32)
  --max-bytes SIZE     cap on a page's decompressed size, e.g. 5M (default 5M)
  --timeout MS         give up on a URL after MS milliseconds (default 30000)
  --debug              stack traces and retry notes on stderr
  -h, --help           this help

Exit status: 0 all sources extracted, 1 some failed (the others still print), 2 usage error.

Examples:
  sumops extract examples/solar-sail.html
  sumops extract --json https://example.com/article wiki:Solar_sail examples/talk.vtt
  curl -s https://example.com | sumops extract -
`;

export const run: Command = async (argv, io) => {
  let parsed;
  try {
    parsed = parseCommandArgs('extract', argv, {
      json: { type: 'boolean' },
      concurrency: { type: 'string' },
      'max-bytes': { type: 'string' },
      timeout: { type: 'string' },
      debug: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
    if (parsed.values.help) {
      io.stdout.write(help);
      return EXIT.ok;
    }
    if (parsed.positionals.length === 0)
      throw new UsageError('sumops extract: give at least one source (see sumops extract --help)');
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`${error.message}\n`);
    return EXIT.usage;
  }
  const { values, positionals: sources } = parsed;
  let concurrency: number;
  let loadOptions;
  try {
    concurrency = parseIntFlag('concurrency', values.concurrency, { min: 1, max: 32 }) ?? 4;
    loadOptions = buildLoadOptions(io, {
      maxBytes: parseByteSizeFlag('max-bytes', values['max-bytes']),
      timeoutMs: parseIntFlag('timeout', values.timeout, { min: 1, max: 3_600_000 }),
      debug: values.debug === true,
    });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`sumops extract: ${error.message}\n`);
    return EXIT.usage;
  }

  const several = sources.length > 1;
  let printed = 0;
  const print = (document: Document, source: string): void => {
    if (values.json) {
      io.stdout.write(`${JSON.stringify(document)}\n`);
      return;
    }
    const header = several ? `${printed > 0 ? '\n' : ''}==> ${source} <==\n` : '';
    io.stdout.write(`${header}${document.text}\n`);
    printed++;
  };
  return runSources(
    sources,
    { concurrency, debug: values.debug === true },
    io,
    (source) => load(source, loadOptions),
    print,
  );
};
