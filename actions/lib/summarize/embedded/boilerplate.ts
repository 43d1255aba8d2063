// Page furniture that survives article extraction glued into the text ("Scroll down for video" sits between
// paragraphs on many news sites) and never belongs in a summary.
const GLUED_FURNITURE = /\b(?:scroll down for (?:the )?(?:videos?|more)|advertisement)\b[\s:.-]*/giu;
const CALL_TO_ACTION =
  /\b(?:click here|sign up|subscribe to|follow (?:us|\S+) on (?:twitter|facebook|instagram))\b/iu;

/** The sentence without embedded page furniture. */
export function stripFurniture(sentence: string): string {
  return sentence.replace(GLUED_FURNITURE, '').trim();
}

/** Whether the sentence asks the reader to do something on the page (a link or sign-up prompt). */
export function isCallToAction(sentence: string): boolean {
  return CALL_TO_ACTION.test(sentence);
}
