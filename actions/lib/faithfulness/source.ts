import { lex } from './lexer';
import type { Lexed } from './lexer';

/**
 * A source text prepared for the summaries scored against it. Nothing is done until a summary needs it: a summary
 * sentence found verbatim in the text needs nothing more, and the others are compared with the source in one scan
 * per summary, driven by the summary's words (see source-scan.ts); the text's lowercase form is kept for those scans.
 */
export class PreparedSource {
  private lexedText: Lexed | undefined;

  constructor(readonly text: string) {}

  get lexed(): Lexed {
    this.lexedText ??= lex(this.text);
    return this.lexedText;
  }
}
