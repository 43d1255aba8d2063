import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captionsToText } from '#lib/ingest/captions';
import { InvalidTranscriptError } from '#lib/ingest/index';
import { transcribeToText, transcribeToTimedText } from '#lib/ingest/transcribe';
import { normalizePlainText } from '#lib/ingest/plain-text';

const fixture = (name: string): string =>
  readFileSync(join(import.meta.dirname, '../../fixtures/ingest', name), 'utf8');

describe('captionsToText', () => {
  it('joins SRT cues, drops numbers, timestamps and tags, decodes entities, breaks paragraphs at pauses', () => {
    expect(captionsToText(fixture('captions.srt')).text).toBe(
      'Good evening, and welcome to the night market tour.\n\nThe first stall sells noodles & dumplings.',
    );
  });

  it('skips the WebVTT header, NOTE blocks and cue identifiers, and starts a paragraph per new speaker', () => {
    const vtt =
      'WEBVTT\n\nNOTE written by hand\n\ncue-1\n00:01.000 --> 00:02.000\n<v Ana>Hello <b>there</b>.\n\n00:02.000 --> 00:03.000\n<v Ana>Still me.\n\n00:03.000 --> 00:04.000\n<v Bo>Hi Ana.\n';
    expect(captionsToText(vtt).text).toBe('Hello there. Still me.\n\nHi Ana.');
  });

  it('keeps a rolled-up repeated line once', () => {
    const vtt =
      'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nthe tide is out\n\n00:00:02.000 --> 00:00:03.000\nthe tide is out\nand the boats rest\n';
    expect(captionsToText(vtt).text).toBe('the tide is out and the boats rest');
  });
});

describe('transcribeToText', () => {
  it('returns every results.transcripts[].transcript', () => {
    const json = JSON.stringify({
      results: { transcripts: [{ transcript: 'First part.' }, { transcript: ' Second part. ' }], items: [] },
    });
    expect(transcribeToText('t.json', json)).toBe('First part.\n\nSecond part.');
  });

  it('rejects JSON without results.transcripts, naming what was expected', () => {
    expect(() => transcribeToText('bad.json', fixture('transcribe-no-results.json'))).toThrow(
      InvalidTranscriptError,
    );
    expect(() => transcribeToText('bad.json', '{oops')).toThrow(/invalid JSON/);
  });
});

describe('normalizePlainText', () => {
  it('collapses runs of blank lines and trailing spaces', () => {
    expect(normalizePlainText(fixture('notes.md'))).toBe(
      '# Garden notes\n\nTomatoes went in on the fifth.\nWater every second morning.\n\nMulch after the first heat wave.',
    );
  });
});

describe('captionsToText', () => {
  it('says where each cue line sits in the text and when its cue starts', () => {
    const { text, timing } = captionsToText(fixture('captions.srt'));
    expect(text).toBe(captionsToText(fixture('captions.srt')).text);
    expect(timing.map((timed) => text.slice(timed.offset, timed.offset + timed.length))).toEqual([
      'Good evening, and welcome',
      'to the night market tour.',
      'The first stall sells noodles & dumplings.',
    ]);
    expect(timing.map((timed) => timed.start)).toEqual([1, 3.5, 9]);
  });

  it('keeps one time for a rolled-up repeated line, and hours in long files', () => {
    const vtt =
      'WEBVTT\n\n01:02:03.500 --> 01:02:05.000\nthe tide is out\n\n01:02:05.000 --> 01:02:07.000\nthe tide is out\nand the boats rest\n';
    const { text, timing } = captionsToText(vtt);
    expect(text).toBe('the tide is out and the boats rest');
    expect(timing).toEqual([
      { offset: 0, length: 15, start: 3723.5 },
      { offset: 16, length: 18, start: 3725 },
    ]);
  });
});

describe('transcribeToTimedText', () => {
  it('finds each word item in the transcript, skipping punctuation and words the transcript lacks', () => {
    const word = (content: string, start: string) => ({
      type: 'pronunciation',
      start_time: start,
      end_time: start,
      alternatives: [{ content }],
    });
    const json = JSON.stringify({
      results: {
        transcripts: [{ transcript: 'Tools are free. Loans last a week.' }],
        items: [
          word('Tools', '0.5'),
          word('are', '0.9'),
          word('free', '1.1'),
          { type: 'punctuation', alternatives: [{ content: '.' }] },
          word('uh', '1.6'),
          word('Loans', '2.0'),
          word('last', '2.4'),
          word('a', '2.6'),
          word('week', 'not-a-number'),
          word('week', '2.9'),
        ],
      },
    });
    const { text, timing } = transcribeToTimedText('t.json', json);
    expect(text).toBe('Tools are free. Loans last a week.');
    expect(
      timing.map((timed) => [text.slice(timed.offset, timed.offset + timed.length), timed.start]),
    ).toEqual([
      ['Tools', 0.5],
      ['are', 0.9],
      ['free', 1.1],
      ['Loans', 2],
      ['last', 2.4],
      ['a', 2.6],
      ['week', 2.9],
    ]);
  });

  it('has no times when the job output has no items', () => {
    const json = JSON.stringify({ results: { transcripts: [{ transcript: 'Only text.' }] } });
    expect(transcribeToTimedText('t.json', json).timing).toEqual([]);
  });
});
