import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanSpoken, isHousekeeping, readsAsSpeech } from '#lib/summarize/embedded/spoken';
import { splitRunOn } from '#lib/summarize/embedded/run-ons';

const fixture = (path: string): string =>
  readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8');

describe('isHousekeeping', () => {
  it.each([
    'Hi everyone, my name is Dana Whitfield, and thanks for joining us tonight.',
    'Good morning and welcome to the quarterly review.',
    'So, um, let’s get started.',
    'Okay, let’s take a break and come back in ten minutes.',
    'Can everyone see my screen?',
    'Any questions so far?',
    'What I’m going to do is walk you through the roadmap.',
    'I wanted to talk a little bit about this next training.',
    'That’s all from me for today.',
    'Thank you so much, and see you next month.',
  ])('flags %j', (sentence) => {
    expect(isHousekeeping(sentence)).toBe(true);
  });

  it.each([
    'Anyone with a library card can borrow a tool for seven days.',
    'The council said the new boat will carry up to 180 passengers.',
    'We wanted a name that people would remember.',
    'Questions about funding dominated the meeting.',
    'The shelter said hello to forty new volunteers this spring.',
  ])('keeps %j', (sentence) => {
    expect(isHousekeeping(sentence)).toBe(false);
  });
});

describe('cleanSpoken', () => {
  it.each([
    ['So, um, the loan is free.', 'The loan is free.'],
    ['We didn’t, uh, but the question stuck.', 'We didn’t, but the question stuck.'],
    ['You know, we worried that tools would disappear.', 'We worried that tools would disappear.'],
    ['The the loan is free, like a book.', 'The loan is free, like a book.'],
    ['We, we also learned a lot.', 'We also learned a lot.'],
    ['Um, blades wear out fastest.', 'Blades wear out fastest.'],
    ['So the city council agreed to fund two more.', 'The city council agreed to fund two more.'],
    ['It was, you know, cheaper than a rental.', 'It was cheaper than a rental.'],
  ])('%j → %j', (spoken, written) => {
    expect(cleanSpoken(spoken)).toBe(written);
  });

  it('keeps meaningful words that look like fillers', () => {
    for (const sentence of [
      'So far we have lost only three tools.',
      'Do you know where the ladder went?',
      'The UN report had had no effect.',
      'Umbrellas and humming birds are not fillers.',
    ]) {
      expect(cleanSpoken(sentence)).toBe(sentence);
    }
  });
});

describe('splitRunOn', () => {
  it('splits a long run-on at ", so" and ", and" joints, keeping where each piece starts', () => {
    const sentence =
      'We opened the first shelf in the basement with donated drills and saws from neighbours, and people ' +
      'started coming in every evening to borrow them for small repairs at home, so we had to hire a part-time ' +
      'coordinator to keep up with all the loans and returns.';
    const pieces = splitRunOn(sentence);
    expect(pieces.map((piece) => piece.text)).toEqual([
      'We opened the first shelf in the basement with donated drills and saws from neighbours.',
      'People started coming in every evening to borrow them for small repairs at home.',
      'We had to hire a part-time coordinator to keep up with all the loans and returns.',
    ]);
    for (const piece of pieces) {
      expect(sentence.slice(piece.at).toLowerCase()).toMatch(
        new RegExp(`^${piece.text.slice(0, 10).toLowerCase()}`),
      );
    }
  });

  it('leaves short sentences and lists alone', () => {
    const short = 'We bought saws, and drills, and ladders.';
    expect(splitRunOn(short)).toEqual([{ text: short, at: 0 }]);
  });
});

describe('readsAsSpeech', () => {
  it('recognizes a talk transcript and not a news story', () => {
    const talk = JSON.parse(fixture('talk/talk-transcribe.json')) as {
      results: { transcripts: { transcript: string }[] };
    };
    expect(readsAsSpeech(talk.results.transcripts[0]?.transcript ?? '')).toBe(true);
    expect(readsAsSpeech(fixture('summarize/harbor-bridge.txt'))).toBe(false);
    expect(readsAsSpeech(fixture('long/allotment-year.md'))).toBe(false);
  });
});
