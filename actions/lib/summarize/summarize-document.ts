import type { Deadline } from '#lib/deadline/deadline';
import { SumopsError } from '#lib/errors';
import { countWords } from '#lib/text/words';
import { splitIntoChunks } from './chunk';
import { validateSummaryLength } from './embedded/length';
import type { SourceHints, Summarizer, Summary, SummaryLength } from './types';

export interface SummarizeDocumentOptions extends SummaryLength, SourceHints {
  signal?: AbortSignal;
  /** The source's end-to-end deadline: provider calls are raced against it and it is checked after each. */
  deadline?: Deadline;
  /**
   * Called after each provider call. `total` is the number of calls known so far: it grows when combined partial
   * summaries are still over budget and need another round.
   */
  onProgress?(done: number, total: number): void;
}

/** Map-reduce made no progress: the provider's partial summaries were as long as what it was given. */
export class SummaryDidNotShrinkError extends SumopsError {
  constructor(
    readonly provider: string,
    readonly inputWords: number,
    readonly outputWords: number,
    readonly budgetWords: number,
  ) {
    super(
      `${provider} summaries did not get shorter (${inputWords} words in, ${outputWords} out, budget ${budgetWords}); ` +
        'ask for fewer sentences or maxWords, or use a provider with a larger input budget.',
    );
  }
}

/** The provider returned nothing for non-empty text: no sentence in it could be picked (or the model said nothing). */
export class EmptySummaryError extends SumopsError {
  constructor(
    readonly provider: string,
    readonly inputWords: number,
  ) {
    super(`${provider} found nothing to summarize in ${inputWords} words (no sentence it could pick)`);
  }
}

/**
 * Summarizes a document of any length with `summarizer`. Text within the provider's input budget goes in one call.
 * Longer text is split on paragraph and sentence boundaries into chunks within budget (map), each chunk is
 * summarized with the requested length, and the partial summaries, joined as paragraphs, are summarized again
 * (reduce), in further rounds if they are still over budget. Empty or whitespace-only text gives an empty summary
 * without calling the provider.
 */
export async function summarizeDocument(
  text: string,
  summarizer: Summarizer,
  options: SummarizeDocumentOptions = {},
): Promise<Summary> {
  validateSummaryLength(options);
  const { deadline } = options;
  deadline?.enter('summarization');
  const signal =
    deadline && options.signal
      ? AbortSignal.any([deadline.signal, options.signal])
      : (deadline?.signal ?? options.signal);
  const length: SummaryLength = {};
  if (options.sentences !== undefined) length.sentences = options.sentences;
  if (options.maxWords !== undefined) length.maxWords = options.maxWords;
  if (text.trim() === '') {
    return { text: '', sentences: [], provider: summarizer.provider, model: summarizer.model };
  }

  const budget = summarizer.inputBudgetWords;
  let done = 0;
  let total = 1;
  // The kind describes every chunk; times index the original text, so only a single whole-text call keeps them.
  const hints = (input: string): SourceHints => {
    const out: SourceHints = {};
    if (options.kind !== undefined) out.kind = options.kind;
    if (options.timing !== undefined && input === text) out.timing = options.timing;
    return out;
  };
  const call = async (input: string): Promise<Summary> => {
    deadline?.check();
    signal?.throwIfAborted();
    const base = { text: input, ...length, ...hints(input) };
    const request = signal ? { ...base, signal } : base;
    const summary = await (deadline
      ? deadline.race(summarizer.summarize(request))
      : summarizer.summarize(request));
    // A synchronous provider cannot be interrupted: a call that overran still fails here, naming the stage.
    deadline?.check();
    options.onProgress?.(++done, total);
    return summary;
  };

  let input = text;
  let inputWords = countWords(input);
  while (inputWords > budget) {
    const chunks = splitIntoChunks(input, budget);
    // These chunks, plus at least one more call to combine their summaries.
    total += chunks.length;
    const partials: string[] = [];
    for (const chunk of chunks) partials.push((await call(chunk)).text.trim());
    const combined = partials.filter((partial) => partial !== '').join('\n\n');
    const combinedWords = countWords(combined);
    if (combinedWords >= inputWords) {
      throw new SummaryDidNotShrinkError(summarizer.provider, inputWords, combinedWords, budget);
    }
    input = combined;
    inputWords = combinedWords;
  }
  const summary = await call(input);
  if (summary.sentences.length === 0 && summary.text.trim() === '')
    throw new EmptySummaryError(summarizer.provider, inputWords);
  return summary;
}
