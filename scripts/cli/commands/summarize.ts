import { UsageError } from '#lib/errors';
import { load } from '#lib/ingest/index';
import { systemClock } from '#lib/log';
import type { ProviderSpec } from '#lib/summarize/provider-spec';
import { createSummarizer } from '#lib/summarize/providers';
import { summarizeDocument } from '#lib/summarize/summarize-document';
import type { Summarizer, SummaryLength } from '#lib/summarize/types';
import type { Command } from '../io';
import { EXIT } from '../io';
import { buildLoadOptions } from '../load-options';
import { createCliLogger } from '../logger';
import { parseCommandArgs, parseIntFlag, parseOptionsOrExit } from '../options';
import { OPENAI_OPTIONS_HELP, openAIFlagSpecs, parseOpenAIFlags, parseProviderSpec } from '../provider-flags';
import { runSources } from '../run-sources';
import type { SourceFlags } from '../source-flags';
import {
  SOURCE_OPTIONS_HELP,
  SOURCES_HELP,
  parseSourceFlags,
  sourceFlagSpecs,
  sourceHeader,
} from '../source-flags';

const help = `Usage: sumops summarize [options] <source...>

Summarize each source: a web page, a local file, a Wikipedia article, a transcript or standard input.

${SOURCES_HELP}

Options:
  --provider NAME      embedded (default: offline, extractive), space (a Gradio Space) or openai
                       (any OpenAI-compatible chat completions API)
  --space ID|URL       the Space (implies --provider space): owner/name or a URL such as http://127.0.0.1:7860
  --sentences N        sentences in the summary (default 3)
  --max-words N        at most N words in the summary (instead of --sentences)
${OPENAI_OPTIONS_HELP}
  --json               one JSON line per source: source, title, summary, sentences, provider, model, timings
${SOURCE_OPTIONS_HELP}
  -h, --help           this help

Environment:
  HF_TOKEN             token for a private or gated Space, or the Hugging Face router (never printed)
  OPENAI_API_KEY       key for --provider openai (never printed)
  SUMOPS_HUB_URL       Hub API base for resolving owner/name (default https://huggingface.co)

Exit status: 0 all sources summarized, 1 some failed (the others still print), 2 usage error.

Examples:
  sumops summarize examples/solar-sail.html
  sumops summarize --sentences 2 https://example.com/article wiki:Solar_sail
  sumops summarize --json --max-words 60 examples/talk.vtt examples/transcribe.json
  sumops summarize --provider space --space my-org/sumops-space https://example.com/article
  cat notes.md | sumops summarize -
`;

interface Options extends SourceFlags {
  sources: string[];
  spec: ProviderSpec;
  length: SummaryLength;
  json: boolean;
}

function parseOptions(argv: string[], env: NodeJS.ProcessEnv): Options | 'help' {
  const { values, positionals } = parseCommandArgs('summarize', argv, {
    provider: { type: 'string' },
    space: { type: 'string' },
    sentences: { type: 'string' },
    'max-words': { type: 'string' },
    json: { type: 'boolean' },
    ...openAIFlagSpecs,
    ...sourceFlagSpecs,
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  if (positionals.length === 0)
    throw new UsageError('give at least one source (see sumops summarize --help)');
  const spec = parseProviderSpec('provider', values.provider, values.space, env, parseOpenAIFlags(values));
  const sentences = parseIntFlag('sentences', values.sentences, { min: 1, max: 100 });
  const maxWords = parseIntFlag('max-words', values['max-words'], { min: 1, max: 100_000 });
  if (sentences !== undefined && maxWords !== undefined) {
    throw new UsageError('give --sentences or --max-words, not both');
  }
  const length: SummaryLength = {};
  if (sentences !== undefined) length.sentences = sentences;
  if (maxWords !== undefined) length.maxWords = maxWords;
  return { ...parseSourceFlags(values), sources: positionals, spec, length, json: values.json === true };
}

interface Result {
  source: string;
  title: string;
  summary: string;
  sentences: string[];
  provider: string;
  model: string;
  timings: { loadMs: number; summarizeMs: number; totalMs: number };
}

export const run: Command = async (argv, io) => {
  const options = parseOptionsOrExit('summarize', io, help, () => parseOptions(argv, io.env));
  if (typeof options === 'number') return options;
  const { sources, spec, length, json, debug, concurrency } = options;
  const logger = createCliLogger(io, { debug });
  const loadOptions = buildLoadOptions(io, {
    maxBytes: options.maxBytes,
    timeoutMs: options.timeoutMs,
    debug,
  });

  // One summarizer for all sources: a Space is resolved and woken once, and its own bound limits calls.
  let summarizer: Summarizer;
  try {
    summarizer = await createSummarizer(spec, { logger, clock: systemClock, concurrency });
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`sumops summarize: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }

  let printed = 0;
  try {
    return await runSources(
      sources,
      options,
      io,
      async (source): Promise<Result> => {
        const start = performance.now();
        const document = await load(source, loadOptions);
        const loaded = performance.now();
        const summary = await summarizeDocument(document.text, summarizer, {
          ...length,
          onProgress: (done, total) => {
            if (total > 1) logger.info(`${source}: ${done}/${total} chunks summarized`);
          },
        });
        const end = performance.now();
        const round = (ms: number): number => Math.round(ms * 10) / 10;
        return {
          source,
          title: document.title,
          summary: summary.text,
          sentences: summary.sentences,
          provider: summary.provider,
          model: summary.model,
          timings: {
            loadMs: round(loaded - start),
            summarizeMs: round(end - loaded),
            totalMs: round(end - start),
          },
        };
      },
      (result) => {
        if (json) {
          io.stdout.write(`${JSON.stringify(result)}\n`);
          return;
        }
        const label = result.title ? `${result.title} (${result.source})` : result.source;
        io.stdout.write(
          `${sourceHeader(label, printed++, sources.length > 1)}${result.sentences.join('\n')}\n`,
        );
      },
    );
  } finally {
    await summarizer.close?.();
  }
};
