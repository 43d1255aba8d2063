// WebVTT (https://www.w3.org/TR/webvtt1/) and SubRip captions to prose: cue text joined in order; timestamps, cue
// numbers/identifiers, NOTE/STYLE/REGION blocks and inline tags dropped. A pause of PARAGRAPH_GAP_S or more, or a
// new speaker, starts a new paragraph so the summarizer still sees some structure.

import type { TimedOffset } from './document';

const TIMING = /^\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{3})\s*-->\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{3})/;
const PARAGRAPH_GAP_S = 2;

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  nbsp: ' ',
  quot: '"',
  apos: "'",
  lrm: '',
  rlm: '',
};

function seconds(stamp: string): number {
  const parts = stamp.replace(',', '.').split(':').map(Number);
  return parts.reduce((acc, part) => acc * 60 + part, 0);
}

function cleanCueLine(line: string): { text: string; speaker?: string } {
  const speaker = /<v(?:\.[^\s>]*)?\s+([^>]+)>/.exec(line)?.[1]?.trim();
  const text = line
    .replace(/<[^>]*>/g, '')
    .replace(/&(#\d+|#x[\da-f]+|\w+);/gi, (whole, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X'))
        return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
  return speaker ? { text, speaker } : { text };
}

export function captionsToText(raw: string): string {
  return captionsToTimedText(raw).text;
}

/** The prose of captionsToText plus, for each kept cue line, where its text starts and the cue's start time. */
export function captionsToTimedText(raw: string): { text: string; timing: TimedOffset[] } {
  const blocks = raw
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/);
  const paragraphs: { text: string; start: number }[][] = [];
  let current: { text: string; start: number }[] = [];
  let lastEnd = -Infinity;
  let lastSpeaker: string | undefined;
  let lastLine = '';
  for (const block of blocks) {
    const lines = block.split('\n');
    const timingIndex = lines.findIndex((line) => TIMING.test(line));
    if (timingIndex < 0) continue; // header, NOTE, STYLE, REGION or stray text
    const timing = TIMING.exec(lines[timingIndex] ?? '');
    const start = timing?.[1] ? seconds(timing[1]) : lastEnd;
    const end = timing?.[2] ? seconds(timing[2]) : start;
    for (const line of lines.slice(timingIndex + 1)) {
      const { text, speaker } = cleanCueLine(line);
      if (!text) continue;
      const newSpeaker = speaker !== undefined && speaker !== lastSpeaker;
      if (current.length > 0 && (start - lastEnd >= PARAGRAPH_GAP_S || newSpeaker)) {
        paragraphs.push(current);
        current = [];
      }
      if (speaker !== undefined) lastSpeaker = speaker;
      // Roll-up captions repeat the previous line; keep it once.
      if (text !== lastLine) current.push({ text, start });
      lastLine = text;
      lastEnd = end;
    }
    lastEnd = end;
  }
  if (current.length > 0) paragraphs.push(current);
  const timing: TimedOffset[] = [];
  let text = '';
  for (const lines of paragraphs) {
    if (text !== '') text += '\n\n';
    lines.forEach((line, index) => {
      if (index > 0) text += ' ';
      // Cues out of order (hand-edited files) keep the offsets ascending; the time is then the cue's own.
      timing.push({ offset: text.length, length: line.text.length, start: line.start });
      text += line.text;
    });
  }
  return { text, timing };
}
