import { ask } from '#lib/ask/ask';
import type { ContextSource } from '#lib/ask/select-chunks';
import { errorMessage, UsageError } from '#lib/errors';
import { load } from '#lib/ingest/index';
import { systemClock } from '#lib/log';
import { createOpenAIChat } from '#lib/summarize/openai';
import type { OpenAIChat } from '#lib/summarize/openai';
import { MissingApiKeyError, OpenAIAuthError } from '#lib/summarize/openai-errors';
import { sourceErrorLine } from '../error-hints';
import type { Command } from '../io';
import { EXIT } from '../io';
import { buildLoadOptions } from '../load-options';
import { createCliLogger } from '../logger';
import { parseByteSizeFlag, parseCommandArgs, parseIntFlag, parseOptionsOrExit } from '../options';
import type { OpenAIFlags } from '../provider-flags';
import { OPENAI_OPTIONS_HELP, openAIFlagSpecs, openAISpec, parseOpenAIFlags } from '../provider-flags';

const help = `Usage: sumops ask "question" [--context SOURCE...] [options]

Answer a question with an OpenAI-compatible model. With --context, the answer is grounded in those documents:
they are cut into chunks, the chunks most relevant to the question are sent (as many as fit the model's input
budget), and the answer cites them as [S1], [S2] …, listed under it with their source. When the sources don't
contain the answer, sumops says so instead of guessing.

Options:
  --context SOURCE     a URL, file, wiki:Title or - (repeatable)
  --json               one JSON object: question, answer, answered, citations, chunks, model, usage
${OPENAI_OPTIONS_HELP}
  --max-bytes SIZE     cap on a context page's decompressed size (default 5M)
  --timeout MS         give up on a context URL after MS milliseconds (default 30000)
  --debug              stack traces and progress notes on stderr
  -h, --help           this help

Environment: OPENAI_API_KEY (or HF_TOKEN for https://router.huggingface.co/v1), OPENAI_BASE_URL, OPENAI_MODEL.

Exit status: 0 answered or "not in the sources", 1 a source or the model failed, 2 usage error.

Examples:
  sumops ask "What does a solar sail push against?" --context examples/solar-sail.html
  sumops ask --base-url http://localhost:11434/v1 --model llama3.2 "Summarize RFC 9110 in one line"
`;

interface Options {
  question: string;
  contexts: string[];
  json: boolean;
  openai: OpenAIFlags;
  maxBytes?: number;
  timeoutMs?: number;
  debug: boolean;
}

function parseOptions(argv: string[]): Options | 'help' {
  const { values, positionals } = parseCommandArgs('ask', argv, {
    context: { type: 'string', multiple: true },
    json: { type: 'boolean' },
    ...openAIFlagSpecs,
    'max-bytes': { type: 'string' },
    timeout: { type: 'string' },
    debug: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  const question = positionals.join(' ').trim();
  if (question === '') throw new UsageError('give the question as an argument (see sumops ask --help)');
  if (question.length > 4000)
    throw new UsageError(`the question is ${question.length} characters; at most 4000`);
  const options: Options = {
    question,
    contexts: values.context ?? [],
    json: values.json === true,
    openai: parseOpenAIFlags(values),
    debug: values.debug === true,
  };
  const maxBytes = parseByteSizeFlag('max-bytes', values['max-bytes']);
  if (maxBytes !== undefined) options.maxBytes = maxBytes;
  const timeoutMs = parseIntFlag('timeout', values.timeout, { min: 1, max: 3_600_000 });
  if (timeoutMs !== undefined) options.timeoutMs = timeoutMs;
  return options;
}

export const run: Command = async (argv, io) => {
  const options = parseOptionsOrExit('ask', io, help, () => parseOptions(argv));
  if (typeof options === 'number') return options;
  const logger = createCliLogger(io, { debug: options.debug });
  let chat: OpenAIChat;
  try {
    const spec = openAISpec(options.openai, io.env);
    if (spec.kind !== 'openai') throw new Error('unreachable: openAISpec returned another provider');
    chat = createOpenAIChat({
      baseUrl: spec.baseUrl,
      model: spec.model,
      ...(spec.apiKey ? { apiKey: spec.apiKey } : {}),
      ...(spec.contextTokens ? { contextTokens: spec.contextTokens } : {}),
      logger,
      clock: systemClock,
    });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const hint =
      error instanceof MissingApiKeyError
        ? '; set OPENAI_API_KEY (or HF_TOKEN with --base-url https://router.huggingface.co/v1), or --base-url for a local server'
        : '';
    io.stderr.write(`sumops ask: ${error.message}${hint}\n`);
    return EXIT.usage;
  }

  let sources: ContextSource[] | undefined;
  if (options.contexts.length > 0) {
    const loadOptions = buildLoadOptions(io, {
      ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      debug: options.debug,
    });
    sources = [];
    for (const source of options.contexts) {
      try {
        const document = await load(source, loadOptions);
        sources.push({ source, title: document.title, text: document.text });
      } catch (error) {
        io.stderr.write(`${sourceErrorLine('ask', source, error)}\n`);
        return EXIT.failed;
      }
    }
  }

  let result;
  try {
    result = await ask(options.question, sources, chat);
  } catch (error) {
    const hint = error instanceof OpenAIAuthError ? '; check OPENAI_API_KEY' : '';
    io.stderr.write(`sumops ask: ${errorMessage(error)}${hint}\n`);
    return EXIT.failed;
  }
  if (options.json) {
    io.stdout.write(`${JSON.stringify(result)}\n`);
    return EXIT.ok;
  }
  io.stdout.write(`${result.answer}\n`);
  if (result.citations.length > 0) {
    io.stdout.write(
      `\nSources:\n${result.citations.map((c) => `  [${c.id}] ${c.title ? `${c.title} (${c.source})` : c.source}\n`).join('')}`,
    );
  }
  return EXIT.ok;
};
