/** Maps the small error codes the Lua scripts reply with to typed LoketErrors. */
import { LoketError } from '../errors.js';
import { ERROR_CODE, type ErrorCode } from '../protocol/index.js';

const MESSAGES: Partial<Record<ErrorCode, string>> = {
  INVALID_TRANSITION: 'This action is not allowed in the ticket’s current state',
  NOT_FOUND: 'Not found',
  FORBIDDEN: 'This ticket belongs to another agency',
  COUNTER_BUSY: 'The counter still holds a called or serving ticket: finish, requeue or mark it no-show first',
  COUNTER_NOT_OPEN: 'The counter is not open',
  QUOTA_EXHAUSTED: 'The daily quota of this service is used up',
  IDEMPOTENCY_KEY_REUSED: 'This Idempotency-Key was used with a different request body',
  CONFLICT: 'Changed meanwhile by someone else: read it again and retry',
  SLOT_FULL: 'This slot is fully booked',
  BOOKING_LIMIT: 'This person already has a booking for this service on that day',
  BOOKING_NOT_CHANGEABLE: 'This booking can no longer be changed: it is checked in, cancelled, no-show, or its check-in window has ended',
};

const CODES = new Set<string>(Object.values(ERROR_CODE));

/** Runs a script call; a known error reply becomes a LoketError, anything else propagates. */
export async function runScript<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    const msg = err instanceof Error ? err.message : '';
    const code = msg.split(/\s/).find((w) => CODES.has(w)) as ErrorCode | undefined;
    if (code) throw new LoketError(code, MESSAGES[code] ?? code);
    throw err;
  }
}
