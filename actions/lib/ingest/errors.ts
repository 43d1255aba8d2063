import { SumopsError } from '#lib/errors';
import type { ErrorAboutSubject } from '#lib/errors';

/**
 * Any source that could not be turned into a Document; `source` is the string the user gave. `relativeMessage`
 * (see ErrorAboutSubject) leaves out the file or URL when that is the source itself: a file's resolved path, or a
 * URL that did not redirect.
 */
export class IngestError extends SumopsError implements ErrorAboutSubject {
  readonly relativeMessage: string;
  constructor(
    readonly source: string,
    message: string,
    options?: { cause?: unknown; relativeMessage?: string },
  ) {
    super(message, options);
    this.relativeMessage = options?.relativeMessage ?? message;
  }

  get subject(): string {
    return this.source;
  }
}

/** The message, and for a printer that names the source first, the same without `url` when it is the source. */
function aboutUrl(
  source: string,
  url: string,
  message: string,
  relative: string,
  options?: { cause?: unknown },
): [string, { cause?: unknown; relativeMessage: string }] {
  return [message, { ...options, relativeMessage: url === source ? relative : message }];
}

export class SourceNotFoundError extends IngestError {
  constructor(
    source: string,
    readonly path: string,
  ) {
    const advice = '(check the path, or use a URL, wiki:Title or - for stdin)';
    super(source, `no such file: ${path} ${advice}`, { relativeMessage: `no such file ${advice}` });
  }
}

export class SourceIsDirectoryError extends IngestError {
  constructor(
    source: string,
    readonly path: string,
  ) {
    const what = 'a directory, not a file (pass the files inside it one by one)';
    super(source, `${path} is ${what}`, { relativeMessage: what });
  }
}

export class BinaryFileError extends IngestError {
  constructor(
    source: string,
    readonly path: string,
  ) {
    const what = 'looks like a binary file; sumops reads .html, .txt, .md, .vtt, .srt and Transcribe .json';
    super(source, `${path} ${what}`, { relativeMessage: path === 'stdin' ? `stdin ${what}` : what });
  }
}

/** A FIFO, device or socket given as a file: reading it could block forever or never end. */
export class NotARegularFileError extends IngestError {
  constructor(
    source: string,
    readonly path: string,
    readonly fileKind: string,
  ) {
    const what = `${fileKind}, not a regular file; only regular files and stdin (-) are read`;
    super(source, `${path} is ${what}`, { relativeMessage: what });
  }
}

/** A local file or stdin over the byte cap; `path` is the file, or "stdin". */
export class SourceTooLargeError extends IngestError {
  constructor(
    source: string,
    readonly path: string,
    readonly maxBytes: number,
  ) {
    const what = `larger than the ${maxBytes}-byte limit`;
    super(source, `${path} is ${what}`, { relativeMessage: path === 'stdin' ? `stdin is ${what}` : what });
  }
}

export class InvalidSourceError extends IngestError {
  constructor(source: string, reason: string) {
    super(source, `${reason}; give an http(s) URL, a file path, wiki:Title or - for stdin`);
  }
}

export class NetworkError extends IngestError {
  constructor(
    source: string,
    readonly url: string,
    readonly code: string,
    description: string,
    options?: { cause?: unknown },
  ) {
    const why = `${description} (${code}); check the URL and your connection`;
    super(source, ...aboutUrl(source, url, `cannot reach ${url}: ${why}`, `cannot connect: ${why}`, options));
  }
}

export class FetchTimeoutError extends IngestError {
  constructor(
    source: string,
    readonly url: string,
    readonly timeoutMs: number,
    readonly phase: 'connect' | 'total',
  ) {
    super(
      source,
      ...(phase === 'connect'
        ? aboutUrl(
            source,
            url,
            `no response from ${url} within ${timeoutMs} ms; the server may be down or slow`,
            `no response within ${timeoutMs} ms; the server may be down or slow`,
          )
        : aboutUrl(
            source,
            url,
            `fetching ${url} took longer than ${timeoutMs} ms`,
            `the download took longer than ${timeoutMs} ms`,
          )),
    );
  }
}

export class RedirectError extends IngestError {
  constructor(
    source: string,
    readonly url: string,
    reason: string,
  ) {
    const advice = 'open the URL in a browser to check it';
    super(source, ...aboutUrl(source, url, `${reason} at ${url}; ${advice}`, `${reason}; ${advice}`));
  }
}

export class HttpStatusError extends IngestError {
  constructor(
    source: string,
    readonly url: string,
    readonly status: number,
    statusText: string,
  ) {
    const answer = `HTTP ${status}${statusText ? ` ${statusText}` : ''}`;
    const advice = status >= 500 || status === 429 ? 'the server failed, try again later' : 'check the URL';
    super(source, ...aboutUrl(source, url, `${answer} from ${url}; ${advice}`, `${answer}; ${advice}`));
  }
}

export class BodyTooLargeError extends IngestError {
  constructor(
    source: string,
    readonly url: string,
    readonly maxBytes: number,
  ) {
    const what = `larger than ${maxBytes} bytes once decompressed`;
    super(source, ...aboutUrl(source, url, `${url} is ${what}`, what));
  }
}

export class UnsupportedContentTypeError extends IngestError {
  constructor(
    source: string,
    readonly contentType: string,
  ) {
    super(
      source,
      `unsupported content type "${contentType}"; sumops reads HTML and plain text (save other formats as text first)`,
    );
  }
}

export class InvalidTranscriptError extends IngestError {
  constructor(source: string, reason: string) {
    super(source, `not an AWS Transcribe result (${reason}); expected results.transcripts[].transcript`);
  }
}

export class EmptyDocumentError extends IngestError {
  constructor(source: string) {
    super(source, 'the page is empty (no content at all)');
  }
}

export class NoReadableTextError extends IngestError {
  constructor(
    source: string,
    readonly needsJavaScript: boolean,
  ) {
    super(
      source,
      needsJavaScript
        ? 'no readable text (the page may need JavaScript); save the rendered page from a browser and pass the file'
        : 'no readable text found in the page',
    );
  }
}

export class WikipediaArticleNotFoundError extends IngestError {
  constructor(
    source: string,
    readonly title: string,
    readonly lang: string,
  ) {
    super(source, `no Wikipedia article "${title}" on ${lang}.wikipedia.org; check the title's spelling`);
  }
}

/** The SSRF guard refused to connect: the URL's host is, or resolves to, a non-public address. */
export class BlockedAddressSourceError extends IngestError {
  constructor(
    source: string,
    readonly url: string,
    readonly host: string,
    readonly address: string,
  ) {
    const kind = 'a private, loopback, link-local or metadata address';
    super(
      source,
      ...aboutUrl(
        source,
        url,
        `refused to fetch ${url}: ${host === address ? address : `${host} resolves to ${address}, which`} is ${kind}`,
        `refused to fetch it: ${host === address ? address : `its host resolves to ${address}, which`} is ${kind}`,
      ),
    );
  }
}
