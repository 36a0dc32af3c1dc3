/** Keyboard shortcuts of the counter desk (shown on screen by the desk). */
import type { TicketAction } from './desk-actions.js';
import type { MessageKey } from './i18n/i18n.js';

export type DeskCommand = 'callNext' | 'recall' | 'finish' | 'start' | 'transfer' | 'noShow' | 'requeue';

export const SHORTCUTS: { keys: string[]; command: DeskCommand; label: MessageKey }[] = [
  { keys: [' ', 'F1'], command: 'callNext', label: 'shortcutCallNext' },
  { keys: ['F2'], command: 'recall', label: 'shortcutRecall' },
  { keys: ['F3'], command: 'finish', label: 'shortcutFinish' },
  { keys: ['F4'], command: 'start', label: 'shortcutStart' },
  { keys: ['F6'], command: 'noShow', label: 'shortcutNoShow' },
  { keys: ['F7'], command: 'requeue', label: 'shortcutRequeue' },
  { keys: ['F8'], command: 'transfer', label: 'shortcutTransfer' },
];

/** The ticket action of each command that is one. */
export const COMMAND_ACTION: Record<Exclude<DeskCommand, 'callNext' | 'transfer'>, TicketAction> = {
  recall: 'recall',
  start: 'start',
  finish: 'finish',
  noShow: 'no-show',
  requeue: 'requeue',
};

const TYPING = new Set(['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON', 'A', 'SUMMARY']);

/**
 * The command of a key press, or null. Space counts only when the focus is
 * not on a control (there it presses that control, as usual).
 */
export function commandOf(e: KeyboardEvent): DeskCommand | null {
  if (e.altKey || e.ctrlKey || e.metaKey || e.repeat) return null;
  const hit = SHORTCUTS.find((s) => s.keys.includes(e.key));
  if (!hit) return null;
  if (e.key === ' ') {
    const target = e.composedPath()[0];
    if (target instanceof HTMLElement && (TYPING.has(target.tagName) || target.isContentEditable)) return null;
  }
  return hit.command;
}
