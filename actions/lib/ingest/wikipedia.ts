import { load } from 'cheerio/slim';
import { decodeSource } from './decode-source';
import { InvalidSourceError, HttpStatusError, WikipediaArticleNotFoundError } from './errors';
import { fetchUrl, parseHttpUrl } from './fetch-url';
import { blockText } from './html/block-text';
import type { ResolvedLoadOptions } from './options';

// MediaWiki core REST API, "Get HTML": GET /w/rest.php/v1/page/{title}/html returns the page's Parsoid HTML, with
// a redirect to the target when the title is a redirect and 404 when there is no such page
// (https://www.mediawiki.org/wiki/API:REST_API/Reference#Get_HTML). We flatten that HTML ourselves.

export interface WikiSource {
  lang: string;
  title: string;
}

/** `wiki:Title` or `wiki:fr:Title`. */
function parseWikiSource(source: string): WikiSource {
  const rest = source.slice('wiki:'.length);
  const match = /^([a-z]{2,3}(?:-[a-z0-9]+)*):(.+)$/i.exec(rest);
  const lang = match?.[1]?.toLowerCase() ?? 'en';
  const title = (match?.[2] ?? rest).trim();
  if (!title)
    throw new InvalidSourceError(
      source,
      'wiki: needs a page title, e.g. wiki:Solar_sail or wiki:fr:Voile_solaire',
    );
  return { lang, title };
}

function wikipediaHtmlUrl(source: string, base: string, { lang, title }: WikiSource): URL {
  const site = base.replaceAll('{lang}', lang).replace(/\/+$/, '');
  const path = encodeURIComponent(title.replace(/ /g, '_'));
  return parseHttpUrl(source, `${site}/w/rest.php/v1/page/${path}/html`);
}

const REMOVE = [
  'style',
  'script',
  'link',
  'meta',
  'sup.reference',
  '.mw-ref',
  'ol.references',
  '.reflist',
  '.mw-references-wrap',
  '.infobox',
  '.navbox',
  '.hatnote',
  '.mw-editsection',
  'figure',
  '.thumb',
  '.gallery',
  'table',
  '.metadata',
  '.noprint',
  '.ambox',
  '.shortdescription',
  '.mw-empty-elt',
].join(',');

/** Back matter that is lists of links and citations, not prose (English and French headings). */
const BACK_MATTER =
  /^(references|notes|notes and references|footnotes|citations|sources|bibliography|further reading|external links|see also|références|notes et références|liens externes|voir aussi|bibliographie|articles connexes)$/i;

export interface WikipediaPage {
  text: string;
  title: string;
  url: string;
}

export async function loadWikipedia(source: string, options: ResolvedLoadOptions): Promise<WikipediaPage> {
  const wiki = parseWikiSource(source);
  const url = wikipediaHtmlUrl(source, options.wikipediaBaseUrl, wiki);
  let fetched;
  try {
    fetched = await fetchUrl(source, url, options);
  } catch (error) {
    if (error instanceof HttpStatusError && error.status === 404)
      throw new WikipediaArticleNotFoundError(source, wiki.title, wiki.lang);
    throw error;
  }
  const $ = load(await decodeSource(fetched.bytes, fetched.contentType, options.logger, source));
  const title = $('title').first().text().trim() || wiki.title.replace(/_/g, ' ');
  $(REMOVE).remove();
  $('section').each((_, section) => {
    const heading = $(section).children('h2, h3, h4').first().text().trim();
    if (BACK_MATTER.test(heading)) $(section).remove();
  });
  return { text: blockText($, $('body').get(0) ?? $.root().get(0)), title, url: fetched.url };
}
