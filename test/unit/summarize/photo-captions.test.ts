import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractSummary } from '#lib/summarize/embedded';
import { stripFurniture } from '#lib/summarize/embedded/boilerplate';
import { splitGluedCaptions } from '#lib/summarize/embedded/photo-captions';

describe('splitGluedCaptions', () => {
  it.each([
    [
      'a caption glued before a sentence',
      'Proud moment: The mayor cuts the ribbon in front of residents The bridge took four years to build.',
      [
        'Proud moment: The mayor cuts the ribbon in front of residents',
        'The bridge took four years to build.',
      ],
    ],
    [
      'a caption label glued after a sentence without punctuation',
      'The mayor cut the ribbon in front of residents Proud moment: The mayor waves to the crowd',
      ['The mayor cut the ribbon in front of residents', 'Proud moment: The mayor waves to the crowd'],
    ],
    [
      'an all-caps label',
      'Water covered the lower fields by dawn FLOODED: Residents of the valley woke to rising water',
      ['Water covered the lower fields by dawn', 'FLOODED: Residents of the valley woke to rising water'],
    ],
    [
      'a sentence glued after an amount',
      'Tickets for the show cost $15 They sold out within an hour.',
      ['Tickets for the show cost $15', 'They sold out within an hour.'],
    ],
    [
      'a sentence glued after a bracketed picture note',
      'The mill stands by the river (pictured) It had been closed for a decade.',
      ['The mill stands by the river (pictured)', 'It had been closed for a decade.'],
    ],
    [
      'a quoted sentence glued after a caption',
      "The coach watches from the touchline 'We were the better side,' he said.",
      ['The coach watches from the touchline', "'We were the better side,' he said."],
    ],
  ])('cuts %s', (_name, text, expected) => {
    expect(splitGluedCaptions(text)).toEqual(expected);
  });

  it.each([
    ['a title after a preposition', 'Her speech was quoted by The local paper on Sunday.'],
    ['a title followed by a capitalized word', 'We watched the film The Godfather again last night.'],
    ['a quote after a reporting verb and its object', 'The teacher told them The exam would be hard.'],
    [
      'an attribution with a colon',
      'Asked about the delay, spokesman Tom Reed said: The trains will run tomorrow.',
    ],
    ['a capital letter used as a grade', 'She was a grade A student at the local school.'],
    ['a capitalized word after punctuation', 'It rained all day, However the match went ahead.'],
    ['a plain sentence', 'The mayor opened the bridge on Monday morning.'],
  ])('keeps %s whole', (_name, text) => {
    expect(splitGluedCaptions(text)).toEqual([text]);
  });

  it('never drops or reorders text', () => {
    const text =
      'Back to work: Weavers return to the mill on Monday The mill reopened Happy days: A weaver smiles';
    expect(splitGluedCaptions(text).join(' ')).toBe(text);
  });
});

describe('stripFurniture datelines', () => {
  it.each([
    ['(CNN) -- The talks ended without a deal.', 'The talks ended without a deal.'],
    ['(CNN)The talks ended without a deal.', 'The talks ended without a deal.'],
    ['GENEVA, Switzerland (Reuters) - The talks ended.', 'The talks ended.'],
    ['Oslo (AP) — Lawmakers voted on Tuesday.', 'Lawmakers voted on Tuesday.'],
    ['(CNN)"We are done," the envoy said.', '"We are done," the envoy said.'],
  ])('strips the dateline from %j', (text, expected) => {
    expect(stripFurniture(text)).toBe(expected);
  });

  it('keeps an agency name that is part of the sentence', () => {
    expect(stripFurniture('The (CNN) report was wrong.')).toBe('The (CNN) report was wrong.');
    expect(stripFurniture('A reporter for CNN asked first.')).toBe('A reporter for CNN asked first.');
  });
});

describe('extractSummary on a page with glued captions', () => {
  const page = readFileSync(new URL('../../fixtures/summarize/mill-captions.txt', import.meta.url), 'utf8');

  it('returns captions and sentences as separate lines, never glued together', () => {
    const summary = extractSummary(page, { sentences: 3 });
    expect(summary).toHaveLength(3);
    for (const line of summary) {
      expect(line.startsWith('Back to work:') && line.includes('The old Riverside mill')).toBe(false);
      expect(line.includes('(pictured) The new owners')).toBe(false);
    }
  });

  it('ranks the opening sentence first even when a caption sits above it', () => {
    // The caption takes the position of the sentence after it instead of pushing that sentence down.
    expect(extractSummary(page, { sentences: 1 })).toEqual([
      'The old Riverside mill reopened on Monday after ten years of silence, bringing sixty jobs back to the valley.',
    ]);
  });

  it('leaves the dateline out of the summary', () => {
    const summary = extractSummary(`(CNN) -- ${page}`, { sentences: 3 });
    expect(summary.join(' ')).not.toContain('(CNN)');
  });
});
