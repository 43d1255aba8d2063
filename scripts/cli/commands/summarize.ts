import { DEFAULT_HUB_URL } from '#lib/defaults';
import { UsageError } from '#lib/errors';
import { load } from '#lib/ingest/index';
import { systemClock } from '#lib/log';
import type { ProviderSpec } from '#lib/summarize/provider-spec';
import type { SummaryFormat } from '#lib/summarize/format';
import { SUMMARY_FORMATS, formatSummary } from '#lib/summarize/format';
import { createSummarizer } from '#lib/summarize/providers';
import { summarizeDocument } from '#lib/summarize/summarize-document';
import type { Summarizer, SummaryLength } from '#lib/summarize/types';
import { commandErrorLine } from '../error-hints';
import type { Command } from '../io';
import { EXIT } from '../io';
import { buildLoadOptions, withDeadline } from '../load-options';
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
  --sentences N        sentences in the summary (default 3; for talks, transcripts and long or sectioned
                       pages one per topic segment, 3 to 10)
  --max-words N        at most N words in the summary (instead of --sentences)
  --format FORMAT      text (default: one sentence per line), bullets ("- " lines) or markdown (the title,
                       then a "### Key points" list); sentences from captions and transcripts lead with [mm:ss]
${OPENAI_OPTIONS_HELP}
  --json               one JSON line per source: source, title, summary, sentences, starts (seconds or null,
                       one per sentence), provider, model, timings
${SOURCE_OPTIONS_HELP}
  -h, --help           this help

Environment:
  HF_TOKEN             token for a private or gated Space, or the Hugging Face router (never printed)
  OPENAI_API_KEY       key for --provider openai (never printed)
  SUMOPS_HUB_URL       Hub API base for resolving owner/name (default ${DEFAULT_HUB_URL})

Exit status: 0 all sources summarized, 1 some failed (the others still print), 2 usage error.

Examples:
  sumops summarize examples/solar-sail.html
  sumops summarize --sentences 2 https://example.com/article wiki:Solar_sail
  sumops summarize --json --max-words 60 examples/talk.vtt examples/transcribe.json
  sumops summarize --format markdown examples/long-article.html
  sumops summarize --provider space --space my-org/sumops-space https://example.com/article
  cat notes.md | sumops summarize -
`;

interface Options extends SourceFlags {
  sources: string[];
  spec: ProviderSpec;
  length: SummaryLength;
  json: boolean;
  format: SummaryFormat;
}

function parseOptions(argv: string[], env: NodeJS.ProcessEnv): Options | 'help' {
  const { values, positionals } = parseCommandArgs('summarize', argv, {
    provider: { type: 'string' },
    space: { type: 'string' },
    sentences: { type: 'string' },
    'max-words': { type: 'string' },
    format: { type: 'string' },
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
  const format = values.format ?? 'text';
  if (!isSummaryFormat(format)) {
    throw new UsageError(`--format must be one of ${SUMMARY_FORMATS.join(', ')}, got "${format}"`);
  }
  return {
    ...parseSourceFlags(values),
    sources: positionals,
    spec,
    length,
    json: values.json === true,
    format,
  };
}

/**
 * A monotonic clock in milliseconds for the --json timings. Not `performance.now()`: the first use of the global
 * `performance` loads perf_hooks and its observers, ~1 ms of every run for three subtractions.
 */
function elapsedMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

function isSummaryFormat(value: string): value is SummaryFormat {
  return (SUMMARY_FORMATS as readonly string[]).includes(value);
}

interface Result {
  source: string;
  title: string;
  summary: string;
  sentences: string[];
  /** Parallel to `sentences`: when each was spoken, in seconds, or null (the source has no times). */
  starts: (number | null)[];
  provider: string;
  model: string;
  timings: { loadMs: number; summarizeMs: number; totalMs: number };
}

export const run: Command = async (argv, io) => {
  const options = parseOptionsOrExit('summarize', io, help, () => parseOptions(argv, io.env));
  if (typeof options === 'number') return options;
  const { sources, spec, length, json, format, debug, concurrency } = options;
  const logger = createCliLogger(io, { debug });
  const loadOptions = buildLoadOptions(io, options);

  // One summarizer for all sources: a Space is resolved and woken once, and its own bound limits calls.
  let summarizer: Summarizer;
  try {
    summarizer = await createSummarizer(spec, { logger, clock: systemClock, concurrency });
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`${commandErrorLine('summarize', error)}\n`);
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
      (source): Promise<Result> =>
        withDeadline(source, options.deadlineMs, async (deadline) => {
          const start = elapsedMs();
          const document = await load(source, { ...loadOptions, deadline });
          const loaded = elapsedMs();
          const summary = await summarizeDocument(document.text, summarizer, {
            ...length,
            kind: document.kind,
            timing: document.timing,
            deadline,
            onProgress: (done, total) => {
              if (total > 1) logger.info(`${source}: ${done}/${total} chunks summarized`);
            },
          });
          const end = elapsedMs();
          const round = (ms: number): number => Math.round(ms * 10) / 10;
          return {
            source,
            title: document.title,
            summary: summary.text,
            sentences: summary.sentences,
            starts: summary.sentences.map((_, i) => summary.starts?.[i] ?? null),
            provider: summary.provider,
            model: summary.model,
            timings: {
              loadMs: round(loaded - start),
              summarizeMs: round(end - loaded),
              totalMs: round(end - start),
            },
          };
        }),
      (result) => {
        if (json) {
          io.stdout.write(`${JSON.stringify(result)}\n`);
          return;
        }
        const label = result.title ? `${result.title} (${result.source})` : result.source;
        const body = formatSummary(
          { title: result.title || result.source, sentences: result.sentences, starts: result.starts },
          format,
        );
        // Markdown carries its own title heading; a blank line keeps several documents apart.
        const header =
          format === 'markdown'
            ? printed++ > 0
              ? '\n'
              : ''
            : sourceHeader(label, printed++, sources.length > 1);
        io.stdout.write(`${header}${body}\n`);
      },
    );
  } finally {
    await summarizer.close?.();
  }
};
