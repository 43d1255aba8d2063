import { SumopsError } from '#lib/errors';

/** Any source that could not be turned into a Document; `source` is the string the user gave. */
export class IngestError extends SumopsError {
  constructor(
    readonly source: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class SourceNotFoundError extends IngestError {
  constructor(
    source: string,
    readonly path: string,
  ) {
    super(source, `no such file: ${path} (check the path, or use a URL, wiki:Title or - for stdin)`);
  }
}

export class SourceIsDirectoryError extends IngestError {
  constructor(
    source: string,
    readonly path: string,
  ) {
    super(source, `${path} is a directory, not a file (pass the files inside it one by one)`);
  }
}

export class BinaryFileError extends IngestError {
  constructor(
    source: string,
    readonly path: string,
  ) {
    super(
      source,
      `${path} looks like a binary file; sumops reads .html, .txt, .md, .vtt, .srt and Transcribe .json`,
    );
  }
}

/** A FIFO, device or socket given as a file: reading it could block forever or never end. */
export class NotARegularFileError extends IngestError {
  constructor(
    source: string,
    readonly path: string,
    readonly fileKind: string,
  ) {
    super(source, `${path} is ${fileKind}, not a regular file; only regular files and stdin (-) are read`);
  }
}

/** A local file or stdin over the byte cap; `path` is the file, or "stdin". */
export class SourceTooLargeError extends IngestError {
  constructor(
    source: string,
    readonly path: string,
    readonly maxBytes: number,
  ) {
    super(source, `${path} is larger than the ${maxBytes}-byte limit`);
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
    super(
      source,
      `cannot reach ${url}: ${description} (${code}); check the URL and your connection`,
      options,
    );
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
      phase === 'connect'
        ? `no response from ${url} within ${timeoutMs} ms; the server may be down or slow`
        : `fetching ${url} took longer than ${timeoutMs} ms`,
    );
  }
}

export class RedirectError extends IngestError {
  constructor(
    source: string,
    readonly url: string,
    reason: string,
  ) {
    super(source, `${reason} at ${url}; open the URL in a browser to check it`);
  }
}

export class HttpStatusError extends IngestError {
  constructor(
    source: string,
    readonly url: string,
    readonly status: number,
    statusText: string,
  ) {
    super(
      source,
      `HTTP ${status}${statusText ? ` ${statusText}` : ''} from ${url}; ${status >= 500 || status === 429 ? 'the server failed, try again later' : 'check the URL'}`,
    );
  }
}

export class BodyTooLargeError extends IngestError {
  constructor(
    source: string,
    readonly url: string,
    readonly maxBytes: number,
  ) {
    super(source, `${url} is larger than ${maxBytes} bytes once decompressed`);
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
    super(
      source,
      `refused to fetch ${url}: ${host === address ? address : `${host} resolves to ${address}, which`} is a private, loopback, link-local or metadata address`,
    );
  }
}
