import { readFileSync } from 'node:fs';

/**
 * This process's peak resident set size in kB. In a benchmarked child process.resourceUsage().maxRSS is not that:
 * Linux carries the parent's high-water mark across fork and exec (a child of a 400 MB parent reports 400 MB
 * while using 42), so it is read from VmHWM in /proc/self/status, which belongs to the address space exec made.
 * Elsewhere it falls back to maxRSS.
 */
export function peakRssKb() {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]);
  } catch {
    // Not Linux: no /proc.
  }
  return process.resourceUsage().maxRSS;
}
