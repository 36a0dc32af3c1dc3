/**
 * The one policy for a refused Socket.IO handshake (`connect_error` raised by the
 * server's middleware, `err.data.code`): only a real authentication refusal is final;
 * anything else (`STORE_UNAVAILABLE`, `RATE_LIMITED`, an unknown code) may pass shortly
 * with the same credentials, so it is retried with back-off.
 */
import { HANDSHAKE_REFUSAL, TRANSIENT_REFUSALS, type HandshakeRefusalCode } from '@loket/engine/protocol';

/** Refusals that stop the client: its credentials will not do (log in again). */
export const FINAL_REFUSALS: readonly HandshakeRefusalCode[] = [HANDSHAKE_REFUSAL.unauthenticated, HANDSHAKE_REFUSAL.forbidden];

const KNOWN = new Set<string>(Object.values(HANDSHAKE_REFUSAL));

/** The refusal code carried by a `connect_error`, or null when it carries none we know. */
export function refusalCode(err: unknown): HandshakeRefusalCode | null {
  const code = (err as { data?: { code?: unknown } } | null)?.data?.code;
  return typeof code === 'string' && KNOWN.has(code) ? (code as HandshakeRefusalCode) : null;
}

/** What to do after a refusal: stop (reporting the code) or retry later. */
export type RefusalVerdict = { stop: true; code: HandshakeRefusalCode } | { stop: false; code: HandshakeRefusalCode | null };

export function judgeRefusal(err: unknown): RefusalVerdict {
  const code = refusalCode(err);
  if (code !== null && FINAL_REFUSALS.includes(code)) return { stop: true, code };
  return { stop: false, code };
}

/** Whether the protocol lists `code` as transient (for callers that want to say so). */
export function isTransientRefusal(code: string | null): boolean {
  return code !== null && (TRANSIENT_REFUSALS as readonly string[]).includes(code);
}
