import { describe, expect, it } from 'vitest';
import { checkFaithfulness, faithfulnessLine, unsupportedSection } from '#lib/digest/faithfulness';
import { renderIssueBody } from '#lib/digest/render-issue';

const PAGE =
  'The solar farm near Lüneburg was connected to the grid on Tuesday. It cost 12 million euros. ' +
  'It is owned by 340 residents of the village.';

describe('digest faithfulness check', () => {
  it('scores space and openai summaries, not the embedded (extractive) ones', () => {
    const summary = 'The solar farm near Okoro cost 99 million euros.';
    expect(checkFaithfulness('embedded', PAGE, summary, 0.8)).toBeUndefined();
    for (const provider of ['space', 'openai'] as const) {
      const check = checkFaithfulness(provider, PAGE, summary, 0.8)!;
      expect(check.low).toBe(true);
      expect(check.result.faithfulness).toBeLessThan(0.8);
    }
    const faithful = checkFaithfulness(
      'openai',
      PAGE,
      'The solar farm near Lüneburg was connected to the grid.',
      0.8,
    )!;
    expect(faithful).toMatchObject({ low: false, floor: 0.8, result: { faithfulness: 1 } });
    expect(faithfulnessLine(faithful)).toBe('**Faithfulness:** 1.00');
    expect(unsupportedSection(faithful)).toEqual([]);
  });

  it('lists each unsupported span in its sentence, escaped, below the floor', () => {
    const check = checkFaithfulness('space', PAGE, 'The solar farm near Okoro cost 99 million euros.', 0.8)!;
    expect(faithfulnessLine(check)).toMatch(
      /^\*\*Faithfulness:\*\* 0\.\d\d, below the floor of 0\.80 \(`faithfulness-floor`\)$/,
    );
    expect(unsupportedSection(check)).toEqual([
      '### Possibly unsupported by the page',
      '',
      'The summary says these, and the extracted page text does not:',
      '',
      '- name: The solar farm near **Okoro** cost 99 million euros.',
      '- number: The solar farm near Okoro cost **99 million** euros.',
      '',
    ]);
  });

  it('keeps hostile model output inert: no mentions, references, HTML or links get through', () => {
    const summary =
      'Ask @octocat about #12 <script>alert(1)</script> [x](https://evil.example) in owner/repo#3.';
    const section = unsupportedSection(checkFaithfulness('openai', PAGE, summary, 0.8)!).join('\n');
    expect(section).toContain('@\u200B');
    expect(section).not.toMatch(/@octocat|#12|<script|\]\(https/);
    expect(section).toContain('&lt;');
    const body = renderIssueBody({
      marker: { url: 'https://x.example/', hash: 'a'.repeat(64), words: 3, gone: 0 },
      title: 't',
      url: 'https://x.example/',
      fetchedAt: new Date(0),
      provider: 'openai',
      model: 'm',
      summary,
      text: PAGE,
      words: 3,
      faithfulness: checkFaithfulness('openai', PAGE, summary, 0.8)!,
    });
    expect(body).toContain('### Possibly unsupported by the page');
    expect(body).not.toMatch(/@octocat|<script/);
  });

  it('caps the list, and explains a low score with nothing missing by its weakest sentences', () => {
    const invented = Array.from({ length: 30 }, (_, i) => `Zorblax${i}`).join(' and ');
    const many = unsupportedSection(checkFaithfulness('openai', PAGE, `${invented} met.`, 0.8)!);
    expect(many.filter((line) => line.startsWith('- '))).toHaveLength(20);
    expect(many).toContain('_…and 11 more._'); // 30 names and "met"
    // Every word is on the page, but the sentence strings together pieces of three different sentences.
    const mixed = checkFaithfulness(
      'openai',
      PAGE,
      'Residents of Lüneburg connected 12 million villages on Tuesday.',
      0.99,
    )!;
    expect(mixed.result.sentences[0]!.unsupported).toEqual([]);
    const lines = unsupportedSection(mixed);
    expect(lines[2]).toMatch(/^Every name, number and word of the summary is on the page/);
    expect(lines[4]).toMatch(/^- 0\.\d\d: Residents of Lüneburg connected 12 million villages on Tuesday\.$/);
  });
});
