import { DEFAULT_HUB_URL } from '#lib/defaults';
import { describeNetworkError } from '#lib/net/network-error';
import { HubRequestError, HubUnreachableError, SpaceAccessError } from './errors';

export interface HubClientOptions {
  /** Hub API base; DEFAULT_HUB_URL (#lib/defaults) when absent. */
  hubUrl?: string;
  /** `hf_…` token, sent as a Bearer token. */
  token?: string;
  fetch?: typeof fetch;
}

/**
 * Calls `{hubUrl}/api/spaces/{id}{suffix}` and returns its JSON. 401/403/404 become SpaceAccessError, because the
 * Hub answers them alike for a missing Space and a private one.
 */
export async function spaceApi(
  id: string,
  suffix: string,
  options: HubClientOptions,
  init: { method?: 'GET' | 'POST' } = {},
): Promise<unknown> {
  const url = `${(options.hubUrl ?? DEFAULT_HUB_URL).replace(/\/$/, '')}/api/spaces/${id}${suffix}`;
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(url, {
      method: init.method ?? 'GET',
      headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
    });
  } catch (error) {
    throw new HubUnreachableError(url, describeNetworkError(error).reason, { cause: error });
  }
  const text = await response.text();
  if (response.status === 401 || response.status === 403 || response.status === 404) {
    throw new SpaceAccessError(id, response.status, options.token !== undefined);
  }
  if (!response.ok) throw new HubRequestError(url, response.status, hubErrorDetail(text));
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HubRequestError(url, response.status, `answer is not JSON: ${text.slice(0, 80)}`);
  }
}

function hubErrorDetail(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: unknown; message?: unknown };
    if (typeof body.error === 'string') return body.error;
    if (typeof body.message === 'string') return body.message;
  } catch {
    // Proxies answer HTML; a short excerpt is enough to recognise them.
  }
  return text.slice(0, 120);
}
