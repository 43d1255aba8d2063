import { wordSet } from '#lib/text/words';

// News pages flattened to text leave photo captions glued between sentences with no punctuation at all:
// "...told reporters on Monday. Happy days: The new owner waves to fans The crowd lined the streets..." The sentence
// splitter cannot see those boundaries, so a caption and the sentence after it become one long "sentence" that
// either gets picked whole (dragging caption words into the summary) or ranked down for its length. These rules
// find the places where a new sentence or caption evidently starts mid-"sentence". They are English-only and
// deliberately conservative: a missed boundary costs little, a false one cuts a real sentence in two.

/**
 * Capitalized words that open English sentences but are rare inside one (titles aside, which the next set guards).
 * "A" is left out: "grade A student", "Plan A was" are too common.
 */
const OPENERS = wordSet(
  'The An He She It They We His Her Their Its This These Those However But In After As And Meanwhile ' +
    'Now When While Although Despite During Earlier Later Last Then There Some Many Police Officials',
);

/**
 * Words after which a capitalized opener still belongs to the same sentence, usually because a title or name
 * follows ("told The Times", "a fellow at The Institute", "starring In Bloom").
 */
const CONTINUES_BEFORE = wordSet(
  'a an the and or nor but of to in on at by for from with into onto as than via per about like including ' +
    'such told tells telling reported reports according said says saying called calls named dubbed titled ' +
    'entitled starring attend attended attending visit visited visiting read reads watch watched join joined ' +
    'is was are were be been become became whose its his her their our my your this that these those ' +
    'it him them me us you',
);

/** Words in a caption label that show it is really an attribution ("He said: '...'"). */
const SPEECH_VERBS = wordSet(
  'said says added adds told tells replied wrote writes explained asked warned insisted admitted continued ' +
    'stated declared read reads tweeted posted claimed revealed commented announced',
);

// A lowercase word, digit or closing bracket with no punctuation after it, then a capitalized opener followed by
// a lowercase word: "...on the pitch The striker...", "...for $20 He was...". Optional contractions ("It's").
const GLUED_OPENER =
  /(?<=(?:^|\s)[\p{L}\p{N}$£€'’(-]*[\p{Ll}\p{N})])\s+(?=["'“‘]?(\p{Lu}\p{Ll}*)(?:['’]\p{Ll}{1,2})?\s+\p{Ll})/gu;

// A caption label: one to five words, only the first capitalized (or one all-caps word), ending in a colon and
// followed by a capital or an opening quote: "Happy days: The...", "Lucky escape: A...", "SHOCK: Police...".
const GLUED_LABEL =
  /(?<=(?:^|\s)[\p{L}\p{N}$£€'’(-]*[\p{L}\p{N})])\s+(?=((?:\p{Lu}[\p{Ll}'’-]*(?:\s+[\p{Ll}'’-]+){0,4})|\p{Lu}{2,}):\s+["'“‘]?\p{Lu})/gu;

function previousWord(text: string, end: number): string {
  return (/\S*$/u.exec(text.slice(Math.max(0, end - 40), end))?.[0] ?? '').replace(/^["'“‘(]+/u, '');
}

function isOpenerBoundary(text: string, at: number, opener: string): boolean {
  if (!OPENERS.has(opener)) return false;
  return !CONTINUES_BEFORE.has(previousWord(text, at).toLowerCase());
}

function isLabelBoundary(text: string, at: number, label: string): boolean {
  if (label.split(/\s+/u).some((word) => SPEECH_VERBS.has(word.toLowerCase()))) return false;
  return !CONTINUES_BEFORE.has(previousWord(text, at).toLowerCase());
}

/**
 * Cuts a segmented sentence where an unpunctuated caption or a glued next sentence starts. Returns the pieces in
 * order (the input alone when nothing is found); no text is dropped.
 */
export function splitGluedCaptions(sentence: string): string[] {
  const cuts = new Set<number>();
  for (const match of sentence.matchAll(GLUED_OPENER)) {
    if (isOpenerBoundary(sentence, match.index, match[1] ?? '')) cuts.add(match.index);
  }
  for (const match of sentence.matchAll(GLUED_LABEL)) {
    if (isLabelBoundary(sentence, match.index, match[1] ?? '')) cuts.add(match.index);
  }
  if (cuts.size === 0) return [sentence];
  const pieces: string[] = [];
  let start = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    pieces.push(sentence.slice(start, cut).trim());
    start = cut;
  }
  pieces.push(sentence.slice(start).trim());
  return pieces.filter((piece) => piece !== '');
}
