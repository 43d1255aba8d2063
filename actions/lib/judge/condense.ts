import { summarizeDocument } from '#lib/summarize/summarize-document';
import type { Summarizer } from '#lib/summarize/types';
import { countWords } from '#lib/text/words';
import { JudgeInputTooLongError } from './errors';

/** What the judge reads as the source. */
export interface JudgedSource {
  text: string;
  /** The source did not fit, and `text` is its map-reduce condensation. */
  condensed: boolean;
}

export interface SourceFitter {
  /**
   * The source as the judge can take it beside a summary of `summaryWords`: itself when both fit `budgetWords`,
   * else its condensation. Throws JudgeInputTooLongError when the summary takes more than half the budget (it is
   * what is judged, so it is never shortened), the source is over `maxSourceWords` (condensing it would cost too
   * many calls), or the condensation still does not fit.
   */
  fit(source: string, sourceSha256: string, summaryWords: number): Promise<JudgedSource>;
}

/**
 * Fits sources into the judge's input budget through the OpenAI-compatible provider's own map-reduce
 * (summarizeDocument over `summarizer`). The condensation's length does not depend on the summary, so cases that
 * share a source share one condensation (kept for the run, by the source's hash).
 */
export function sourceFitter(
  summarizer: Summarizer,
  budgetWords: number,
  maxSourceWords: number,
): SourceFitter {
  const condensations = new Map<string, Promise<string>>();
  // At most half of what fits beside a summary within limits, and within one summarizer call, so the map calls
  // shrink their chunks and the reduce ends with one call.
  const targetWords = Math.floor(Math.min(budgetWords, summarizer.inputBudgetWords) / 2);

  return {
    async fit(source, sourceSha256, summaryWords) {
      const maxSummaryWords = Math.floor(budgetWords / 2);
      if (summaryWords > maxSummaryWords)
        throw new JudgeInputTooLongError('summary', summaryWords, maxSummaryWords);
      const sourceWords = countWords(source);
      if (sourceWords + summaryWords <= budgetWords) return { text: source, condensed: false };
      if (sourceWords > maxSourceWords)
        throw new JudgeInputTooLongError('source', sourceWords, maxSourceWords);
      let condensation = condensations.get(sourceSha256);
      if (!condensation) {
        condensation = summarizeDocument(source, summarizer, { maxWords: targetWords }).then((s) => s.text);
        // Kept even when it fails: each case with this source reports the error, none pays for another try.
        condensations.set(sourceSha256, condensation);
      }
      const text = await condensation;
      const words = countWords(text);
      const room = budgetWords - summaryWords;
      if (words > room) throw new JudgeInputTooLongError('condensed source', words, room);
      return { text, condensed: true };
    },
  };
}
