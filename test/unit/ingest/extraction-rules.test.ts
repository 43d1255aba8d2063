import { describe, expect, it } from 'vitest';
import { extractArticle } from '#lib/ingest/extract-article';
import type { ExtractionRule } from '#lib/ingest/html/cleaning';

// Each cleaning rule on a small page written for it: the rule removes (or keeps) what it is for, and the same page
// extracted without that rule shows the opposite, so each test fails if its rule stops working.

const URL_OF_PAGE = 'https://www.harbour-news.example/local/2026/ferry-vote';

const PROSE = [
  'Residents of Port Alder voted on Tuesday to keep the small passenger ferry that has crossed the estuary every hour since 1962, rejecting a plan to replace it with a longer bus route around the bay.',
  'The council had argued that the boat, which needs a new engine within two years, costs more per passenger than any other service it runs, and that the money would be better spent on the coastal road.',
  'Supporters answered that the crossing takes eight minutes while the bus would take forty, and that the ferry is the only link many older residents use to reach the clinic on the far shore.',
  'Turnout was unusually high for a local ballot. Volunteers said queues formed outside the library before the polls opened, and several people arrived on the ferry itself to cast their votes.',
];
const paragraphs = (from = 0, to = PROSE.length): string =>
  PROSE.slice(from, to)
    .map((p) => `<p>${p}</p>`)
    .join('\n');

function page(body: string, head = ''): string {
  return `<!DOCTYPE html><html lang="en"><head><title>Harbour town votes to keep its ferry</title>${head}</head><body>
<nav><a href="/">Home</a> <a href="/local">Local</a></nav>
${body}
<footer><p>© Harbour News</p></footer></body></html>`;
}

function extract(html: string, without?: ExtractionRule): string {
  return extractArticle(html, URL_OF_PAGE, { skipRules: new Set(without ? [without] : []) }).text;
}

function expectProseKept(text: string): void {
  for (const paragraph of PROSE) expect(text).toContain(paragraph);
}

describe('captions noted before Readability rewrites their markup', () => {
  const html = page(`<article>
<div class="box"><img src="/img/ferry.jpg" alt=""><div class="caption-text">The ferry leaving the north pier at dawn.</div><div class="credit">(Image: © Mara Quill)</div></div>
${paragraphs(0, 2)}
<div class="inline-image"><img src="/img/queue.jpg" alt=""><p>Voters queueing outside the library on Tuesday morning.</p></div>
${paragraphs(2)}
</article>`);

  it('removes named captions and credits that came out as unnamed paragraphs, and text boxed with an image', () => {
    const text = extract(html);
    expectProseKept(text);
    expect(text).not.toContain('north pier at dawn');
    expect(text).not.toContain('Mara Quill');
    expect(text).not.toContain('Voters queueing');
  });

  it('keeps them without the rule', () => {
    const text = extract(html, 'captions');
    expect(text).toContain('The ferry leaving the north pier at dawn.');
    expect(text).toContain('Voters queueing outside the library on Tuesday morning.');
  });
});

describe('blocks that are links to the same site', () => {
  const html = page(`<article>
${paragraphs(0, 2)}
<p><strong>Related:</strong> <a href="/local/2025/ferry-engine-tender">Council opens the tender for a new ferry engine</a></p>
<p><a href="https://www.harbour-news.example/sport/regatta"><b>REGATTA RETURNS TO THE ESTUARY AFTER FOUR YEARS AWAY</b></a></p>
${paragraphs(2)}
<p>The full results are in the <a href="https://council.example/ballot-results">council's published ballot results</a>.</p>
<p><a href="https://www.harbour-news.example/archive">https://www.harbour-news.example/archive</a></p>
<ul>
<li><a href="https://news.harbour-news.example/storm">Storm closes the coastal road for the whole weekend</a></li>
<li><a href="/local/lifeboat">Lifeboat crew honoured for a winter rescue off the point</a></li>
</ul>
</article>`);

  it('removes teaser lines and lists of headlines linking to the site, keeps citations and spelled-out addresses', () => {
    const text = extract(html);
    expectProseKept(text);
    expect(text).not.toContain('tender for a new ferry engine');
    expect(text).not.toContain('REGATTA RETURNS');
    expect(text).not.toContain('Storm closes the coastal road');
    expect(text).not.toContain('Lifeboat crew honoured');
    expect(text).toContain("The full results are in the council's published ballot results.");
    expect(text).toContain('https://www.harbour-news.example/archive');
  });

  it('keeps them without the rule', () => {
    const text = extract(html, 'same-site-link-blocks');
    expect(text).toContain('Related: Council opens the tender for a new ferry engine');
    expect(text).toContain('Storm closes the coastal road for the whole weekend');
  });
});

