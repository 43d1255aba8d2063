import type { Document, SourceKind } from './document';
import { decodeBytes } from './decode';
import {
  BinaryFileError,
  EmptyDocumentError,
  InvalidSourceError,
  NoReadableTextError,
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
import { countWords, looksBinary, normalizePlainText } from './plain-text';
import { transcribeToText } from './transcribe';
import { loadWikipedia } from './wikipedia';
import { basename } from 'node:path';

type Loaded = Omit<Document, 'wordCount' | 'source'>;

/**
 * Turns what the user gave (http(s) URL, file path, `wiki:Title`, `wiki:fr:Title` or `-` for stdin) into clean
 * text plus metadata. Every failure is an IngestError whose one-line message names the cause.
 */
export async function load(source: string, options: LoadOptions): Promise<Document> {
  const resolved = resolveLoadOptions(options);
  const loaded = await loadAny(source, resolved);
  const text = loaded.text.trim();
  return { ...loaded, text, wordCount: countWords(text), source };
}

async function loadAny(source: string, options: ResolvedLoadOptions): Promise<Loaded> {
  if (source === '-') return loadStdin(source, options);
  if (/^wiki:/i.test(source)) {
    const page = await loadWikipedia(source, options);
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
  return documentFromBody(source, await fetchUrl(source, parseHttpUrl(source, source), options), options);
}

/**
 * A fetched URL's body as a Document, the second half of loading a URL; callers that pace their requests (the
 * digest) fetch with fetchUrl inside their rate limit and extract outside it.
 */
export function loadFetched(source: string, fetched: FetchedBody, options: LoadOptions): Document {
  const loaded = documentFromBody(source, fetched, resolveLoadOptions(options));
  const text = loaded.text.trim();
  return { ...loaded, text, wordCount: countWords(text), source };
}

function documentFromBody(source: string, fetched: FetchedBody, options: ResolvedLoadOptions): Loaded {
  const mediaType = (fetched.contentType.split(';')[0] ?? '').trim().toLowerCase();
  if (fetched.bytes.byteLength === 0 || !new TextDecoder().decode(fetched.bytes.subarray(0, 4096)).trim())
    throw new EmptyDocumentError(source);
  const isHtml = mediaType === 'text/html' || mediaType === 'application/xhtml+xml';
  const isText = mediaType === 'text/plain';
  const unlabeled = mediaType === '' && !looksBinary(fetched.bytes);
  if (!isHtml && !isText && !unlabeled)
    throw new UnsupportedContentTypeError(source, mediaType || 'binary data');
  const decoded = decodeBytes(fetched.bytes, fetched.contentType, options.logger, source);
  if (isText || (unlabeled && !looksLikeHtml(decoded)))
    return requireText(source, {
      text: normalizePlainText(decoded),
      title: '',
      url: fetched.url,
      kind: 'url',
    });
  return fromArticle(source, extractArticle(decoded, fetched.url), decoded, {
    url: fetched.url,
    kind: 'url',
  });
}

async function loadFile(source: string, options: ResolvedLoadOptions): Promise<Loaded> {
  const { bytes, path } = await readLocalFile(source, options.cwd);
  const format = fileFormat(path);
  if (format === 'html') {
    const html = decodeBytes(bytes, undefined, options.logger, source);
    if (!html.trim()) throw new EmptyDocumentError(source);
    return fromArticle(source, extractArticle(html), html, { kind: 'html-file' });
  }
  const raw = new TextDecoder().decode(bytes);
  if (!raw.trim()) throw new EmptyDocumentError(source);
  const title = basename(path).replace(/\.[^.]+$/, '');
  if (format === 'transcribe')
    return requireText(source, { text: transcribeToText(source, raw), title, kind: 'transcript' });
  if (format === 'captions')
    return requireText(source, { text: captionsToText(raw), title, kind: 'captions' });
  return requireText(source, { text: normalizePlainText(raw), title, kind: 'text-file' });
}

async function loadStdin(source: string, options: ResolvedLoadOptions): Promise<Loaded> {
  if (!options.readStdin) throw new InvalidSourceError(source, 'reading stdin is not available here');
  const input = await options.readStdin();
  const bytes = typeof input === 'string' ? Buffer.from(input) : input;
  if (looksBinary(bytes)) throw new BinaryFileError(source, 'stdin');
  const raw = decodeBytes(bytes, undefined, options.logger, source);
  if (!raw.trim()) throw new EmptyDocumentError(source);
  if (looksLikeHtml(raw)) return fromArticle(source, extractArticle(raw), raw, { kind: 'stdin' });
  return requireText(source, { text: normalizePlainText(raw), title: '', kind: 'stdin' });
}

function looksLikeHtml(text: string): boolean {
  return (
    /^\s*(<!doctype html|<html|<head|<body|<!--)/i.test(text) ||
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
