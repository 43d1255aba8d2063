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
  /\b(?:can|could) (?:you|everyone|everybody|people) (?:all )?(?:see|hear) (?:my|the) (?:screen|slides?|audio)\b|\bcan (?:you|everyone) hear me\b|\b(?:share|sharing) my screen\b/iu,
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
// Two of the same word in a row ("the the", "We, we"). "had had" and "that that" are often grammatical.
const DOUBLED = /\b([\p{L}'’]+)(?:[\s,]+\1\b)+/giu;
const KEEP_DOUBLED = new Set(['had', 'that', 'is']);
// A spoken opener that carries nothing once written down: "So, ...", "So the ...", "Okay so ...", "And so ...".
const DANGLING_OPENER =
  /^(?:(?:so|okay|ok|alright|all right|well|and|now|right|anyway)\s*,\s*|(?:(?:okay|ok|alright|and|but|well|now|right|yeah)[,\s]+)*so\b[,\s]+(?=(?:i|we|you|they|he|she|it|the|this|that|these|those|there|what|if|when|let(?:'|’)s|in|our|my|your|now|here)\b))+/iu;

/** The sentence without fillers, doubled words and a dangling opener; the speaker's other words are kept. */
export function cleanSpoken(sentence: string): string {
  let text = sentence
    .replace(FILLER, '$1')
    // Between two commas both go ("It was, you know, cheaper"); otherwise the comma before it stays.
    .replace(PARENTHETICAL, (_, before: string, after: string) =>
      before === ',' && after !== ',' ? ',' : '',
    )
    .replace(DOUBLED, (whole, word: string) => (KEEP_DOUBLED.has(word.toLowerCase()) ? whole : word));
  text = text
    .replace(/\s+([,.!?;:])/gu, '$1')
    .replace(/,(\s*,)+/gu, ',')
    .replace(/^[\s,;:]+/u, '')
    .replace(/\s{2,}/gu, ' ')
    .trim();
  text = text.replace(DANGLING_OPENER, '');
  return capitalize(text);
}

function capitalize(text: string): string {
  const first = text.charAt(0);
  return first === '' ? text : first.toUpperCase() + text.slice(1);
}

/** Run-on spoken sentences are split at ", so" and ", and" once they are this long, into pieces at least… */
const RUN_ON_WORDS = 40;
/** …this long, so "rock, and roll" style lists are never cut. */
const MIN_PIECE_WORDS = 8;
const JOINT = /,\s+(?:and\s+so|so|and)\s+(?=\p{L})/giu;

function wordCount(text: string): number {
  return text.split(/\s+/u).filter((word) => word !== '').length;
}

/**
 * Splits a run-on spoken sentence at ", so" / ", and" joints. Returns pieces with their start index in `sentence`
 * (so a piece can still be traced to its time); the input alone when it is short or has no usable joint.
 */
export function splitRunOn(sentence: string): { text: string; at: number }[] {
  if (wordCount(sentence) < RUN_ON_WORDS) return [{ text: sentence, at: 0 }];
  const pieces: { text: string; at: number }[] = [];
  let start = 0;
  for (const match of sentence.matchAll(JOINT)) {
    const before = sentence.slice(start, match.index);
    const after = sentence.slice(match.index + match[0].length);
    if (wordCount(before) < MIN_PIECE_WORDS || wordCount(after) < MIN_PIECE_WORDS) continue;
    pieces.push({ text: `${before.trim().replace(/[,;:]$/u, '')}.`, at: start });
    start = match.index + match[0].length;
  }
  if (pieces.length === 0) return [{ text: sentence, at: 0 }];
  pieces.push({ text: capitalize(sentence.slice(start).trim()), at: start });
  return pieces.map((piece, index) => (index === 0 ? piece : { ...piece, text: capitalize(piece.text) }));
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
