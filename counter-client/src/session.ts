/**
 * Where a page gets its site and token: `?site=` or else the first site of
 * `GET /api/v1/sites`; `?token=` or else the token stored by the login form.
 */
import type { SessionUser } from '@loket/engine/protocol';
import { api } from './api.js';

const TOKEN_KEY = 'loket.staff.token';

function param(name: string): string | null {
  return new URLSearchParams(location.search).get(name);
}

export async function resolveSiteId(): Promise<string> {
  const fromUrl = param('site');
  if (fromUrl) return fromUrl;
  const { sites } = await api<{ sites: { id: string; name: string }[] }>('/api/v1/sites');
  const first = sites[0];
  if (!first) throw new Error('no site configured');
  return first.id;
}

export function storedToken(): string | null {
  const fromUrl = param('token');
  if (fromUrl) return fromUrl;
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function storeToken(token: string | null): void {
  try {
    if (token) localStorage.setItem(TOKEN_KEY, token);
    else localStorage.removeItem(TOKEN_KEY);
  } catch {
    /* storage blocked: the session lasts for this page only */
  }
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

const COUNTER_KEY = 'loket.desk.counter';

/** The counter this browser worked at last (a desk PC usually stays at one counter). */
export function rememberedCounter(): string | null {
  try {
    return localStorage.getItem(COUNTER_KEY);
  } catch {
    return null;
  }
}

export function rememberCounter(counterId: string): void {
  try {
    localStorage.setItem(COUNTER_KEY, counterId);
  } catch {
    /* storage blocked: the desk starts at the first counter next time */
  }
}
