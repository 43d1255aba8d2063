// ICU's sentence rules (via Intl.Segmenter) handle "U.S. officials", "3.5" and quotes, but break after titles.
const TITLES = /(?:^|\s)(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|Gen|Gov|Sen|Rep|Rev|Capt|Col|Lt|Sgt|vs|No)\.\s*$/;

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/**
 * Rewrites text as one sentence per line, which rougeLsum needs (it splits on "\n" only), like HF training
 * scripts' `"\n".join(nltk.sent_tokenize(x))`. Existing line breaks are kept; blank lines are dropped.
 * Heuristic (ICU rules plus a title-abbreviation guard), so it will not match NLTK's punkt on every text.
 */
export function oneSentencePerLine(text: string): string {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let pending = '';
    for (const { segment } of segmenter.segment(paragraph)) {
      pending += segment;
      if (TITLES.test(pending)) continue;
      if (pending.trim()) lines.push(pending.trim());
      pending = '';
    }
    if (pending.trim()) lines.push(pending.trim());
  }
  return lines.join('\n');
}
