import type { CliIO } from './io';

// Carriage return, then ECMA-48 "Erase in Line" (CSI 2 K): back to column 0 and the whole line erased, so each
// update overwrites the previous one and clearing leaves nothing behind for the next line of output.
const REWRITE_LINE = '\r\x1b[2K';

export interface ProgressLine {
  /** False when stderr is not a terminal (or the caller disabled it): then show and clear write nothing. */
  readonly active: boolean;
  show(text: string): void;
  clear(): void;
}

/** The one progress line a command keeps on stderr while it works, only when a person is watching a terminal. */
export function progressLine(io: CliIO, enabled = true): ProgressLine {
  const active = enabled && io.stderr.isTTY === true;
  return {
    active,
    show: (text) => {
      if (active) io.stderr.write(`${REWRITE_LINE}${text}`);
    },
    clear: () => {
      if (active) io.stderr.write(REWRITE_LINE);
    },
  };
}