describe('teaser boxes in a row', () => {
  const card = (slug: string, title: string, summary: string): string =>
    `<div class="rail-item"><a href="/local/${slug}"><img src="/img/${slug}.jpg" alt=""></a><h4>${title}</h4><span>${summary}</span></div>`;
  const html = page(`<article>
${paragraphs()}
<div class="rail">
${card('pier', 'PIER REPAIRS', 'Work on the north pier will start in March')}
${card('bus', 'BUS ROUTE', 'The bay road timetable changes next month')}
${card('school', 'SCHOOL RUN', 'Parents ask for a crossing near the harbour school')}
</div>
</article>`);

  it('removes a run of short boxes each linking to a different page of the site', () => {
    const text = extract(html);
    expectProseKept(text);
    for (const teaser of ['PIER REPAIRS', 'timetable changes', 'SCHOOL RUN'])
      expect(text).not.toContain(teaser);
  });

  it('keeps them without the rule', () => {
    expect(extract(html, 'teaser-cards')).toContain('Parents ask for a crossing near the harbour school');
  });

  it('reads a saved page (no URL) as from the address it declares for itself', () => {
    const saved = page(
      html.slice(html.indexOf('<article>'), html.indexOf('</article>') + 10),
      `<link rel="canonical" href="${URL_OF_PAGE}">`,
    );
    expect(extractArticle(saved).text).not.toContain('SCHOOL RUN');
    expect(extractArticle(saved.replace('rel="canonical"', 'rel="alternate"')).text).toContain('SCHOOL RUN');
  });

  it('keeps a run whose boxes link to other sites (a list of products, sources)', () => {
    const external = html.replaceAll('href="/local/', 'href="https://shop.example/');
    expect(extract(external)).toContain('Parents ask for a crossing near the harbour school');
  });
});

describe('embedded posts', () => {
  const html = page(`<article>
${paragraphs(0, 2)}
<div class="social-media-embed"><blockquote class="twitter-tweet"><p>Eight minutes across or forty around the bay. Easy choice for me.</p>— Ana Ferreira (@anaferry) <a href="https://twitter.example/status/1">February 3, 2026</a></blockquote>
<script async src="https://platform.twitter.example/widgets.js"></script></div>
${paragraphs(2)}
</article>`);

  it('keeps a quoted post whose wrapper is named like a share bar', () => {
    const text = extract(html);
    expectProseKept(text);
    expect(text).toContain('Eight minutes across or forty around the bay. Easy choice for me.');
  });

  it('loses it without the rule', () => {
    expect(extract(html, 'embedded-posts')).not.toContain('Easy choice for me');
  });
});

describe('articles nested in the article', () => {
  const other = (n: number): string =>
    `<article class="post"><p>Other post ${n}: the lighthouse keeper's cottage has been repainted in its original colours, and visitors can climb the tower again on Sundays.</p></article>`;
  const html = page(`<article class="post">
${paragraphs()}
<section>${other(1)}${other(2)}</section>
</article>`);

  it('removes them when the outer article has its own text', () => {
    const text = extract(html);
    expectProseKept(text);
    expect(text).not.toContain('Other post');
  });

  it('keeps them without the rule', () => {
    expect(extract(html, 'nested-articles')).toContain('Other post 2');
  });

  it('keeps them when they are the content (a live blog of entries under a short heading)', () => {
    const entries = PROSE.map((p, i) => `<article class="entry"><h3>${10 + i}:00</h3><p>${p}</p></article>`);
    const text = extract(
      page(`<article class="live"><h2>Ferry vote: live</h2>${entries.join('\n')}</article>`),
    );
    expectProseKept(text);
  });
});

describe('headers and orphan headings', () => {
  const html = page(`<article>
<header><p class="kicker-line">LOCAL POLITICS</p><p>A ballot on the estuary crossing drew the highest turnout in a decade.</p></header>
${paragraphs()}
<h3>More from Harbour News</h3>
</article>`);

  it("removes the article's <header> (standfirst, kicker) and a heading left with nothing under it", () => {
    const text = extract(html);
    expectProseKept(text);
    expect(text).not.toContain('highest turnout in a decade');
    expect(text).not.toContain('More from Harbour News');
  });

  it('keeps the header without its rule, and the heading without its rule', () => {
    expect(extract(html, 'headers')).toContain('highest turnout in a decade');
    expect(extract(html, 'orphan-headings')).toContain('More from Harbour News');
  });

  it('keeps a heading that has text under it, and a header holding most of the text', () => {
    const sectioned = page(
      `<article>${paragraphs(0, 2)}<h3>What happens next</h3>${paragraphs(2)}</article>`,
    );
    expect(extract(sectioned)).toContain('What happens next');
    const headerOnly = page(
      `<article><header>${paragraphs()}</header><p>Filed from Port Alder.</p></article>`,
    );
    expectProseKept(extract(headerOnly));
  });
});
