import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Deadline, DeadlineExceededError } from '#lib/deadline/deadline';
import { extractArticle } from '#lib/ingest/extract-article';
import { countTagOpeners } from '#lib/ingest/html/bounded-walk';
import type { DomDocument } from '#lib/ingest/html/dom';
import { documentDepth, pageElements } from '#lib/ingest/html/page-elements';
import { NotARegularFileError, SourceTooLargeError, load } from '#lib/ingest/index';
import type { LoadOptions } from '#lib/ingest/index';
import { describeJsonSyntaxError } from '#lib/ingest/json-syntax';
import { DOCUMENT_BUDGET_CHARS, fitTextBudget } from '#lib/ingest/text-budget';
import type { Clock, Logger } from '#lib/log';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sumops-bounded-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SENTENCE = 'The committee met on Tuesday to discuss the budget, and members agreed on a plan.';
const never = (): Promise<void> => new Promise<void>(() => {});

function setup(overrides: Partial<LoadOptions> = {}) {
  const warnings: string[] = [];
  const logger: Logger = { debug() {}, info() {}, warn: (m) => warnings.push(m) };
  const clock: Clock = { now: () => Date.now(), sleep: never };
  const options: LoadOptions = { logger, clock, cwd: dir, ...overrides };
  return { options, warnings };
}

describe('load: bytes and file kinds', () => {
  it('refuses a character device without reading it', async () => {
    const error = await load('/dev/zero', setup().options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotARegularFileError);
    expect(error).toMatchObject({ path: '/dev/zero', fileKind: 'a character device' });
  });

  it('refuses a FIFO before opening it (opening one with no writer blocks)', async () => {
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    await expect(load(fifo, setup().options)).rejects.toMatchObject({
      name: 'NotARegularFileError',
      fileKind: 'a FIFO (named pipe)',
    });
  });

  it('refuses a file over maxBytes, naming the limit', async () => {
    writeFileSync(join(dir, 'big.txt'), 'word '.repeat(1000));
    const error = await load('big.txt', setup({ maxBytes: 1000 }).options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceTooLargeError);
    expect(error).toMatchObject({ maxBytes: 1000, message: 'big.txt is larger than the 1000-byte limit' });
  });

  it('asks stdin for at most maxBytes and refuses more', async () => {
    let asked = 0;
    const readStdin = (maxBytes: number): Promise<Buffer> => {
      asked = maxBytes;
      return Promise.resolve(Buffer.alloc(maxBytes + 1, 0x61));
    };
    await expect(load('-', setup({ readStdin, maxBytes: 2048 }).options)).rejects.toThrow(
      'stdin is larger than the 2048-byte limit',
    );
    expect(asked).toBe(2048);
  });

  it('decodes UTF-16 files by their BOM, like HTTP bodies', async () => {
    const utf16be = Buffer.from(`\uFEFF${SENTENCE}`, 'utf16le').swap16();
    writeFileSync(join(dir, 'be.txt'), utf16be);
    writeFileSync(
      join(dir, 'le.md'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SENTENCE, 'utf16le')]),
    );
    expect((await load('be.txt', setup().options)).text).toBe(SENTENCE);
    expect((await load('le.md', setup().options)).text).toBe(SENTENCE);
  });

  it('decodes a local HTML file by its <meta> charset', async () => {
    const html = `<html><head><meta charset="windows-1252"></head><body><article><p>Caf\u00e9 ${SENTENCE} ${SENTENCE} ${SENTENCE}</p></article></body></html>`;
    writeFileSync(join(dir, 'latin.html'), Buffer.from(html, 'latin1'));
    expect((await load('latin.html', setup().options)).text).toContain('Café The committee');
  });

  it('keeps the beginning of text over the document budget and says so', async () => {
    const paragraph = `${SENTENCE}\n\n`;
    writeFileSync(
      join(dir, 'long.txt'),
      paragraph.repeat(Math.ceil((DOCUMENT_BUDGET_CHARS * 1.5) / paragraph.length)),
    );
    const { options, warnings } = setup({ maxBytes: 10 * 1024 * 1024 });
    const document = await load('long.txt', options);
    expect(document.text.length).toBeLessThanOrEqual(DOCUMENT_BUDGET_CHARS);
    expect(document.text.endsWith(SENTENCE)).toBe(true);
    expect(document.truncated?.keptChars).toBe(document.text.length);
    expect(document.truncated?.totalChars).toBeGreaterThan(DOCUMENT_BUDGET_CHARS);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^long\.txt: the text is \d+ characters; kept the first \d+ \(the document budget\)$/,
      ),
    ]);
  });

  it('reports malformed caption cues once, with their lines', async () => {
    writeFileSync(
      join(dir, 'talk.vtt'),
      'WEBVTT\n\nNOTE fine\n\n00:01.000 --> 00:02.000\nKept one.\n\n00:0x.000 --> 00:03.000\nLost.\n\n00:04.000 --> 00:05.000\nKept two.\n',
    );
    const { options, warnings } = setup();
    expect((await load('talk.vtt', options)).text).toBe('Kept one.\n\nKept two.');
    expect(warnings).toEqual(['talk.vtt: skipped 1 malformed caption cue (no valid timing line) at line 8']);
  });
});

