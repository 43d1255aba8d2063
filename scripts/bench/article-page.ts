// A deterministic article page (original generated prose inside typical site chrome), for the CLI benchmark and
// examples/long-article.html (scripts/gen-long-article.ts).
const subjects = [
  'The river authority',
  'A team of hydrologists',
  'The regional council',
  'Local farmers',
  'The survey crew',
  'Volunteers from the valley',
];
const verbs = ['measured', 'mapped', 'questioned', 'documented', 'compared', 'reviewed'];
const objects = [
  'the spring flood levels',
  'the sediment along the lower banks',
  'the age of the old levees',
  'the water drawn for irrigation',
  'the growth of reed beds',
  'the fish counts at the weir',
];
const endings = [
  'over the last decade.',
  'before the dry season began.',
  'with instruments borrowed from the university.',
  'and published the numbers openly.',
  'despite a string of storms.',
  'to plan the next five years of work.',
];

/**
 * The page with sections of `paragraphsPerSection` paragraphs added until they hold at least `bodyChars` characters
 * of markup; the same bytes on every run and machine (a small linear congruential generator picks the words).
 */
export function articlePage(bodyChars: number, paragraphsPerSection = 5): string {
  let seed = 20260314;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const pick = (list: string[]): string => list[next(list.length)] as string;

  const sections: string[] = [];
  let size = 0;
  for (let section = 1; size < bodyChars; section++) {
    const paragraphs: string[] = [];
    for (let p = 0; p < paragraphsPerSection; p++) {
      const sentences = Array.from(
        { length: 5 },
        () => `${pick(subjects)} ${pick(verbs)} ${pick(objects)} ${pick(endings)}`,
      );
      paragraphs.push(`    <p>${sentences.join(' ')}</p>`);
    }
    const html = `    <h2>Part ${section}: notes from the valley</h2>\n${paragraphs.join('\n')}`;
    sections.push(html);
    size += html.length;
  }

  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>A Decade on the River: The Long Report | Valley Courier</title>
<meta property="og:site_name" content="Valley Courier"></head>
<body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/environment">Environment</a> <a href="/contact">Contact</a></nav></header>
<div class="breadcrumb"><a href="/">Home</a> › <a href="/environment">Environment</a></div>
<article>
  <h1>A Decade on the River: The Long Report</h1>
  <div class="share-buttons"><a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">Email</a></div>
  <div class="article-body">
${sections.join('\n')}
  </div>
</article>
<footer><p>© 2026 Valley Courier</p></footer>
</body>
</html>
`;
}
