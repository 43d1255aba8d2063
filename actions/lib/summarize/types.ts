export interface SummaryLength {
  /** Number of sentences wanted (extractive providers) or a hint for models. */
  sentences?: number;
  /** Upper bound on words in the summary. */
  maxWords?: number;
}

export interface SummarizeRequest extends SummaryLength {
  text: string;
  signal?: AbortSignal;
}

export interface Summary {
  text: string;
  /** The summary split into sentences, in order; `text` is these joined with "\n". */
  sentences: string[];
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
