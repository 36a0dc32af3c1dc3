/** Handshake checks of each namespace: who is connecting, for which site, and from which origin. */
import type { IncomingMessage } from 'node:http';
import type { Engine } from '../engine.js';
import type { Role } from '../protocol/index.js';
import type { LoketSocket } from './types.js';

export const NAMESPACE_ROLES: Record<'/display' | '/counter' | '/supervisor', Role[]> = {
  '/display': ['display', 'kiosk', 'supervisor', 'admin'],
  '/counter': ['staff', 'supervisor', 'admin'],
  '/supervisor': ['supervisor', 'admin'],
};

type Next = (err?: Error) => void;

const refuse = (next: Next, code: string, message: string): void => {
  const err = new Error(message) as Error & { data?: unknown };
  err.data = { code };
  next(err);
};

const tokenOf = (socket: LoketSocket): string => {
  const t = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  return typeof t === 'string' ? t : '';
};

export function staffAuth(engine: Engine, roles: Role[]) {
  return async (socket: LoketSocket, next: Next): Promise<void> => {
    try {
      const user = await engine.sessions.resolve(tokenOf(socket));
      if (!user) return refuse(next, 'UNAUTHENTICATED', 'A valid token is required');
      if (!roles.includes(user.role)) return refuse(next, 'FORBIDDEN', `Role "${user.role}" may not use this namespace`);
      socket.data.siteId = user.siteId;
      socket.data.user = user;
      next();
    } catch {
      refuse(next, 'STORE_UNAVAILABLE', 'Try again shortly');
    }
  };
}

export function publicAuth(engine: Engine) {
  return async (socket: LoketSocket, next: Next): Promise<void> => {
    try {
      const { site, ticket } = await engine.store.findByStatusToken(tokenOf(socket));
      socket.data.siteId = site.id;
      socket.data.ticketId = ticket.id!;
      socket.data.statusToken = tokenOf(socket);
      next();
    } catch {
      refuse(next, 'UNAUTHENTICATED', 'Unknown ticket');
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
