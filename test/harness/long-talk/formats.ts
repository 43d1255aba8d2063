// The long test talk (a repair-café training day, about 2 h 10 min: 95+ minutes of speech around a 30-minute lunch
// break) written out the three ways sumops reads speech: AWS Transcribe job output (word items with times), WebVTT
// captions (cues of a few words with times) and a plain-text transcript (paragraphs, no times). Generated, never
// committed: scripts/gen-long-talk.ts writes the files, the tests and bench-coverage build them in memory.
import { LECTURE } from './lecture';
import type { SpokenWord, Talk } from './render';
import { renderTalk } from './render';
import { CLOSING, LUNCH_ANNOUNCEMENT, LUNCH_MINUTES, OPENING, WELCOME_BACK, WORKSHOP } from './workshop';

export type { SpokenWord, Talk } from './render';

const SEED = 20_261_204;
const SPEAKER = 'Maren';
/** Caption cues hold up to this many words, and end early at a sentence end or a pause. */
const CUE_WORDS = 11;
const CUE_PAUSE_S = 1.5;

let cached: Talk | undefined;

/** The talk, rendered once per process. */
export function longTalk(): Talk {
  cached ??= renderTalk(
    {
      opening: OPENING,
      before: LECTURE,
      breakAnnouncement: LUNCH_ANNOUNCEMENT,
      breakMinutes: LUNCH_MINUTES,
      welcomeBack: WELCOME_BACK,
      after: WORKSHOP,
      closing: CLOSING,
    },
    SEED,
  );
  return cached;
}

const written = (words: readonly SpokenWord[]): string =>
  words.map((word) => `${word.text}${word.punct}`).join(' ');

/** AWS Transcribe job output: one transcript, and an item per word (with times) and per punctuation mark. */
export function toTranscribeJson(talk: Talk): string {
  const items: unknown[] = [];
  for (const word of talk.words) {
    items.push({
      start_time: word.start.toFixed(2),
      end_time: word.end.toFixed(2),
      alternatives: [{ confidence: '0.97', content: word.text }],
      type: 'pronunciation',
    });
    if (word.punct !== '')
      items.push({ alternatives: [{ confidence: '0.0', content: word.punct }], type: 'punctuation' });
  }
  return JSON.stringify({
    jobName: 'sumops-test-long-talk',
    accountId: '000000000000',
    status: 'COMPLETED',
    results: { transcripts: [{ transcript: written(talk.words) }], items },
  });
}

function stamp(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const two = (value: number): string => String(value).padStart(2, '0');
  return `${two(Math.floor(ms / 3_600_000))}:${two(Math.floor(ms / 60_000) % 60)}:${two(Math.floor(ms / 1000) % 60)}.${String(ms % 1000).padStart(3, '0')}`;
}

/** Cues of consecutive words: each starts at its first word and ends at its last. */
export function captionCues(talk: Talk): { start: number; end: number; words: SpokenWord[] }[] {
  const cues: { start: number; end: number; words: SpokenWord[] }[] = [];
  let current: SpokenWord[] = [];
  const flush = (): void => {
    const first = current[0];
    const last = current[current.length - 1];
    if (first !== undefined && last !== undefined)
      cues.push({ start: first.start, end: last.end, words: current });
    current = [];
  };
  talk.words.forEach((word, index) => {
    current.push(word);
    const following = talk.words[index + 1];
    const sentenceEnd = word.punct === '.' || word.punct === '?';
    const paused = following !== undefined && following.start - word.end >= CUE_PAUSE_S;
    if (current.length >= CUE_WORDS || paused || (sentenceEnd && current.length >= 4)) flush();
  });
  flush();
  return cues;
}

export function toWebVtt(talk: Talk): string {
  const blocks = ['WEBVTT', 'NOTE A repair-café training day, written and generated for the sumops tests.'];
  for (const cue of captionCues(talk))
    blocks.push(`${stamp(cue.start)} --> ${stamp(cue.end)}\n<v ${SPEAKER}>${written(cue.words)}`);
  return `${blocks.join('\n\n')}\n`;
}

/** Paragraphs as a transcription service exports them: punctuated, no times. */
export function toPlainText(talk: Talk): string {
  const paragraphs: SpokenWord[][] = [];
  for (const word of talk.words) {
    if (word.paragraph || paragraphs.length === 0) paragraphs.push([]);
    paragraphs[paragraphs.length - 1]?.push(word);
  }
  return `${paragraphs.map(written).join('\n\n')}\n`;
}