describe('fitTextBudget', () => {
  it('cuts at a paragraph break, else a word break', () => {
    expect(fitTextBudget('aaaa bbbb\n\ncccc dddd', 16)).toEqual({
      text: 'aaaa bbbb',
      truncated: { keptChars: 9, totalChars: 20 },
    });
    expect(fitTextBudget('aaaa bbbb cccc dddd', 12).text).toBe('aaaa bbbb');
    expect(fitTextBudget('short', 12)).toEqual({ text: 'short' });
  });
});

describe('describeJsonSyntaxError', () => {
  it.each([
    ['{\n "a": x\n}', 2, 7, "Unexpected token 'x'"],
    ['{\n "a": 1,\n}', 3, 1, 'Expected double-quoted property name'],
    ['{"a":1} x', 1, 9, 'Unexpected non-whitespace character after JSON'],
    ['[1, 2 3]', 1, 7, "Expected ',' or ']' after array element"],
  ])('%j: line %i, column %i, one line', (raw, line, column, reason) => {
    let error: unknown;
    try {
      JSON.parse(raw);
    } catch (caught) {
      error = caught;
    }
    expect(describeJsonSyntaxError(raw, error)).toEqual({ line, column, reason });
  });
});

describe('extractArticle: pathological structure', () => {
  const deep = (levels: number): string =>
    `<html lang="en"><head><title>Deep</title></head><body><nav>Home About</nav>${'<div>'.repeat(levels)}<p>${SENTENCE}</p><script>var x = 1;</script>${'</div>'.repeat(levels)}</body></html>`;
  it.each([1_000, 3_000, 10_000])('a page %i <div>s deep gives its text, without recursion', (levels) => {
    expect(extractArticle(deep(levels))).toEqual({ text: SENTENCE, title: 'Deep', lang: 'en' });
  });

  it('counts `<` up to one past the cap, so a page with few tags needs no tokenizing for the element bound', () => {
    expect(countTagOpeners('<p>a < b</p><br>', 100)).toBe(4);
    expect(countTagOpeners('<i>'.repeat(50), 9)).toBe(10);
    expect(countTagOpeners('no tags', 5)).toBe(0);
  });

  it('measures a parsed page’s depth in one pass, however deep', () => {
    const depthOf = (html: string): number =>
      documentDepth((parseHTML(html) as unknown as { document: DomDocument }).document);
    expect(depthOf('<html><body><div><p>x</p></div><p>y</p></body></html>')).toBe(4);
    expect(depthOf(`<html><body>${'<div>'.repeat(5_000)}x</body></html>`)).toBe(5_002);
  });

  it('lists a parsed page’s elements as querySelectorAll("*") does, in document order, without a selector', () => {
    const html =
      '<!doctype html><html><head><title>t</title></head><body><div id="a"><p>x<b>y</b></p>text<!-- c -->' +
      '<ul><li>1</li><li>2<ul><li>2.1</li></ul></li></ul></div><svg><g><path/></g></svg><p id="z">z</p></body></html>';
    const { document } = parseHTML(html) as unknown as { document: DomDocument };
    const elements = pageElements(document);
    expect(elements.map((element) => element.tagName.toLowerCase())).toEqual(
      'html head title body div p b ul li li ul li svg g path p'.split(' '),
    );
    const selected = Array.from(document.querySelectorAll('*'));
    expect(elements).toHaveLength(selected.length);
    elements.forEach((element, i) => expect(element).toBe(selected[i]));
  });

  it('a page of 200,000 paragraphs gives every paragraph in order', () => {
    const html = `<html><body><article>${Array.from({ length: 200_000 }, (_, i) => `<p>Paragraph ${i}.</p>`).join('')}</article></body></html>`;
    const paragraphs = extractArticle(html).text.split('\n\n');
    expect(paragraphs).toHaveLength(200_000);
    expect(paragraphs[199_999]).toBe('Paragraph 199999.');
  });

  it('stops at a checkpoint that throws (the deadline) instead of running on', () => {
    let calls = 0;
    const checkpoint = (): void => {
      if (++calls === 2) throw new Error('deadline');
    };
    const page = `<html><body><article><p>${SENTENCE.repeat(5)}</p></article></body></html>`;
    expect(() => extractArticle(page, undefined, { checkpoint })).toThrow('deadline');
    expect(calls).toBe(2);
  });
});

describe('Deadline through load', () => {
  it('a read that never finishes fails when the timer fires, naming reading', async () => {
    let fire: () => void = () => {};
    const clock: Clock = {
      now: () => 0,
      sleep: () => new Promise<void>((resolve) => (fire = resolve)),
    };
    const deadline = new Deadline('-', 500, clock);
    const pending = load('-', {
      ...setup({ readStdin: () => new Promise<Buffer>(() => {}) }).options,
      deadline,
    });
    fire();
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlineExceededError);
    expect(error).toMatchObject({ stage: 'reading', deadlineMs: 500, source: '-' });
  });

  it('time that runs out during extraction fails naming extraction', async () => {
    // The clock reads 0 until reading is over and extraction has started (constructor, enter reading, enter
    // extraction), then jumps past the deadline: the first checkpoint inside extraction must stop it.
    let reads = 0;
    const clock: Clock = { now: () => (reads++ < 3 ? 0 : 10_000), sleep: never };
    const deadline = new Deadline('-', 500, clock);
    const readStdin = (): Promise<string> => Promise.resolve(`<html><body><p>${SENTENCE}</p></body></html>`);
    const error = await load('-', { ...setup({ readStdin }).options, deadline }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlineExceededError);
    expect(error).toMatchObject({
      stage: 'extraction',
      message: 'gave up during extraction: the 500 ms deadline for this source passed',
    });
  });
});
