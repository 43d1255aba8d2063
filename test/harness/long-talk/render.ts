// Renders the written points of the long test talk as live speech, deterministically: clauses strung into
// sentences and run-ons the way people talk (", and", ", so", "and then", comma splices), fillers ("um", "uh",
// "you know"), doubled words and spoken openers ("So,", "Okay, so"), short asides, and word-by-word timing with the
// pauses of a lecture, of hands-on work at a bench (long silences while something is unscrewed) and of questions
// from the room. The same rendering feeds every format (formats.ts), so the formats differ only in how they write it.

export interface TalkSection {
  /** What the section is about. */
  topic: string;
  /** Minutes the section lasts, its pauses included. */
  minutes: number;
  style: 'lecture' | 'hands-on' | 'questions';
  /** Independent clauses, lowercase unless a name or "I" opens them, without final punctuation. */
  points: readonly string[];
}

export interface SpokenWord {
  /** The word as spoken, without the punctuation written after it ("I'm", "Joan"). */
  text: string;
  /** Punctuation a transcriber writes after it: '', ',', '.' or '?'. */
  punct: string;
  start: number;
  end: number;
  /** A paragraph of the plain-text transcript starts here. */
  paragraph: boolean;
}

export interface Talk {
  words: SpokenWord[];
  /** Seconds from 0 to the end of the last word. */
  duration: number;
  /** When each content section (not the housekeeping) starts and ends, in seconds. */
  sections: { topic: string; start: number; end: number }[];
  /** Stretches of silence of a minute or more (the lunch break), [from, to] in seconds. */
  silences: [number, number][];
}

export interface TalkScript {
  opening: readonly string[];
  before: readonly TalkSection[];
  breakAnnouncement: readonly string[];
  breakMinutes: number;
  welcomeBack: readonly string[];
  after: readonly TalkSection[];
  closing: readonly string[];
}

const ASIDES: Record<TalkSection['style'], readonly string[]> = {
  lecture: [
    'Right.',
    'Does that make sense?',
    'Yeah.',
    "I'll come back to that.",
    "That's a really common one.",
  ],
  'hands-on': [
    'Can you all see that at the back?',
    'Hang on, let me just get the right bit.',
    'There we go.',
    'Right.',
    'Okay.',
    'Bear with me a second.',
    'Let me just hold this up so you can see.',
    'Yeah, exactly.',
  ],
  questions: ['Yes, at the back.', 'Good question.', 'Sorry, could you say that again?', 'Yeah.'],
};

// Openers and joints with their weights out of 100; the rest of the time there is none.
const OPENERS: readonly [string, number][] = [
  ['So, ', 15],
  ['Okay, so ', 6],
  ['And ', 6],
  ['Um, ', 7],
  ['So, um, ', 5],
  ['Now, ', 4],
  ['Right, so ', 3],
  ['I mean, ', 3],
  ['You know, ', 3],
];
const JOINTS: readonly [string, number][] = [
  [', and ', 30],
  [', so ', 15],
  [' and ', 13],
  [', ', 12],
  [' and then ', 10],
  [', but ', 10],
  [', and, um, ', 4],
  [', so, uh, ', 3],
  [', you know, ', 3],
];
// How speakers lead into a point ("I think...", "what we found is that..."): live speech is full of first and
// second person, which is part of how sumops tells a plain-text transcript from edited prose.
const HEDGES: readonly [string, number][] = [
  ['I think ', 7],
  ['what we found is that ', 4],
  ["you'll find that ", 4],
  ['I always say ', 3],
  ['I mean, ', 3],
  ["I'd say ", 2],
  ['we learned that ', 3],
  ['honestly, I think ', 2],
];
const PRONOUNS = /^(?:the|we|I|you|they|it|a|this|that|she|he)\b/;

/** Small linear congruential generator: the same talk on every run and machine (as scripts/gen-long-article.ts). */
function generator(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return Math.floor((state / 2147483648) * n);
  };
}

function weighted(next: (n: number) => number, table: readonly [string, number][]): string {
  let roll = next(100);
  for (const [text, weight] of table) {
    if (roll < weight) return text;
    roll -= weight;
  }
  return '';
}

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Points mostly in the order they were written (a section tells its story in order), now and then going back to
 * an earlier one, as a speaker recaps; after the last point the section starts over, as a second explanation.
 */
function pointSource(points: readonly string[], next: (n: number) => number): () => string {
  let at = 0;
  return () => {
    if (at > 2 && next(100) < 20) return points[next(at)] as string;
    const point = points[at % points.length] as string;
    at = (at + 1) % points.length;
    return point;
  };
}

