import type { Document, SourceKind, TimedOffset } from './document';
import { decodeSource } from './decode-source';
import {
  BinaryFileError,
  EmptyDocumentError,
  InvalidSourceError,
  NoReadableTextError,
  SourceTooLargeError,
  UnsupportedContentTypeError,
} from './errors';
import { extractArticle } from './extract-article';
import type { ExtractedArticle } from './extract-article';
import { fetchUrl, parseHttpUrl } from './fetch-url';
import type { FetchedBody } from './fetch-url';
import { fileFormat, readLocalFile } from './local-file';
import type { LoadOptions, ResolvedLoadOptions } from './options';
import { resolveLoadOptions } from './options';
import { captionsToText } from './captions';
import { countWords } from '#lib/text/words';
import { looksBinary, normalizePlainText } from './plain-text';
import { fitTextBudget, offsetMap } from './text-budget';
import type { Truncation } from './text-budget';
import { MAX_SENTENCE_CHARS } from '#lib/summarize/sentences';
import { transcribeToTimedText } from './transcribe';
import { loadWikipedia } from './wikipedia';
import { basename } from 'node:path';

type Loaded = Omit<Document, 'wordCount' | 'source'>;

/**
 * Turns what the user gave (http(s) URL, file path, `wiki:Title`, `wiki:fr:Title` or `-` for stdin) into clean
 * text plus metadata. Every failure is an IngestError whose one-line message names the cause; with a `deadline`,
 * running out of time is a DeadlineExceededError naming the stage (reading or extraction).
 */
export async function load(source: string, options: LoadOptions): Promise<Document> {
  const resolved = resolveLoadOptions(options);
  resolved.deadline?.enter('reading');
  const loaded = await loadAny(source, resolved);
  resolved.deadline?.check();
  return finishDocument(source, loaded, resolved);
}

/**
 * A fetched URL's body as a Document, the second half of loading a URL; callers that pace their requests (the
 * digest) fetch with fetchUrl inside their rate limit and extract outside it.
 */
export async function loadFetched(
  source: string,
  fetched: FetchedBody,
  options: LoadOptions,
): Promise<Document> {
  const resolved = resolveLoadOptions(options);
  return finishDocument(source, await documentFromBody(source, fetched, resolved), resolved);
}

/** The text budget, the word count and timing offsets that follow the trimmed text. */
function finishDocument(source: string, loaded: Loaded, resolved: ResolvedLoadOptions): Document {
  const { text, truncated, removed } = fitTextBudget(loaded.text.trim());
  if (truncated) resolved.logger.warn(`${source}: ${describeTruncation(truncated)}`);
  // Nothing but runs without spaces: as for any source without text, say so rather than summarize nothing.
  if (text === '') throw new NoReadableTextError(source, false);
  const document: Document = {
    ...loaded,
    text,
    wordCount: countWords(text),
    source,
    ...(truncated ? { truncated } : {}),
  };
  if (loaded.timing !== undefined) {
    const shift = loaded.text.length - loaded.text.trimStart().length;
    const timing: TimedOffset[] = [];
    const toBudgeted = offsetMap(removed);
    for (const timed of loaded.timing) {
      const offset = toBudgeted(timed.offset - shift);
      if (offset !== undefined && offset >= 0 && offset < text.length) timing.push({ ...timed, offset });
    }
    if (timing.length > 0) document.timing = timing;
    else delete document.timing;
  }
  return document;
}

/** What the budget did, for the warning: the runs it dropped, then where it cut. */
function describeTruncation(truncated: Truncation): string {
  const parts = [`the text is ${truncated.totalChars} characters`];
  const runs = truncated.droppedRuns;
  if (runs)
    parts.push(
      `dropped ${runs.count} run${runs.count === 1 ? '' : 's'} of more than ${MAX_SENTENCE_CHARS} characters without a space (${runs.chars} characters, not sentences)`,
    );
  parts.push(
    !runs || runs.restCut
      ? `kept the first ${truncated.keptChars}${runs ? ' of the rest' : ''} (the document budget)`
      : `kept the other ${truncated.keptChars}`,
  );
  return parts.join('; ');
}

/** Waits for `work`, or fails with the deadline's error when it passes first. */
function reading<T>(options: ResolvedLoadOptions, work: Promise<T>): Promise<T> {
  return options.deadline ? options.deadline.race(work) : work;
}

function startExtraction(options: ResolvedLoadOptions): () => void {
  options.deadline?.enter('extraction');
  return () => options.deadline?.check();
}

async function loadAny(source: string, options: ResolvedLoadOptions): Promise<Loaded> {
  if (source === '-') return loadStdin(source, options);
  if (/^wiki:/i.test(source)) {
    const page = await reading(options, loadWikipedia(source, options));
    if (!page.text.trim()) throw new NoReadableTextError(source, false);
    return { text: page.text, title: page.title, url: page.url, siteName: 'Wikipedia', kind: 'wikipedia' };
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(source) && !/^[a-z]:[\\/]/i.test(source)) {
    if (!/^https?:/i.test(source)) {
      const scheme = source.slice(0, source.indexOf(':') + 1).toLowerCase();
      throw new InvalidSourceError(
        source,
        `unsupported scheme "${scheme}" (only http and https URLs are fetched)`,
      );
    }
    return loadUrl(source, options);
  }
  return loadFile(source, options);
}

