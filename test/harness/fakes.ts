/** Test doubles shared by the Space tests: a clock that never waits, a logger that remembers, a test token. */
import type { Clock, Logger } from '#lib/log';

/** The Hub rejects tokens without this prefix before sending anything, so emulator tokens keep it. */
export const TEST_HF_TOKEN = 'hf_test_sumops_space';

export interface FakeClock extends Clock {
  /** Every sleep asked for, in ms. */
  readonly sleeps: number[];
}

/** Time moves only when code sleeps; a sleep yields to I/O once so loopback servers still answer. */
export function fakeClock(start = 1_000_000): FakeClock {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep(ms, signal) {
      if (signal?.aborted) return Promise.reject(signal.reason as Error);
      sleeps.push(ms);
      now += ms;
      return new Promise((resolve) => setImmediate(resolve));
    },
  };
}

export interface RecordingLogger extends Logger {
  readonly lines: { level: 'debug' | 'info' | 'warn'; message: string }[];
  text(level?: 'debug' | 'info' | 'warn'): string;
}

export function recordingLogger(): RecordingLogger {
  const lines: RecordingLogger['lines'] = [];
  return {
    lines,
    debug: (message) => lines.push({ level: 'debug', message }),
    info: (message) => lines.push({ level: 'info', message }),
    warn: (message) => lines.push({ level: 'warn', message }),
    text: (level) =>
      lines
        .filter((line) => level === undefined || line.level === level)
        .map((line) => line.message)
        .join('\n'),
  };
}