/** One spoken sentence: an aside, or one to six clauses with openers, joints and fillers. */
function compose(style: TalkSection['style'], take: () => string, next: (n: number) => number): string {
  const roll = next(100);
  const asideShare = style === 'hands-on' ? 15 : 5;
  if (roll < asideShare) return ASIDES[style][next(ASIDES[style].length)] as string;
  const clauses = roll < 35 ? 1 : roll < 65 ? 2 : roll < 83 ? 3 : 4 + next(3);
  let sentence = weighted(next, OPENERS);
  for (let c = 0; c < clauses; c++) {
    // Hands-on narration says what the hands are doing ("I unplug it"); it does not hedge.
    let clause = `${style === 'hands-on' ? '' : weighted(next, HEDGES)}${take()}`;
    // A doubled word at a clause start, as a speaker restarts: "the the", "we, we".
    if (next(100) < 6 && PRONOUNS.test(clause)) {
      const first = clause.split(' ')[0] as string;
      clause = `${first}${next(2) === 0 ? ',' : ''} ${clause}`;
    }
    if (next(100) < 8) {
      const words = clause.split(' ');
      const at = 2 + next(Math.max(1, words.length - 3));
      words.splice(at, 0, next(2) === 0 ? 'um,' : 'uh,');
      clause = words.join(' ');
    }
    sentence += c === 0 ? clause : `${weighted(next, JOINTS) || ', and '}${clause}`;
  }
  return `${capitalize(sentence)}.`;
}

interface Clock {
  time: number;
  words: SpokenWord[];
  paragraph: boolean;
}

/** Appends a sentence word by word: about 0.2 s plus 50 ms a letter each, pauses at commas and sentence ends. */
function speak(clock: Clock, sentence: string, next: (n: number) => number): void {
  for (const token of sentence.split(' ')) {
    const match = /^(.*?)([,.?]?)$/.exec(token);
    const text = match?.[1] ?? token;
    const punct = match?.[2] ?? '';
    if (text === '') continue;
    const duration = (0.16 + 0.05 * text.length) * (0.85 + next(31) / 100);
    const start = Math.round(clock.time * 100) / 100;
    const end = Math.round((clock.time + duration) * 100) / 100;
    clock.words.push({ text, punct, start, end, paragraph: clock.paragraph });
    clock.paragraph = false;
    clock.time = end + 0.05 + next(4) / 100;
    if (punct === ',') clock.time += 0.25;
    if (punct === '.' || punct === '?') clock.time += 0.5 + next(40) / 100;
  }
}

function pause(clock: Clock, style: TalkSection['style'], next: (n: number) => number): void {
  // Hands-on work leaves long silences while something is taken apart; questions leave the asker's time.
  if (style === 'hands-on' && next(100) < 35) clock.time += 3 + next(7);
  else if (style === 'questions' && next(100) < 20) clock.time += 4 + next(8);
  else if (next(100) < 10) clock.time += 1 + next(2);
}

function section(
  clock: Clock,
  part: TalkSection,
  next: (n: number) => number,
): { start: number; end: number } {
  const start = clock.time;
  const take = pointSource(part.points, next);
  let sentences = 0;
  let paragraphLength = 6 + next(4);
  clock.paragraph = true;
  while (clock.time - start < part.minutes * 60) {
    if (sentences === paragraphLength) {
      clock.paragraph = true;
      sentences = 0;
      paragraphLength = 6 + next(4);
    }
    speak(clock, compose(part.style, take, next), next);
    pause(clock, part.style, next);
    sentences++;
  }
  clock.time += 1.5;
  return { start, end: clock.time };
}

function lines(clock: Clock, said: readonly string[], next: (n: number) => number): void {
  clock.paragraph = true;
  for (const line of said) speak(clock, line, next);
  clock.time += 1;
}

export function renderTalk(script: TalkScript, seed: number): Talk {
  const next = generator(seed);
  const clock: Clock = { time: 1, words: [], paragraph: true };
  const sections: Talk['sections'] = [];
  lines(clock, script.opening, next);
  for (const part of script.before) sections.push({ topic: part.topic, ...section(clock, part, next) });
  lines(clock, script.breakAnnouncement, next);
  const silenceStart = clock.time;
  clock.time += script.breakMinutes * 60;
  const silences: Talk['silences'] = [[silenceStart, clock.time]];
  lines(clock, script.welcomeBack, next);
  for (const part of script.after) sections.push({ topic: part.topic, ...section(clock, part, next) });
  lines(clock, script.closing, next);
  const last = clock.words[clock.words.length - 1];
  return { words: clock.words, duration: last?.end ?? 0, sections, silences };
}
