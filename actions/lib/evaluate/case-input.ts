import type { Document } from '#lib/ingest/document';
import { MissingDocumentLoaderError } from './errors';
import type { EvalCase } from './types';

/** Loads a `file` or `url` case into a Document (the CLI and the actions pass ingest's `load`). */
export type DocumentLoader = (source: string) => Promise<Document>;

/** A case's source text: the inline text, or the document its file or URL holds. */
export async function loadCaseInput(
  evalCase: EvalCase,
  loadDocument: DocumentLoader | undefined,
): Promise<string> {
  const input = evalCase.input;
  if (input.kind === 'text') return input.text;
  const source = input.kind === 'file' ? input.path : input.url;
  if (!loadDocument) throw new MissingDocumentLoaderError(evalCase.id, source);
  return (await loadDocument(source)).text;
}
