/** Log in, log out, and who a token belongs to. */
import { Router } from 'express';
import type { UseCases } from '../../app/use-cases.js';
import { LoketError } from '../../errors.js';
import { bearer } from '../auth.js';
import { perMinute } from '../rate-limit.js';
import { setPasswordBody } from '../admin-schemas.js';
import { loginBody } from '../schemas.js';

export function authRoutes(app: UseCases, opts: { loginPerMinute: number }): Router {
  const r = Router();
  const limiter = perMinute(opts.loginPerMinute, 'Too many login attempts; wait a minute');

  r.post('/login', limiter, async (req, res) => {
    const { username, password } = loginBody.parse(req.body);
    res.json(await app.sessions.login(username, password));
  });

  /** Uses a set-password link (`POST .../accounts` shows it once). */
  r.post('/set-password', limiter, async (req, res) => {
    const { token, password } = setPasswordBody.parse(req.body);
    await app.accessAdmin.setPassword(token, password);
    res.status(204).end();
  });

  r.post('/logout', async (req, res) => {
    const token = bearer(req);
    if (token) await app.sessions.logout(token);
    res.status(204).end();
  });

  r.get('/me', async (req, res) => {
    const token = bearer(req);
    const user = token ? await app.sessions.resolve(token) : null;
    if (!user) throw new LoketError('UNAUTHENTICATED', 'The token is unknown or expired');
    res.json({ user });
  });
  return r;
}
