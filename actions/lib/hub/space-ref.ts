import { DEFAULT_HUB_URL } from '#lib/defaults';
import { InvalidValueError } from '#lib/errors';

/** What a Space setting named: a Space id to resolve through the Hub, or an app URL to talk to directly. */
export type SpaceRef = { kind: 'id'; id: string } | { kind: 'url'; url: string };

const SPACE_ID = /^[A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*$/;

export class InvalidSpaceRefError extends InvalidValueError {
  constructor(readonly space: string) {
    super(
      'Space',
      space,
      'expected owner/name or an http(s) URL, e.g. my-org/sumops or http://127.0.0.1:7860',
    );
  }
}

/**
 * Parses `owner/name`, an app URL, or a Space page URL (`https://huggingface.co/spaces/owner/name`, resolved like
 * `owner/name` because that page is not the app).
 */
export function parseSpaceRef(space: string, hubUrl: string): SpaceRef {
  const trimmed = space.trim();
  if (SPACE_ID.test(trimmed)) return { kind: 'id', id: trimmed };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new InvalidSpaceRefError(space);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidSpaceRefError(space);
  const page = /^\/spaces\/([^/]+\/[^/]+?)\/?$/.exec(url.pathname);
  if (
    page?.[1] &&
    (url.origin === new URL(hubUrl).origin || url.hostname === new URL(DEFAULT_HUB_URL).hostname)
  ) {
    return { kind: 'id', id: page[1] };
  }
  return { kind: 'url', url: url.href.replace(/\/$/, '') };
}
