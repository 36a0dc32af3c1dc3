/**
 * Who is calling a use case, and the scope checks every use case shares: the agencies a
 * caller may act for and the counters a clerk works at.
 */
import { LoketError } from '../errors.js';
import type { Role, SessionUser } from '../protocol/index.js';

/** A logged-in user or device, or the engine itself (timers). */
export type Caller = SessionUser;

const MANAGERS: readonly Role[] = ['admin', 'supervisor'];

export const isManager = (c: Caller): boolean => MANAGERS.includes(c.role);

/** The engine's own jobs (no-show timer, end of day): acts for every agency of a site. */
export function systemCaller(siteId: string): Caller {
  return { username: 'system', role: 'admin', siteId, agencyIds: [], counterIds: [] };
}

/**
 * The agencies whose tickets a caller may act on, for the scripts to check atomically:
 * staff their own; managers every agency of their site (`undefined`).
 */
export function agenciesOf(c: Caller): readonly string[] | undefined {
  return isManager(c) ? undefined : c.agencyIds;
}

/** Staff work only at their own counters. */
export function assertOwnCounter(c: Caller, counterId: string): void {
  if (isManager(c)) return;
  if (!c.counterIds.includes(counterId)) throw new LoketError('FORBIDDEN', 'This is not one of your counters');
}
