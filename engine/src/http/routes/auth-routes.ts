import { Router } from 'express';
import { perMinute } from '../rate-limit.js';
import type { Engine } from '../../engine.js';
import { LoketError } from '../../errors.js';
import { bearer } from '../auth.js';
import { loginBody } from '../schemas.js';

export function authRoutes(engine: Engine, opts: { loginPerMinute: number }): Router {
  const r = Router();
  const limiter = perMinute(opts.loginPerMinute, 'Too many login attempts; wait a minute');

  r.post('/login', limiter, async (req, res) => {
    const { username, password } = loginBody.parse(req.body);
    const result = await engine.sessions.login(username, password);
    if (!result) throw new LoketError('UNAUTHENTICATED', 'Wrong username or password');
    res.json(result);
  });

  r.post('/logout', async (req, res) => {
    const token = bearer(req);
    if (token) await engine.sessions.logout(token);
    res.status(204).end();
  });

  r.get('/me', async (req, res) => {
    const token = bearer(req);
    const user = token ? await engine.sessions.resolve(token) : null;
    if (!user) throw new LoketError('UNAUTHENTICATED', 'The token is unknown or expired');
    res.json({ user });
  });
  return r;
}
