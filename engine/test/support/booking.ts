/**
 * What the booking tests share: the Monday morning they run at, a kiosk caller, a NIK per
 * number, and a call's outcome as its error code.
 */
import type { Caller } from '../../src/app/caller.js';
import { LoketError } from '../../src/errors.js';

/** Monday 2026-11-23 08:00 in Jakarta. */
export const MORNING = Date.parse('2026-11-23T01:00:00Z');
export const TODAY = '2026-11-23';

export const kiosk = (siteId: string): Caller => ({ username: 'device:kiosk', role: 'kiosk', siteId, agencyIds: [], counterIds: [] });

/** A valid 16-digit NIK, one per number. */
export const nik = (n: number): string => `3171${String(n).padStart(12, '0')}`;

/** A service of the sample site's file, as the tests edit it. */
export type Service = { id: string; booking?: Record<string, unknown>; quotaPerDay?: number };

/** 'OK' when the call succeeds, else its LoketError's code (any other error is thrown). */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (err) {
    if (err instanceof LoketError) return err.code;
    throw err;
  }
}
