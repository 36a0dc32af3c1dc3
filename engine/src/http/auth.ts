/** Who is calling: bearer token -> SessionUser; role, site and agency checks. */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { UseCases } from '../app/use-cases.js';
import { LoketError } from '../errors.js';
import type { Role, SessionUser } from '../protocol/index.js';

export function bearer(req: Request): string | null {
  const h = req.headers.authorization;
  if (!h || !h.startsWith('Bearer ')) return null;
  return h.slice(7).trim() || null;
}

export function userOf(res: Response): SessionUser {
  const u = res.locals.user as SessionUser | undefined;
  if (!u) throw new LoketError('UNAUTHENTICATED', 'Log in first');
  return u;
}

/** Requires a valid token of one of `roles` for the `:site` of the route. */
export function authorize(app: UseCases, ...roles: Role[]): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = bearer(req);
    if (!token) return next(new LoketError('UNAUTHENTICATED', 'A bearer token is required'));
    const user = await app.sessions.resolve(token);
    if (!user) return next(new LoketError('UNAUTHENTICATED', 'The token is unknown or expired'));
    if (!roles.includes(user.role)) return next(new LoketError('FORBIDDEN', `Role "${user.role}" may not do this`));
    const site = req.params.site;
    if (typeof site === 'string' && site !== user.siteId) return next(new LoketError('FORBIDDEN', 'This account belongs to another site'));
    res.locals.user = user;
    next();
  };
}