async function loadUrl(source: string, options: ResolvedLoadOptions): Promise<Loaded> {
  const fetched = await reading(options, fetchUrl(source, parseHttpUrl(source, source), options));
  return documentFromBody(source, fetched, options);
}

async function documentFromBody(
  source: string,
  fetched: FetchedBody,
  options: ResolvedLoadOptions,
): Promise<Loaded> {
  const checkpoint = startExtraction(options);
  const mediaType = (fetched.contentType.split(';')[0] ?? '').trim().toLowerCase();
  if (fetched.bytes.byteLength === 0 || !new TextDecoder().decode(fetched.bytes.subarray(0, 4096)).trim())
    throw new EmptyDocumentError(source);
  const isHtml = mediaType === 'text/html' || mediaType === 'application/xhtml+xml';
  const isText = mediaType === 'text/plain';
  const unlabeled = mediaType === '' && !looksBinary(fetched.bytes);
  if (!isHtml && !isText && !unlabeled)
    throw new UnsupportedContentTypeError(source, mediaType || 'binary data');
  const decoded = await decodeSource(fetched.bytes, fetched.contentType, options.logger, source);
  if (isText || (unlabeled && !looksLikeHtml(decoded)))
    return requireText(source, {
      text: normalizePlainText(decoded),
      title: '',
      url: fetched.url,
      kind: 'url',
    });
  return fromArticle(source, extractArticle(decoded, fetched.url, { checkpoint }), decoded, {
    url: fetched.url,
    kind: 'url',
  });
}

async function loadFile(source: string, options: ResolvedLoadOptions): Promise<Loaded> {
  const { bytes, path } = await reading(options, readLocalFile(source, options.cwd, options.maxBytes));
  const checkpoint = startExtraction(options);
  const format = fileFormat(path);
  // The same WHATWG sniffing as over HTTP (BOM, then <meta>), so a UTF-16 file decodes like the same bytes served.
  const raw = await decodeSource(bytes, undefined, options.logger, source);
  if (!raw.trim()) throw new EmptyDocumentError(source);
  if (format === 'html')
    return fromArticle(source, extractArticle(raw, undefined, { checkpoint }), raw, { kind: 'html-file' });
  const title = basename(path).replace(/\.[^.]+$/, '');
  if (format === 'transcribe')
    return requireText(source, { ...transcribeToTimedText(source, raw), title, kind: 'transcript' });
  if (format === 'captions') {
    const { text, timing, droppedLines } = captionsToText(raw);
    if (droppedLines.length > 0) options.logger.warn(droppedCuesWarning(source, droppedLines));
    return requireText(source, { text, timing, title, kind: 'captions' });
  }
  return requireText(source, { text: normalizePlainText(raw), title, kind: 'text-file' });
}

function droppedCuesWarning(source: string, lines: readonly number[]): string {
  const shown = lines.slice(0, 10).join(', ');
  const more = lines.length > 10 ? ` and ${lines.length - 10} more` : '';
  return `${source}: skipped ${lines.length} malformed caption cue${lines.length === 1 ? '' : 's'} (no valid timing line) at line${lines.length === 1 ? '' : 's'} ${shown}${more}`;
}

async function loadStdin(source: string, options: ResolvedLoadOptions): Promise<Loaded> {
  if (!options.readStdin) throw new InvalidSourceError(source, 'reading stdin is not available here');
  const input = await reading(options, options.readStdin(options.maxBytes));
  const bytes = typeof input === 'string' ? Buffer.from(input) : input;
  if (bytes.byteLength > options.maxBytes) throw new SourceTooLargeError(source, 'stdin', options.maxBytes);
  if (looksBinary(bytes)) throw new BinaryFileError(source, 'stdin');
  const checkpoint = startExtraction(options);
  const raw = await decodeSource(bytes, undefined, options.logger, source);
  if (!raw.trim()) throw new EmptyDocumentError(source);
  if (looksLikeHtml(raw))
    return fromArticle(source, extractArticle(raw, undefined, { checkpoint }), raw, { kind: 'stdin' });
  return requireText(source, { text: normalizePlainText(raw), title: '', kind: 'stdin' });
}

function looksLikeHtml(text: string): boolean {
  return (
    /^\s*(<!doctype html|<html|<head|<body|<!--)/i.test(text.slice(0, 1024)) ||
    /<(p|div|article|body)[\s>]/i.test(text.slice(0, 4096))
  );
}

function requireText(source: string, loaded: Loaded): Loaded {
  if (!loaded.text.trim()) throw new NoReadableTextError(source, false);
  return loaded;
}

function fromArticle(
  source: string,
  article: ExtractedArticle,
  html: string,
  where: { url?: string; kind: SourceKind },
): Loaded {
  if (!article.text.trim()) throw new NoReadableTextError(source, /<script[\s>]/i.test(html));
  return { ...article, ...where };
}
