/** The connection line of a live staff page, in words (the live controller itself is `@loket/web-common/live`). */
import type { LiveController } from '@loket/web-common/live';
import { t } from './i18n/i18n.js';

export function connectionText(live: Pick<LiveController, 'connected' | 'refusal'>): string {
  if (live.connected) return t('connected');
  if (live.refusal === 'UNAUTHENTICATED') return t('err_UNAUTHENTICATED');
  if (live.refusal === 'FORBIDDEN') return t('err_liveForbidden');
  return t('reconnecting');
}
