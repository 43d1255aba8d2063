// The candidate sentences ("units") of a document: its sentences as segmented, each remembering the raw text it
// came from (to be found again in the document for its time), its paragraph and whether it reads as a heading.
// Speech is cleaned of fillers and its run-ons are cut into clauses before anything is scored.
import { countWords } from '#lib/text/words';
import { stripFurniture } from './boilerplate';
import { splitGluedCaptions } from './photo-captions';
import { splitRunOn } from './run-ons';
import { splitParagraphs, splitSentences } from '../sentences';
import { cleanSpoken } from './spoken';
import { nonSpaceBefore } from './timing';

export interface Unit {
  /** As segmented, before any cleaning: what is searched for in the text. */
  raw: string;
  /** Index of the non-space character of `raw` where this unit starts (a run-on piece starts inside it). */
  skip: number;
  text: string;
  paragraph: number;
  /** Which segmented sentence it came from: the pieces of one run-on share it. */
  sentence: number;
  heading: boolean;
  /** Where it starts in the document text, once located (see locateUnits); undefined when not found. */
  offset?: number | undefined;
}

const MARKDOWN_HEADING = /^#{1,6}\s/u;
export const ENDS_LIKE_A_SENTENCE = /[.!?…。！？]["”’'»)\]]*$/u;
/** A paragraph of one short unpunctuated line reads as a heading. */
const HEADING_MAX_WORDS = 12;

export function buildUnits(text: string, lang: string | undefined, english: boolean): Unit[] {
  const units: Unit[] = [];
  splitParagraphs(text).forEach((paragraph, index) => {
    const pieces = splitSentences(paragraph, lang).flatMap((sentence) =>
      english ? splitGluedCaptions(sentence) : [sentence],
    );
    for (const raw of pieces) {
      const single = pieces.length === 1;
      const heading =
        MARKDOWN_HEADING.test(raw) ||
        (single && !ENDS_LIKE_A_SENTENCE.test(raw) && countWords(raw) <= HEADING_MAX_WORDS);
      units.push({
        raw,
        skip: 0,
        text: stripFurniture(raw),
        paragraph: index,
        sentence: units.length,
        heading,
      });
    }
  });
  return units;
}

/** Speech: no headings, fillers cleaned, run-ons cut into clauses; empty pieces go. */
export function spokenUnits(units: readonly Unit[], english: boolean): Unit[] {
  // Speech has no headings: a short unpunctuated paragraph there is a caption line or an aside.
  const spoken = units.map((unit) => ({ ...unit, heading: false }));
  if (!english) return spoken.filter((unit) => unit.text !== '');
  const out: Unit[] = [];
  for (const unit of spoken) {
    // The unit's own text may start later than its raw sentence (a stripped dateline); count from the raw.
    const lead = Math.max(0, unit.raw.indexOf(unit.text));
    for (const piece of splitRunOn(unit.text)) {
      const text = cleanSpoken(piece.text);
      if (text === '') continue;
      out.push({ ...unit, text, skip: nonSpaceBefore(unit.raw, lead + piece.at) });
    }
  }
  return out;
}
