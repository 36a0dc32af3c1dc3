/**
 * How a display page finds its site, token and ids when the element's attributes do not
 * give them: `?site=` or the first site of `GET /api/v1/sites`; `?token=` or a token
 * stored by an earlier login; ids from the path.
 */
import { recalled, remember, urlParam } from '@loket/web-common/page-params';

export { resolveSiteId, urlParam } from '@loket/web-common/page-params';

const tokenKey = (kind: string): string => `loket.token.${kind}`;

/** `?token=` (remembered for next time) or the token stored for this kind of device. */
export function pageToken(kind: 'display' | 'kiosk'): string {
  const fromUrl = urlParam('token');
  if (fromUrl) {
    saveToken(kind, fromUrl);
    return fromUrl;
  }
  return recalled(tokenKey(kind)) ?? '';
}

export function saveToken(kind: 'display' | 'kiosk', token: string): void {
  remember(tokenKey(kind), token);
}

/** Last path segment after `prefix` (`/display/lobby` -> `lobby`), else `?name=`, else the fallback. */
export function pathId(prefix: string, param: string, fallback: string): string {
  const path = globalThis.location?.pathname ?? '';
  const m = new RegExp(`/${prefix}/([^/?#]+)`).exec(path);
  if (m?.[1]) return decodeURIComponent(m[1]);
  return urlParam(param) ?? fallback;
}
