/**
 * How a page finds what it works on when its element's attributes do not say: `?name=`
 * parameters, the site (`?site=` or the first site the engine lists), and values it
 * remembers in localStorage (tokens, the chosen counter).
 */
import { requestJson } from './api.js';

/** `?name=` of this page's address, or null. */
export function urlParam(name: string): string | null {
  return new URLSearchParams(globalThis.location?.search ?? '').get(name);
}

/** The site id: given, `?site=`, or the first site of `GET <apiBase>/api/v1/sites`. */
export async function resolveSiteId(apiBase = '', given = ''): Promise<string> {
  if (given) return given;
  const fromUrl = urlParam('site');
  if (fromUrl) return fromUrl;
  const { sites } = await requestJson<{ sites: { id: string; name: string }[] }>(`${apiBase}/api/v1/sites`, { method: 'GET' });
  const first = sites[0];
  if (!first) throw new Error('the engine lists no site');
  return first.id;
}

/** A remembered value, or null (storage may be blocked). */
export function recalled(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** Remembers a value (empty or null: forgets it); with storage blocked it lasts for this page only. */
export function remember(key: string, value: string | null): void {
  try {
    if (value) globalThis.localStorage?.setItem(key, value);
    else globalThis.localStorage?.removeItem(key);
  } catch {
    /* storage blocked */
  }
}
