/** Case ids for one line of prose: the first `shown`, then how many more, so a long list stays one short line. */
export function listIds(ids: readonly string[], shown: number): string {
  if (ids.length <= shown) return ids.join(', ');
  return `${ids.slice(0, shown).join(', ')} and ${ids.length - shown} more`;
}
