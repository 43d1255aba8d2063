import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captionsToText } from '#lib/ingest/captions';
import { InvalidTranscriptError } from '#lib/ingest/index';
import { transcribeToText } from '#lib/ingest/transcribe';
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
