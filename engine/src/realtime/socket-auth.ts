/** Handshake checks of each namespace: who is connecting, for which site, and from which origin. */
import type { IncomingMessage } from 'node:http';
import type { UseCases } from '../app/use-cases.js';
import { HANDSHAKE_REFUSAL, type HandshakeRefusalCode, type Role } from '../protocol/index.js';
import { LoketError } from '../errors.js';
import { credentialId } from './socket-limits.js';
import type { LoketSocket } from './types.js';

export const NAMESPACE_ROLES: Record<'/display' | '/counter' | '/supervisor', Role[]> = {
  '/display': ['display', 'kiosk', 'supervisor', 'admin'],
  '/counter': ['staff', 'supervisor', 'admin'],
  '/supervisor': ['supervisor', 'admin'],
};

type Next = (err?: Error) => void;

const refuse = (next: Next, code: HandshakeRefusalCode, message: string): void => {
  const err = new Error(message) as Error & { data?: unknown };
  err.data = { code };
  next(err);
};

export const tokenOf = (socket: LoketSocket): string => {
  const t = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  return typeof t === 'string' ? t : '';
};

export function staffAuth(app: UseCases, roles: Role[]) {
  return async (socket: LoketSocket, next: Next): Promise<void> => {
    try {
      const user = await app.sessions.resolve(tokenOf(socket));
      if (!user) return refuse(next, HANDSHAKE_REFUSAL.unauthenticated, 'A valid token is required');
      if (!roles.includes(user.role)) return refuse(next, HANDSHAKE_REFUSAL.forbidden, `Role "${user.role}" may not use this namespace`);
      socket.data.siteId = user.siteId;
      socket.data.user = user;
      socket.data.token = tokenOf(socket);
      socket.data.credential = credentialId(tokenOf(socket));
      next();
    } catch {
      refuse(next, HANDSHAKE_REFUSAL.storeUnavailable, 'Try again shortly');
    }
  };
}

export function publicAuth(app: UseCases) {
  return async (socket: LoketSocket, next: Next): Promise<void> => {
    try {
      const { site, ticketId } = await app.publicStatus.resolve(tokenOf(socket));
      socket.data.siteId = site.id;
      socket.data.ticketId = ticketId;
      socket.data.statusToken = tokenOf(socket);
      socket.data.credential = credentialId(tokenOf(socket));
      next();
    } catch (err) {
      // An unknown ticket is final; a store that does not answer is worth a retry.
      if (err instanceof LoketError && err.code === 'NOT_FOUND') return refuse(next, HANDSHAKE_REFUSAL.unauthenticated, 'Unknown ticket');
      refuse(next, HANDSHAKE_REFUSAL.storeUnavailable, 'Try again shortly');
    }
  };
}

/** Browsers send Origin: it must be this host or one of LOKET_ALLOWED_ORIGINS. Non-browser clients send none. */
export function originAllowed(req: IncomingMessage, allowed: string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  if (allowed.includes('*') || allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
