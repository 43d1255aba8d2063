// Loopback stand-in for the MediaWiki core REST API "Get HTML" endpoint,
// GET /w/rest.php/v1/page/{title}/html (https://www.mediawiki.org/wiki/API:REST_API/Reference#Get_HTML):
// Parsoid HTML (<section data-mw-section-id> wrappers, sup.reference, infobox tables), a 307 to the target title for
// redirects, and 404 with a JSON error body for missing pages. One server serves every language under
// /{lang}/..., so the base URL template is `${url}/{lang}`.
import { createServer } from 'node:http';
import { closeServer, listenOnLoopback } from './http';

export const SOLAR_SAIL_LEAD =
  'Solar sails are a method of spacecraft propulsion using radiation pressure exerted by sunlight on large surfaces.';

const parsoid = (lang: string, title: string, sections: string): string => `<!DOCTYPE html>
<html prefix="dc: http://purl.org/dc/terms/ mw: http://mediawiki.org/rdf/" about="https://${lang}.wikipedia.org/wiki/Special:Redirect/revision/1"><head prefix="mwr: https://${lang}.wikipedia.org/wiki/Special:Redirect/"><meta charset="utf-8"/><meta property="mw:pageId" content="1"/><title>${title}</title><link rel="stylesheet" href="/w/load.php?modules=mediawiki.skinning.content.parsoid"/></head><body id="mwAA" lang="${lang}" class="mw-content-ltr sitedir-ltr ltr mw-body-content parsoid-body mediawiki mw-parser-output" dir="ltr">${sections}</body></html>`;

const pages: Record<string, Record<string, string>> = {
  en: {
    Solar_sail: parsoid(
      'en',
      'Solar sail',
      `<section data-mw-section-id="0" id="mwAQ"><div class="shortdescription nomobile noexcerpt noprint searchaux" style="display:none">Spacecraft propulsion method</div><table class="infobox"><tbody><tr><th>Type</th><td>Propulsion</td></tr></tbody></table><p id="mwAg">${SOLAR_SAIL_LEAD}<sup about="#mwt1" class="mw-ref reference" id="cite_ref-1" typeof="mw:Extension/ref"><a href="./Solar_sail#cite_note-1"><span class="mw-reflink-text">[1]</span></a></sup> A number of spaceflight missions to test solar propulsion and navigation have been proposed since the 1980s.</p></section><section data-mw-section-id="1" id="mwAw"><h2 id="History">History</h2><p id="mwBA">Johannes Kepler observed that comet tails point away from the Sun and suggested that the Sun caused the effect.</p><figure typeof="mw:File/Thumb"><img src="x.png"/><figcaption>An artist's drawing of a sail</figcaption></figure></section><section data-mw-section-id="2" id="mwBQ"><h2 id="References">References</h2><div class="mw-references-wrap"><ol class="references"><li id="cite_note-1">Citation text that must not appear.</li></ol></div></section><section data-mw-section-id="3" id="mwBg"><h2 id="External_links">External links</h2><ul><li><a href="https://example.org">An external link list</a></li></ul></section>`,
    ),
    Empty_page: parsoid('en', 'Empty page', '<section data-mw-section-id="0"></section>'),
  },
  fr: {
    Voile_solaire: parsoid(
      'fr',
      'Voile solaire',
      `<section data-mw-section-id="0"><p>Une voile solaire est un procédé de propulsion qui utilise la pression de radiation de la lumière du Soleil.</p></section><section data-mw-section-id="1"><h2 id="Notes_et_références">Notes et références</h2><ol class="references"><li>Référence à ignorer.</li></ol></section>`,
    ),
  },
};

const redirects: Record<string, Record<string, string>> = { en: { Solar_sails: 'Solar_sail' } };

export interface WikipediaEmulator {
  /** Base URL template for LoadOptions.wikipediaBaseUrl / SUMOPS_WIKIPEDIA_URL. */
  baseUrl: string;
  requests: string[];
  close(): Promise<void>;
}

export async function startWikipediaEmulator(): Promise<WikipediaEmulator> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const match = /^\/([a-z-]+)\/w\/rest\.php\/v1\/page\/([^/]+)\/html$/.exec(req.url ?? '');
    const lang = match?.[1] ?? '';
    const title = decodeURIComponent(match?.[2] ?? '');
    const target = redirects[lang]?.[title];
    if (target) {
      res.writeHead(307, { location: `/${lang}/w/rest.php/v1/page/${encodeURIComponent(target)}/html` });
      res.end();
      return;
    }
    const html = pages[lang]?.[title];
    if (html) {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8; profile="https://www.mediawiki.org/wiki/Specs/HTML/2.8.0"',
      });
      res.end(html);
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        messageTranslations: { en: `The specified page (${title}) cannot be found.` },
        httpCode: 404,
        httpReason: 'Not Found',
      }),
    );
  });
  const url = await listenOnLoopback(server);
  return {
    baseUrl: `${url}/{lang}`,
    requests,
    close: () => closeServer(server),
  };
}
