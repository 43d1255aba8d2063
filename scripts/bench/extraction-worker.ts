// One extractor over every benchmark page, in its own process so its peak RSS is its own. Called by
// scripts/bench/bench-extract.ts; writes {outputs, ms, maxRssMb} as JSON to the file named on the command line.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gunzipSync } from 'node:zlib';
import { extractArticle } from '#lib/ingest/extract-article';
import { peakRssKb } from './peak-rss.mjs';

export type ExtractorName = 'readability-linkedom (plain)' | 'sumops extractArticle';

const extractors: Record<ExtractorName, (html: string, url: string) => string> = {
  'readability-linkedom (plain)': (html) => {
    const { document } = parseHTML(html) as unknown as { document: object };
    return new Readability(document).parse()?.textContent ?? '';
  },
  'sumops extractArticle': (html, url) => extractArticle(html, url).text,
};

export interface WorkerResult {
  outputs: Record<string, string>;
  ms: number[];
  maxRssMb: number;
}

function main(): void {
  const [name, dataDir, outFile, limitArg] = process.argv.slice(2);
  const extractor = extractors[name as ExtractorName];
  if (!extractor || !dataDir || !outFile)
    throw new Error('usage: extraction-worker <extractor> <dataDir> <outFile> [limit]');
  const truth = JSON.parse(readFileSync(join(dataDir, 'ground-truth.json'), 'utf8')) as Record<
    string,
    { url: string }
  >;
  const ids = Object.keys(truth).slice(0, limitArg ? Number(limitArg) : undefined);
  const result: WorkerResult = { outputs: {}, ms: [], maxRssMb: 0 };
  for (const id of ids) {
    const html = gunzipSync(readFileSync(join(dataDir, 'html', `${id}.html.gz`))).toString('utf8');
    const start = performance.now();
    let text: string;
    try {
      text = extractor(html, truth[id]?.url ?? '');
    } catch {
      text = '';
    }
    result.ms.push(performance.now() - start);
    result.outputs[id] = text;
  }
  result.maxRssMb = peakRssKb() / 1024;
  writeFileSync(outFile, JSON.stringify(result));
}

main();
