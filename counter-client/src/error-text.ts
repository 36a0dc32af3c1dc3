/** Turns any failure into a plain sentence from the message table. */
import { ApiError } from './api.js';
import { isMessageKey, t } from './i18n/i18n.js';

export function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'NETWORK') return t('err_network');
    const key = `err_${err.code}`;
    if (isMessageKey(key)) return t(key);
    return t('err_unknown', { code: err.status ? `${err.status} ${err.code}` : err.code });
  }
  return t('err_unknown', { code: err instanceof Error ? err.message : String(err) });
}
