/**
 * The one message table of the staff clients: Indonesian first, English
 * second. `t()` looks a key up in the current language; `LangController`
 * re-renders its host when the language changes.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Locale as Lang } from '@loket/web-common/locale';
import { en } from './messages-en.js';
import { id, type MessageKey } from './messages-id.js';

export type { MessageKey };
export type { Lang };

const tables: Record<Lang, Record<MessageKey, string>> = { id, en };
const STORAGE_KEY = 'loket.lang';
const listeners = new Set<() => void>();

function initialLang(): Lang {
  try {
    const fromUrl = new URLSearchParams(globalThis.location?.search ?? '').get('lang');
    if (fromUrl === 'en' || fromUrl === 'id') return fromUrl;
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

let current: Lang = initialLang();

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  if (next === current) return;
  current = next;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
  } catch {
    /* storage may be blocked: the choice then lasts for this page only */
  }
  if (globalThis.document) document.documentElement.lang = next;
  for (const fn of listeners) fn();
}

/** Whether a string is a key of the table (for codes coming from the server). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(id, key);
}

/** The text of `key` in the current language, with `{name}` placeholders filled. */
export function t(key: MessageKey, params: Record<string, string | number> = {}, in_: Lang = current): string {
  const text = tables[in_][key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Re-renders the host when the language changes. */
export class LangController implements ReactiveController {
  private readonly _update = (): void => this.host.requestUpdate();
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }
  hostConnected(): void {
    listeners.add(this._update);
  }
  hostDisconnected(): void {
    listeners.delete(this._update);
  }
}
