/**
 * Where a staff page gets its site and token: `?site=` or else the first site of
 * `GET /api/v1/sites`; `?token=` or else the token stored by the login form.
 */
import type { SessionUser } from '@loket/engine/protocol';
import { recalled, remember, urlParam } from '@loket/web-common/page-params';
import { api } from './api.js';

export { resolveSiteId } from '@loket/web-common/page-params';

const TOKEN_KEY = 'loket.staff.token';
const COUNTER_KEY = 'loket.desk.counter';

export function storedToken(): string | null {
  return urlParam('token') ?? recalled(TOKEN_KEY);
}

export function storeToken(token: string | null): void {
  remember(TOKEN_KEY, token);
}

/** Drops `?token=` from the address bar so it is not bookmarked or shared. */
export function forgetUrlToken(): void {
  const url = new URL(location.href);
  if (!url.searchParams.has('token')) return;
  url.searchParams.delete('token');
  history.replaceState(null, '', url);
}

export async function currentUser(token: string): Promise<SessionUser> {
  const { user } = await api<{ user: SessionUser }>('/api/v1/auth/me', { token });
  return user;
}

/** The counter this user worked at last on this device (a desk PC usually stays at one counter). */
export function rememberedCounter(username: string): string | null {
  return recalled(`${COUNTER_KEY}.${username}`);
}

export function rememberCounter(username: string, counterId: string): void {
  remember(`${COUNTER_KEY}.${username}`, counterId);
}
