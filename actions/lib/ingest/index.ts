export { load } from './load';
export { extractArticle } from './extract-article';
export type { ExtractedArticle } from './extract-article';
export type { LoadOptions } from './options';
export { DEFAULT_USER_AGENT } from './options';
export type { Document, SourceKind } from './document';
export * from './errors';
