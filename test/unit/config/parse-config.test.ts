import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  ConfigTooLargeError,
  durationMs,
  MAX_CONFIG_BYTES,
  parseConfig,
} from '#lib/config/index';
import { nearestKey } from '#lib/config/suggest';

const problems = (text: string): string[] => {
  try {
    parseConfig(text, 'c.yml');
  } catch (error) {
    if (error instanceof ConfigError) return error.message.split('\n');
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('parseConfig', () => {
  it('fills defaults for an empty file', () => {
    const config = parseConfig('', 'c.yml');
    expect(config.defaults).toEqual({
      provider: 'embedded',
      sentences: 3,
      labels: ['summary'],
      assignees: [],
      'max-items': 50,
      concurrency: 4,
      'close-when-gone': false,
      'faithfulness-floor': 0.8,
    });
    expect(config['allow-private-network']).toBe(false);
  });

  it('reads URL entries in both forms and feeds with their defaults', () => {
    const config = parseConfig(
      'urls:\n  - https://a.example/\n  - url: https://b.example/\n    sentences: 2\n    labels: [x]\nfeeds:\n  - url: https://c.example/feed\n',
      'c.yml',
    );
    expect(config.urls).toEqual([
      'https://a.example/',
      { url: 'https://b.example/', sentences: 2, labels: ['x'] },
    ]);
    expect(config.feeds).toEqual([{ url: 'https://c.example/feed', 'max-age': '7d', 'max-items': 10 }]);
  });

  it('locates each problem and says what was expected', () => {
    expect(problems('defaults:\n  concurency: 3\n  sentences: 0\nurls:\n  - ftp://x\n')).toEqual([
      'c.yml:2:3: .defaults.concurency: unknown key `concurency` — did you mean `concurrency`?',
      'c.yml:3:14: .defaults.sentences: Too small: expected number to be >=1',
      'c.yml:5:5: .urls[0]: expected an http(s) URL',
    ]);
    expect(problems('feeds:\n  - url: https://x.example/\n    max-age: soon\n')).toEqual([
      'c.yml:3:14: .feeds[0].max-age: expected a duration such as 12h, 7d or 2w',
    ]);
    expect(problems('wat: 1\n')[0]).toMatch(
      /^c\.yml:1:1: \.wat: unknown key `wat`; expected one of defaults, urls, feeds/,
    );
  });

  it('takes a faithfulness floor in [0, 1] and locates one outside it', () => {
    expect(
      parseConfig('defaults:\n  faithfulness-floor: 0.65\n', 'c.yml').defaults['faithfulness-floor'],
    ).toBe(0.65);
    expect(problems('defaults:\n  faithfulness-floor: 1.5\n')).toEqual([
      'c.yml:2:23: .defaults.faithfulness-floor: Too big: expected number to be <=1',
    ]);
    expect(problems('defaults:\n  faithfulness-floor: "high"\n')).toEqual([
      'c.yml:2:23: .defaults.faithfulness-floor: Invalid input: expected number, received string',
    ]);
    expect(problems('defaults:\n  faithfulnes-floor: 0.9\n')[0]).toBe(
      'c.yml:2:3: .defaults.faithfulnes-floor: unknown key `faithfulnes-floor` — did you mean `faithfulness-floor`?',
    );
  });

  it('reports YAML syntax errors, refuses aliases and oversized files', () => {
    expect(problems('urls: [\n')[0]).toMatch(/^c\.yml:\d+:\d+: \.: invalid YAML: /);
    expect(problems('a: &x [1]\nb: *x\n')[0]).toMatch(/aliases are not allowed/);
    expect(() => parseConfig('#'.repeat(MAX_CONFIG_BYTES + 1), 'c.yml')).toThrow(ConfigTooLargeError);
  });
});

describe('nearestKey and durationMs', () => {
  it('suggests only plausible typos', () => {
    expect(nearestKey('lables', ['labels', 'urls'])).toBe('labels');
    expect(nearestKey('colour', ['labels', 'urls'])).toBeUndefined();
  });

  it('converts durations', () => {
    expect(durationMs('90s')).toBe(90_000);
    expect(durationMs('2w')).toBe(14 * 86_400_000);
  });
});
