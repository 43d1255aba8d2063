// Renders a PR comment as GitHub would draw it, to look at: the Markdown through marked (GFM), its Mermaid blocks
// through Mermaid itself, in headless Chromium, written as a PNG. Not part of `make test` (it needs a browser):
//   apt-get install chromium        # Debian's; playwright-core drives it, nothing is downloaded
//   node --import tsx scripts/dev/render-comment.ts [report.md] [--out comment.png] [--width 880]
// Without a report it renders a demo comment (scripts/dev/demo-report.ts). Each chart is also written on its own,
// cropped (`comment-chart-1.png`, …), and the page in 1,000-pixel slices (`comment-part-1.png`, …), full size.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { marked } from 'marked';
import { chromium } from 'playwright-core';
import { demoComment } from './demo-report';

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    out: { type: 'string', default: 'comment.png' },
    // GitHub's comment column on a wide screen.
    width: { type: 'string', default: '880' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
  },
});
const markdown = positionals[0] ? await readFile(positionals[0], 'utf8') : demoComment();
const out = values.out;
const width = Number(values.width);

/** The page: GitHub's comment typography, the comment's HTML, Mermaid blocks left for Mermaid to draw. */
function page(body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>
  body { margin: 0; background: #ffffff; }
  .markdown-body { box-sizing: border-box; width: ${width}px; padding: 16px; color: #1f2328;
    font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
  .markdown-body table { border-collapse: collapse; display: block; overflow: auto; }
  .markdown-body th, .markdown-body td { border: 1px solid #d1d9e0; padding: 6px 13px; }
  .markdown-body blockquote { color: #59636e; border-left: 4px solid #d1d9e0; margin: 0; padding: 0 1em; }
  .markdown-body code { background: #818b981f; border-radius: 6px; padding: .2em .4em; font-size: 85%; }
  .markdown-body pre.mermaid { background: none; text-align: center; }
  .markdown-body pre.mermaid svg { max-width: 100%; }
</style></head><body><div class="markdown-body">${body}</div></body></html>`;
}

const renderer = new marked.Renderer();
const code = renderer.code.bind(renderer);
renderer.code = (token) =>
  token.lang === 'mermaid'
    ? `<pre class="mermaid">${token.text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</pre>`
    : code(token);
const html = await marked.parse(markdown, { gfm: true, renderer });

const mermaidScript = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');
const browser = await chromium.launch({ executablePath: values.chromium, args: CHROMIUM_FLAGS });
try {
  const tab = await browser.newPage({ viewport: { width, height: 800 }, deviceScaleFactor: 1 });
  await tab.setContent(page(html));
  await tab.addScriptTag({ path: mermaidScript });
  const failures = await tab.evaluate(async () => {
    const mermaid = (
      globalThis as unknown as { mermaid: { initialize(o: object): void; run(): Promise<void> } }
    ).mermaid;
    mermaid.initialize({ startOnLoad: false });
    try {
      await mermaid.run();
      return '';
    } catch (error) {
      return String(error);
    }
  });
  if (failures) throw new Error(`Mermaid could not draw a chart: ${failures}`);
  await tab.screenshot({ path: out, fullPage: true });
  const height = await tab.evaluate(
    () =>
      (globalThis as unknown as { document: { body: { scrollHeight: number } } }).document.body.scrollHeight,
  );
  for (let top = 0, part = 1; top < height; top += 1000, part++)
    await tab.screenshot({
      path: out.replace(/\.png$/, `-part-${part}.png`),
      fullPage: true,
      clip: { x: 0, y: top, width, height: Math.min(1000, height - top) },
    });
  const charts = await tab.locator('pre.mermaid svg').all();
  for (const [index, chart] of charts.entries())
    await chart.screenshot({ path: out.replace(/\.png$/, `-chart-${index + 1}.png`) });
  process.stdout.write(`wrote ${out} and ${charts.length} chart(s)\n`);
} finally {
  await browser.close();
}
