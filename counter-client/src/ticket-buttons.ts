/** The buttons a desk shows for its current ticket; whether each is legal comes from the protocol's one action table. */
import { canAct, type TicketState } from '@loket/engine/protocol';
import type { TicketAction } from './desk-actions.js';
import type { MessageKey } from './i18n/i18n.js';

/** The desk's buttons for its current ticket, in screen order. Which are legal comes from the protocol's `TICKET_ACTIONS`. */
export const TICKET_BUTTONS: { action: TicketAction; label: MessageKey }[] = [
  { action: 'recall', label: 'recall' },
  { action: 'start', label: 'start' },
  { action: 'finish', label: 'finish' },
  { action: 'no-show', label: 'noShow' },
  { action: 'requeue', label: 'requeue' },
];

/** The desk's actions legal for a ticket in `state` (none without a ticket). */
export function legalActions(state: TicketState | undefined): TicketAction[] {
  return state ? TICKET_BUTTONS.filter((a) => canAct(a.action, state)).map((a) => a.action) : [];
}
