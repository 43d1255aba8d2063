// Page furniture that survives article extraction glued into the text ("Scroll down for video" sits between
// paragraphs on many news sites) and never belongs in a summary.
const GLUED_FURNITURE = /\b(?:scroll down for (?:the )?(?:videos?|more)|advertisement)\b[\s:.-]*/giu;
const CALL_TO_ACTION =
  /\b(?:click here|sign up|subscribe to|follow (?:us|\S+) on (?:twitter|facebook|instagram))\b/iu;

// A wire-service dateline opening a story: "(CNN)", "LONDON, England (CNN) --", "Paris (Reuters) -", "(AP) —".
// It names the agency and place of filing, not the news, and summaries never repeat it. The story itself follows
// after a dash or starts with a capital, which keeps "The (CNN) report was..." intact.
const DATELINE =
  /^(?:[\p{Lu}][\p{L}.'’-]*(?:[ ,]+[\p{Lu}][\p{L}.'’-]*){0,4}\s*)?\((?:CNN|AP|AFP|Reuters|UPI|dpa|Xinhua|EFE|ANSA)\)\s*(?:[-–—]+\s*|(?=["'“‘]?\p{Lu}))/u;

/** The sentence without embedded page furniture or an opening wire-service dateline. */
export function stripFurniture(sentence: string): string {
  return sentence.replace(GLUED_FURNITURE, '').replace(DATELINE, '').trim();
}

/** Whether the sentence asks the reader to do something on the page (a link or sign-up prompt). */
export function isCallToAction(sentence: string): boolean {
  return CALL_TO_ACTION.test(sentence);
}
