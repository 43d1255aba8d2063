import { createEmbeddedSummarizer } from '#lib/summarize/embedded';
import type { Summarizer } from '#lib/summarize/types';

/** Names no fixture source contains: each stands in for a name the source did give. */
const INVENTED_NAMES = ['Okoro', 'Vantreska', 'Belmiro', 'Quillondra', 'Ashgrove'];

/**
 * What the faithfulness issue describes a user trying: the lead sentences the extractive summarizer picks, with
 * every number and every mid-sentence capitalized word (a name) replaced by an invented one ("…owned by the
 * residents of Okoro was connected to the grid on Okoro…"). The words around them stay, so ROUGE barely moves.
 */
function hallucinate(sentence: string): string {
  let names = 0;
  return sentence
    .replace(/\d+(?:[.,]\d+)*/g, (number) => String((Number(number.replace(/\D/g, '')) * 7 + 13) % 9973))
    .replace(
      /(?<=\S\s+)\p{Lu}[\p{L}'’-]+/gu,
      () => INVENTED_NAMES[names++ % INVENTED_NAMES.length] ?? 'Okoro',
    );
}

export function createHallucinatingSummarizer(): Summarizer {
  const inner = createEmbeddedSummarizer();
  return {
    provider: inner.provider,
    model: 'hallucinating-lead',
    inputBudgetWords: inner.inputBudgetWords,
    async summarize(request) {
      const summary = await inner.summarize(request);
      const sentences = summary.sentences.map(hallucinate);
      return { ...summary, sentences, text: sentences.join('\n') };
    },
  };
}
