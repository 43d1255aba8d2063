import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { StdoutTarget } from '../../../scripts/cli/stdout';
import { createStdout } from '../../../scripts/cli/stdout';

const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(code), { code });

/** A descriptor that takes `initialRoom` bytes (then EAGAIN once), and a stream that collects what follows. */
function target(initialRoom: number, options: { perWrite?: number } = {}) {
  let room = initialRoom;
  const direct: number[] = [];
  const chunks: Buffer[] = [];
  // A stream that takes its time, as a pipe with a slow reader does: writes past 8 queued bytes say "wait".
  const streamed = new Writable({
    highWaterMark: 8,
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      setImmediate(done);
    },
  });
  let streams = 0;
  let closed = 0;
  const fake: StdoutTarget = {
    writeSync: (bytes) => {
      const n = Math.min(bytes.length, room - direct.length, options.perWrite ?? Infinity);
      if (n === 0) {
        // The reader catches up right after: a write that went straight to the descriptor now would overtake
        // what the stream still holds.
        room = Infinity;
        throw errno('EAGAIN');
      }
      direct.push(...bytes.subarray(0, n));
      return n;
    },
    stream: () => {
      streams++;
      return streamed;
    },
    onClosed: () => {
      closed++;
      throw new Error('closed');
    },
  };
  return {
    fake,
    text: () => Buffer.concat([Buffer.from(direct), ...chunks]).toString(),
    streams: () => streams,
    closed: () => closed,
  };
}

describe('CLI stdout', () => {
  it('writes straight to the descriptor, a partial write continued, without building the stream', () => {
    const t = target(1_000, { perWrite: 3 });
    const stdout = createStdout(t.fake);
    expect(stdout.write('first line\n')).toBe(true);
    expect(stdout.write(new TextEncoder().encode('second ✓\n'))).toBe(true);
    expect(t.text()).toBe('first line\nsecond ✓\n');
    expect(t.streams()).toBe(0);
  });

  it('hands the rest to the stream when the descriptor would block, and keeps the order after that', async () => {
    const t = target(5);
    const stdout = createStdout(t.fake);
    expect(stdout.write('abcdefgh')).toBe(true);
    const queued = stdout.write('ijklmnopqrstuvwxyz');
    expect(queued).toBe(false);
    await stdout.drained();
    expect(t.text()).toBe('abcdefghijklmnopqrstuvwxyz');
    expect(t.streams()).toBe(1);
  });

  it('ends quietly when the reader has gone (EPIPE), and passes other errors on', () => {
    const gone = createStdout({
      ...target(0).fake,
      writeSync: () => {
        throw errno('EPIPE');
      },
      onClosed: () => {
        throw new Error('ended quietly');
      },
    });
    expect(() => gone.write('x')).toThrow('ended quietly');
    const failing = createStdout({
      ...target(0).fake,
      writeSync: () => {
        throw errno('EIO');
      },
    });
    expect(() => failing.write('x')).toThrow('EIO');
  });
});
