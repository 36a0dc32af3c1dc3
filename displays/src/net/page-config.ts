/**
 * How a page finds its site, token and ids when the element's attributes do
 * not give them: `?site=` or the first site of `GET /api/v1/sites`;
 * `?token=` or a token stored by an earlier login; ids from the path.
 */
import { apiRequest } from './api.js';

export function urlParam(name: string): string | null {
  return new URLSearchParams(globalThis.location?.search ?? '').get(name);
}

/** The site id: given, `?site=`, or the first site the engine lists. */
export async function resolveSiteId(apiBase: string, given: string): Promise<string> {
  if (given) return given;
  const fromUrl = urlParam('site');
  if (fromUrl) return fromUrl;
  const { sites } = await apiRequest<{ sites: { id: string; name: string }[] }>(apiBase, 'GET', '/api/v1/sites');
  const first = sites[0];
  if (!first) throw new Error('the engine lists no site');
  return first.id;
}

const tokenKey = (kind: string): string => `loket.token.${kind}`;

/** `?token=` (remembered for next time) or the token stored for this kind of device. */
export function pageToken(kind: 'display' | 'kiosk'): string {
  const fromUrl = urlParam('token');
  if (fromUrl) {
    saveToken(kind, fromUrl);
    return fromUrl;
  }
  try {
    return globalThis.localStorage?.getItem(tokenKey(kind)) ?? '';
  } catch {
    return '';
  }
}

export function saveToken(kind: 'display' | 'kiosk', token: string): void {
  try {
    if (token) globalThis.localStorage?.setItem(tokenKey(kind), token);
    else globalThis.localStorage?.removeItem(tokenKey(kind));
  } catch {
    /* storage blocked: the token lasts for this page only */
  }
}

/** Last path segment after `prefix` (`/display/lobby` -> `lobby`), else `?name=`, else the fallback. */
export function pathId(prefix: string, param: string, fallback: string): string {
  const path = globalThis.location?.pathname ?? '';
  const m = new RegExp(`/${prefix}/([^/?#]+)`).exec(path);
  if (m?.[1]) return decodeURIComponent(m[1]);
  return urlParam(param) ?? fallback;
}
