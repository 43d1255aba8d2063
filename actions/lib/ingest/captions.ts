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

/** Blocks that carry no cue on purpose: the WebVTT header and its NOTE, STYLE and REGION blocks. */
const NON_CUE_BLOCK = /^(WEBVTT|NOTE|STYLE|REGION)(\s|$)/;

export interface CaptionText {
  text: string;
  /** Where each kept cue line's text starts in `text`, and the cue's start time. */
  timing: TimedOffset[];
  /** 1-based line numbers where a block that is not a header or comment had no valid timing line. */
  droppedLines: number[];
}

/** One block per run of non-blank lines, with the line number it starts on. */
function blocksOf(raw: string): { start: number; lines: string[] }[] {
  const blocks: { start: number; lines: string[] }[] = [];
  let current: { start: number; lines: string[] } | undefined;
  raw
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .forEach((line, index) => {
      if (line.trim() === '') {
        current = undefined;
        return;
      }
      if (!current) blocks.push((current = { start: index + 1, lines: [] }));
      current.lines.push(line);
    });
  return blocks;
}

/**
 * Cue text as paragraphs, with each cue line's start time. A block that looks like a cue but has no valid timing
 * line (a broken timestamp) is dropped and its line reported, so the caller can say what was lost instead of
 * losing it silently.
 */
export function captionsToText(raw: string): CaptionText {
  const paragraphs: { text: string; start: number }[][] = [];
  const droppedLines: number[] = [];
  let current: { text: string; start: number }[] = [];
  let lastEnd = -Infinity;
  let lastSpeaker: string | undefined;
  let lastLine = '';
  for (const { start: blockStart, lines } of blocksOf(raw)) {
    const timingIndex = lines.findIndex((line) => TIMING.test(line));
    if (timingIndex < 0) {
      if (!NON_CUE_BLOCK.test(lines[0] ?? '')) droppedLines.push(blockStart);
      continue;
    }
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
  return { text, timing, droppedLines };
}
