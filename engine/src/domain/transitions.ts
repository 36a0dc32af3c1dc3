/**
 * The legal ticket transitions of design.md. The Lua scripts enforce them atomically;
 * this table documents them and serves as the oracle of the property tests.
 */
import type { TicketState } from '../protocol/index.js';

export const ACTIONS = ['call', 'recall', 'start', 'finish', 'no-show', 'cancel', 'requeue', 'transfer'] as const;
export type Action = (typeof ACTIONS)[number];

export const LEGAL_FROM: Record<Action, readonly TicketState[]> = {
  call: ['waiting'],
  recall: ['called'],
  start: ['called'],
  finish: ['serving'],
  'no-show': ['called'],
  cancel: ['waiting', 'called'],
  requeue: ['called'],
  transfer: ['waiting', 'serving'],
};

export function isLegal(action: Action, from: TicketState): boolean {
  return LEGAL_FROM[action].includes(from);
}
