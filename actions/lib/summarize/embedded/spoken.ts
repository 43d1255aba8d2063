// Spoken text (talks, meetings, captions, transcripts): what a speaker says to run the session is never the gist,
// and the fillers of live speech read badly in a written summary. English-only rules, like the rest of the
// embedded summarizer's wording rules.

// Greetings, introductions, thanks, sign-offs, session housekeeping and talk about the talk itself.
const HOUSEKEEPING: readonly RegExp[] = [
  /^(?:\W*(?:so|okay|ok|alright|all right|well|and|um|uh)\b[,\s]*)*(?:hi|hello|hey|good (?:morning|afternoon|evening))\b/iu,
  /\b(?:welcome (?:back|to|everyone|everybody|all)|thanks? (?:you )?(?:all |so much |very much )?for (?:joining|coming|having|being here|listening|watching|attending|your time)|thank you (?:all|everyone|everybody|so much|very much)\b)/iu,
  /\bmy name is\b|\bi(?:'|’)m your host\b/iu,
  /\b(?:see you (?:next|all|soon|later|then|tomorrow)|(?:good)?bye\b|that(?:'|’)s (?:all|it) (?:for|from) (?:today|now|me)|have a (?:great|good|nice) (?:day|evening|weekend|one))/iu,
  /\blet(?:'|’)s (?:take a (?:quick |short )?break|get (?:started|going)|begin|dive in|jump (?:in|right in)|wrap (?:up|it up)|go ahead)\b/iu,
  /\b(?:can|could) (?:you|everyone|everybody|people)(?: all| at the back| in the back)? (?:see|hear)\b|\b(?:share|sharing) my screen\b|\b(?:does|did) (?:that|this) make sense\b/iu,
  // Breaks: "we'll start again in half an hour", "back in ten minutes".
  /\b(?:back|again) in (?:about )?(?:a few|half an|an|a|\d+|\w+) (?:minutes?|hours?)\b/iu,
  /\b(?:any (?:other |more |last )?questions|questions? (?:so far|before we)|next slide|on (?:this|the next) slide|(?:you(?:'|’)re|are we) (?:on )?mute|is (?:this|it) recording|we(?:'|’)re (?:live|recording)|in the chat)\b/iu,
  /\b(?:what i(?:'|’)m (?:going|gonna) to (?:do|talk about|show)|i (?:want(?:ed)?|would like|(?:'|’)d like) to (?:talk|speak|say a few words) (?:a (?:little|bit) (?:bit )?)?about|in this (?:talk|session|video|presentation|webinar|episode)|today (?:i(?:'|’)m|we(?:'|’)re|we are|i am) (?:going|gonna) to|let me (?:start|begin) (?:by|with)|before we (?:start|begin|get started)|(?:a )?(?:quick|little) (?:bit of )?housekeeping|(?:as a|quick) reminder)\b/iu,
];

/** Whether the sentence is there to run the session (greeting, thanks, housekeeping, talk about the talk). */
export function isHousekeeping(sentence: string): boolean {
  return HOUSEKEEPING.some((pattern) => pattern.test(sentence));
}

// Fillers: "um", "uh" and kin, and "you know" / "I mean" used as a parenthetical (between commas or opening the
// sentence), not "do you know", "I mean it".
const FILLER = /(,?)\s*\b(?:u+m+|u+h+|e+r+m+|hmm+|mhm)\b,?/giu;
const PARENTHETICAL = /(^|,)\s*(?:you know|i mean)(,?)(?=\s|$)/giu;
const LEADING_PARENTHETICAL = /^(?:you know|i mean),?\s+/iu;
// Two of the same word in a row ("the the", "We, we"). "had had" and "that that" are often grammatical.
const DOUBLED = /\b([\p{L}'’]+)(?:[\s,]+\1\b)+/giu;
const KEEP_DOUBLED = new Set(['had', 'that', 'is']);
// A spoken opener that carries nothing once written down: "So, ...", "So the ...", "Okay so ...", "And so ...".
// "And the ..." / "But we ..." tie a line to a sentence the summary may not have, and go too. Not "So far",
// "So many people...", "So that ...", where "so" belongs to what follows.
const DANGLING_OPENER =
  /^(?:(?:so|okay|ok|alright|all right|well|and|now|right|anyway)\s*,\s*|(?:(?:okay|ok|alright|and|but|well|now|right|yeah)[,\s]+)*(?:so|and|but)\b[,\s]+(?!(?:far|much|many|long|few|little|often|too|very|as|called|that)\b)(?=[\p{L}\p{N}]))+/iu;

/** A subject opening a new clause: a parenthetical before it separated two clauses. */
const NEXT_CLAUSE = /^\s*(?:i|we|you|they|he|she|it|there)\b/iu;

/**
 * Between two commas both go ("It was, you know, cheaper"), unless a new clause follows ("for years, you know,
 * you'll find"), where one stays; otherwise the comma before it stays.
 */
function dropParenthetical(
  match: string,
  before: string,
  after: string,
  offset: number,
  text: string,
): string {
  if (before !== ',') return '';
  if (after !== ',') return ',';
  return NEXT_CLAUSE.test(text.slice(offset + match.length)) ? ',' : '';
}

/** The sentence without fillers, doubled words and a dangling opener; the speaker's other words are kept. */
export function cleanSpoken(sentence: string): string {
  let text = sentence.replace(FILLER, '$1');
  // "..., you know, you know, I'd say": one pass removes one of two parentheticals in a row.
  for (let round = 0; round < 3; round++) {
    const stripped = text.replace(PARENTHETICAL, dropParenthetical);
    if (stripped === text) break;
    text = stripped;
  }
  text = text.replace(DOUBLED, (whole, word: string) =>
    KEEP_DOUBLED.has(word.toLowerCase()) ? whole : word,
  );
  text = text
    .replace(/\s+([,.!?;:])/gu, '$1')
    .replace(/,(\s*,)+/gu, ',')
    .replace(/^[\s,;:]+/u, '')
    .replace(/\s{2,}/gu, ' ')
    .trim();
  // An opener can hide a parenthetical behind it ("Okay, so you know, I'd say..."): strip until neither is left.
  for (let round = 0; round < 3; round++) {
    const stripped = text.replace(DANGLING_OPENER, '').replace(LEADING_PARENTHETICAL, '');
    if (stripped === text) break;
    text = stripped;
  }
  return capitalize(text);
}

function capitalize(text: string): string {
  const first = text.charAt(0);
  return first === '' ? text : first.toUpperCase() + text.slice(1);
}

function wordCount(text: string): number {
  return text.split(/\s+/u).filter((word) => word !== '').length;
}

// Features of live speech that edited prose almost never has. News quotes people, so first and second person alone
// is not enough: the fillers and discourse markers must be there too.
const SPEECH_MARKER =
  /\b(?:u+m+|u+h+|okay|ok|gonna|wanna|gotta|yeah|you know|i mean|kind of|sort of|let(?:'|’)s|you guys|right\?|alright|all right)\b/giu;
const PERSONAL = /\b(?:i|you|we|i(?:'|’)m|we(?:'|’)re|you(?:'|’)re|i(?:'|’)ll|we(?:'|’)ll)\b/giu;
/** Per 100 words; on the CNN/DM tuning half no article reaches either (see the commit that set them). */
const MARKERS_PER_100 = 1;
const PERSONAL_PER_100 = 4;
/** Enough text to judge: the first this many characters. */
const SAMPLE_CHARS = 20_000;

/** Whether the text reads as transcribed speech rather than edited prose. */
export function readsAsSpeech(text: string): boolean {
  const sample = text.slice(0, SAMPLE_CHARS);
  const words = wordCount(sample);
  if (words < 40) return false;
  const markers = sample.match(SPEECH_MARKER)?.length ?? 0;
  const personal = sample.match(PERSONAL)?.length ?? 0;
  return (100 * markers) / words >= MARKERS_PER_100 && (100 * personal) / words >= PERSONAL_PER_100;
}
