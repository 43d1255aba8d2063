import type { Document, LoadOptions } from '#lib/ingest/index';

/**
 * ingest's `load`, imported on first use. Extraction (cheerio, parse5, linkedom, Readability, the decoders: half
 * of an action bundle) is needed only for fixtures whose input is a file or a URL; in the single-file bundle
 * esbuild turns this import into a module that is compiled and run on first call, so a run that loads no document
 * never pays for it (scripts/bench/bench-action-start.ts).
 */
export async function loadDocument(source: string, options: LoadOptions): Promise<Document> {
  const { load } = await import('#lib/ingest/load');
  return load(source, options);
}
