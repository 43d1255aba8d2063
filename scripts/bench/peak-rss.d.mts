/** This process's peak resident set size in kB (VmHWM on Linux; see peak-rss.mjs). */
export function peakRssKb(): number;
