/** Log in and out, and who a bearer token belongs to (users of the site file, devices). */
import type { LoginResponse, SessionUser } from '../protocol/index.js';
import { LoketError } from '../errors.js';
import type { Deps } from './context.js';

export class Sessions {
  constructor(private readonly d: Deps) {}

  /** `401 UNAUTHENTICATED` for a wrong username or password (the same answer for both). */
  async login(username: string, password: string): Promise<LoginResponse> {
    const r = await this.d.sessions.login(username, password);
    if (!r) throw new LoketError('UNAUTHENTICATED', 'Wrong username or password');
    return r;
  }

  logout(token: string): Promise<void> {
    return this.d.sessions.logout(token);
  }

  /** A token was revoked on some node: drop what this node cached of it. */
  forget(tokenHash: string): void {
    this.d.sessions.forget(tokenHash);
  }

  /** The caller a token names, or null when it is unknown or expired. */
  resolve(token: string): Promise<SessionUser | null> {
    return this.d.sessions.resolve(token);
  }
}
