import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  FileTooLargeError,
  NotAFileError,
  readFileBytes,
  readTextFile,
  readTextFileIfExists,
} from '#lib/fs/read-text-file';

const dir = mkdtempSync(join(tmpdir(), 'sumops-read-text-'));

describe('readTextFile', () => {
  it('reads a file up to the limit as UTF-8 and refuses one byte more, naming the file and the limit', async () => {
    const path = join(dir, 'text.txt');
    // 2 MiB + 3 bytes with a multi-byte character inside: decoded as UTF-8, exactly at the limit and one byte over.
    const text = `${'a'.repeat(1024 * 1024 - 1)}é${'b'.repeat(1024 * 1024)}`;
    writeFileSync(path, text);
    const bytes = Buffer.byteLength(text);
    await expect(readTextFile(path, bytes)).resolves.toBe(text);
    const refused = readTextFile(path, bytes - 1);
    await expect(refused).rejects.toBeInstanceOf(FileTooLargeError);
    await expect(refused).rejects.toMatchObject({ path, maxBytes: bytes - 1 });
  });

  it('bounds the read itself when the size on record is wrong: /proc files report 0 bytes', async () => {
    const status = await readTextFile('/proc/self/status', 1024 * 1024);
    expect(status).toMatch(/^Name:/);
    expect(Buffer.byteLength(status)).toBeGreaterThan(100);
    await expect(readTextFile('/proc/self/status', 100)).rejects.toBeInstanceOf(FileTooLargeError);
  });

  it('refuses a directory and a device without reading it (/dev/zero never ends)', async () => {
    await expect(readTextFile(dir, 10)).rejects.toBeInstanceOf(NotAFileError);
    await expect(readTextFile('/dev/zero', 10)).rejects.toMatchObject({ path: '/dev/zero' });
    await expect(readTextFile('/dev/zero', 10)).rejects.toBeInstanceOf(NotAFileError);
  });

  it('passes a missing file through as ENOENT, which the IfExists form turns into undefined', async () => {
    const missing = join(dir, 'missing.json');
    await expect(readTextFile(missing, 10)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(readTextFileIfExists(missing, 10)).resolves.toBeUndefined();
    const present = join(dir, 'present.json');
    writeFileSync(present, '{}');
    await expect(readTextFileIfExists(present, 10)).resolves.toBe('{}');
  });
});

describe('readFileBytes', () => {
  it('returns the bytes undecoded, with the same bound', async () => {
    const path = join(dir, 'bytes.bin');
    const bytes = Buffer.from([0x7b, 0xff, 0x00, 0x7d, 0xc3, 0xa9]);
    writeFileSync(path, bytes);
    expect(Buffer.compare(await readFileBytes(path, 6), bytes)).toBe(0);
    await expect(readFileBytes(path, 5)).rejects.toBeInstanceOf(FileTooLargeError);
  });
});
