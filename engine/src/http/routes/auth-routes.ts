/** Log in, log out, and who a token belongs to. */
import { Router } from 'express';
import type { UseCases } from '../../app/use-cases.js';
import { LoketError } from '../../errors.js';
import { bearer } from '../auth.js';
import type { Limits } from '../rate-limit.js';
import { setPasswordBody } from '../admin-schemas.js';
import { loginBody } from '../schemas.js';

export function authRoutes(app: UseCases, limits: Limits): Router {
  const r = Router();

  r.post('/login', limits.loginGate(), async (req, res) => {
    const { username, password } = loginBody.parse(req.body);
    try {
      res.json(await app.sessions.login(username, password));
    } catch (err) {
      if (err instanceof LoketError && err.code === 'UNAUTHENTICATED') await limits.loginFailed(req);
      throw err;
    }
    await limits.loginSucceeded(req);
  });

  /** Uses a set-password link (`POST .../accounts` shows it once). */
  r.post('/set-password', limits.loginGate(), async (req, res) => {
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
