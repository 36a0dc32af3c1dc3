/** Logins: scrypt password check, opaque revocable session tokens in Redis, device tokens from the site file. */
import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { RedisConn } from './redis-connection.js';
import type { Site } from '../domain/site.js';
import type { SessionUser } from '../protocol/index.js';
import { keys } from './keys.js';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: { N: number; r: number; p: number; maxmem: number }) => Promise<Buffer>;

/** `scrypt$N$r$p$salt$hash` (base64). */
export async function hashPassword(password: string, N = 16384): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, 32, { N, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${N}$8$1$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const got = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: 64 * 1024 * 1024 });
  return got.length === expected.length && timingSafeEqual(got, expected);
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

export class SessionStore {
  /** A fixed hash so that an unknown user costs as much time as a wrong password. */
  private dummyHash: Promise<string> | null = null;
  /** Device tokens of every site by their SHA-256. */
  private readonly devices = new Map<string, SessionUser>();
  /**
   * Sessions this node resolved in the last 2 s: saves a Redis round trip on every request.
   * A logout on this node takes effect at once, on other nodes within 2 s.
   */
  private readonly recent = new Map<string, { user: SessionUser; until: number }>();

  constructor(
    private readonly redis: RedisConn,
    private readonly sites: Map<string, Site>,
    private readonly opts: { ttlSeconds: number; production: boolean },
  ) {
    for (const site of sites.values()) {
      for (const d of site.def.devices) {
        if (d.demo && opts.production) continue;
        this.devices.set(d.tokenSha256, { username: `device:${d.id}`, role: d.role, siteId: site.id, agencyIds: [], counterIds: [] });
      }
    }
  }

  /** Checks a username/password (site-qualified as `site/user` when several sites are loaded). */
  async login(username: string, password: string): Promise<{ token: string; user: SessionUser } | null> {
    const found = this.findUser(username);
    if (!found || (found.user.demo && this.opts.production)) {
      this.dummyHash ??= hashPassword('x');
      await verifyPassword(password, await this.dummyHash);
      return null;
    }
    if (!(await verifyPassword(password, found.user.passwordHash))) return null;
    const u = found.user;
    const user: SessionUser = {
      username: u.username,
      role: u.role,
      siteId: found.site.id,
      agencyIds: u.agencyIds,
      counterIds: u.counterIds,
      ...(u.displayName ? { displayName: u.displayName } : {}),
    };
    const token = randomBytes(24).toString('base64url');
    await this.redis.set(keys.session(sha256(token)), JSON.stringify(user), 'EX', this.opts.ttlSeconds);
    return { token, user };
  }

  async logout(token: string): Promise<void> {
    const h = sha256(token);
    this.recent.delete(h);
    await this.redis.del(keys.session(h));
  }

  /** Resolves a bearer token: a session, or a device token of a site file. */
  async resolve(token: string): Promise<SessionUser | null> {
    if (!token || token.length > 200) return null;
    const h = sha256(token);
    const device = this.devices.get(h);
    if (device) return device;
    const now = Date.now();
    const hit = this.recent.get(h);
    if (hit && hit.until > now) return hit.user;
    const raw = await this.redis.get(keys.session(h));
    if (!raw) {
      this.recent.delete(h);
      return null;
    }
    const user = JSON.parse(raw) as SessionUser;
    if (this.recent.size >= 10_000) this.recent.clear();
    this.recent.set(h, { user, until: now + 2000 });
    return user;
  }

  private findUser(username: string): { site: Site; user: Site['def']['users'][number] } | null {
    const [a, b] = username.includes('/') ? username.split('/', 2) : [undefined, username];
    for (const site of this.sites.values()) {
      if (a && site.id !== a) continue;
      const user = site.def.users.find((u) => u.username === b);
      if (user) return { site, user };
    }
    return null;
  }
}
