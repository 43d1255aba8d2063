export { load } from './load';
export { extractArticle } from './extract-article';
export type { LoadOptions } from './options';
export type { Document } from './document';
export * from './errors';
