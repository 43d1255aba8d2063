import type { SourceKind, TimedOffset } from '#lib/ingest/document';

export interface SummaryLength {
  /** Number of sentences wanted (extractive providers) or a hint for models. */
  sentences?: number;
  /** Upper bound on words in the summary. */
  maxWords?: number;
}

/** What the caller knows about where the text came from; providers may use it, and may ignore it. */
export interface SourceHints {
  /** The kind of source (captions and transcripts are speech). */
  kind?: SourceKind | undefined;
  /** When each timed piece of the text starts (see Document.timing); offsets index into the request's text. */
  timing?: readonly TimedOffset[] | undefined;
}

export interface SummarizeRequest extends SummaryLength, SourceHints {
  text: string;
  signal?: AbortSignal;
}

export interface Summary {
  text: string;
  /** The summary split into sentences, in order; `text` is these joined with "\n". */
  sentences: string[];
  /** Parallel to `sentences`: start in seconds, or null; only when the source had times and the provider kept them. */
  starts?: (number | null)[];
  provider: string;
  model: string;
}

/**
 * A summarization backend. Providers only ever see text within their `inputBudgetWords`: the library splits
 * longer documents and combines the partial summaries (see summarize-document.ts).
 */
export interface Summarizer {
  readonly provider: string;
  readonly model: string;
  readonly inputBudgetWords: number;
  summarize(request: SummarizeRequest): Promise<Summary>;
  /** Releases connections so the process can exit. */
  close?(): Promise<void>;
}
