/** Text of a ticket's priority class and reason, e.g. `Prioritas (lansia)`. */
import type { TicketView } from '@loket/engine/protocol';
import { isMessageKey, t } from '../i18n/i18n.js';

export function priorityLabel(tk: Pick<TicketView, 'priority' | 'priorityReason'>): string {
  const cls = `priority_${tk.priority}`;
  const base = isMessageKey(cls) ? t(cls) : tk.priority;
  const reason = tk.priorityReason ? `reason_${tk.priorityReason}` : '';
  return reason && isMessageKey(reason) ? `${base} (${t(reason)})` : base;
}
