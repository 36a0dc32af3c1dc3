/**
 * Logins: scrypt password check, opaque revocable session tokens in Redis, device tokens of
 * the site definition. The live definition decides: a session resolves to its user as the
 * definition has it now (role, agencies, counters), and not at all once the user is disabled
 * or removed; a revoked or expired device token is refused.
 */
import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { RedisConn } from '../redis-connection.js';
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

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/** The loaded sites, as the app's SiteRegistry has them at this moment. */
export interface SiteLookup {
  find(siteId: string): Site | undefined;
  all(): Site[];
}

interface DeviceEntry {
  user: SessionUser;
  expiresAt: number | null;
}

/** How long a set-password link works (s). */
export const PASSWORD_LINK_SECONDS = 72 * 3600;

export class SessionStore {
  /** A fixed hash so that an unknown user costs as much time as a wrong password. */
  private dummyHash: Promise<string> | null = null;
  /** Device tokens of each site definition by their SHA-256 (a new definition is a new Site object). */
  private readonly devices = new WeakMap<Site, Map<string, DeviceEntry>>();
  /**
   * Sessions (and device tokens) this node resolved in the last 2 s: saves a Redis round trip
   * on every request. A logout on this node takes effect at once, on other nodes within 2 s.
   * Keyed by the token itself, not its SHA-256, so that a repeat costs no hash either (a few
   * us of every request's CPU, issue 15). Tokens stay only in this process's memory, where
   * each request has them anyway; Redis still holds only their hashes.
   */
  private readonly recent = new Map<string, { user: SessionUser; until: number; expiresAt: number | null }>();

  constructor(
    private readonly redis: RedisConn,
    private readonly sites: SiteLookup,
    private readonly opts: { ttlSeconds: number; production: boolean; now?: () => number },
  ) {}

  /** Forgets what this node cached about sessions (a site definition changed). */
  forgetCached(): void {
    this.recent.clear();
  }

  private devicesOf(site: Site): Map<string, DeviceEntry> {
    let m = this.devices.get(site);
    if (m) return m;
    m = new Map();
    for (const d of site.def.devices) {
      if (d.demo && this.opts.production) continue;
      m.set(d.tokenSha256, {
        user: { username: `device:${d.id}`, role: d.role, siteId: site.id, agencyIds: [], counterIds: [] },
        expiresAt: d.expiresAt ? Date.parse(d.expiresAt) : null,
      });
    }
    this.devices.set(site, m);
    return m;
  }

  /** The user as the live definition has it; null when removed, disabled, or demo in production. */
  private liveUser(siteId: string, username: string): SessionUser | null {
    const site = this.sites.find(siteId);
    const u = site?.def.users.find((x) => x.username === username);
    if (!site || !u || u.disabled || (u.demo && this.opts.production)) return null;
    return {
      username: u.username,
      role: u.role,
      siteId: site.id,
      agencyIds: u.agencyIds,
      counterIds: u.counterIds,
      ...(u.displayName ? { displayName: u.displayName } : {}),
    };
  }

  /** Checks a username/password (site-qualified as `site/user` when several sites are loaded). */
  async login(username: string, password: string): Promise<{ token: string; user: SessionUser } | null> {
    const found = this.findUser(username);
    if (!found || found.user.disabled || (found.user.demo && this.opts.production)) {
      this.dummyHash ??= hashPassword('x');
      await verifyPassword(password, await this.dummyHash);
      return null;
    }
    if (!(await verifyPassword(password, found.user.passwordHash))) return null;
    const user = this.liveUser(found.site.id, found.user.username);
    if (!user) return null;
    const token = randomBytes(24).toString('base64url');
    await this.redis.set(keys.session(sha256(token)), JSON.stringify(user), 'EX', this.opts.ttlSeconds);
    return { token, user };
  }

  async logout(token: string): Promise<void> {
    const h = sha256(token);
    this.recent.delete(token);
    await this.redis.del(keys.session(h));
    // Every node drops it from its cache and closes its sockets (subscribeRevocations).
    await this.redis.publish(keys.revocations(), h);
  }

  /** Forgets a revoked session this node may have cached (the cache is keyed by the token itself). */
  forget(tokenHash: string): void {
    for (const token of this.recent.keys()) if (sha256(token) === tokenHash) this.recent.delete(token);
  }

  /** Resolves a bearer token: a session, or a device token of a site definition. */
  async resolve(token: string): Promise<SessionUser | null> {
    if (!token || token.length > 200) return null;
    const now = Date.now();
    const hit = this.recent.get(token);
    // A cached device stays valid until its expiry; a new site definition clears the cache.
    if (hit && hit.until > now && (hit.expiresAt === null || hit.expiresAt > (this.opts.now ?? Date.now)())) return hit.user;
    const h = sha256(token);
    for (const site of this.sites.all()) {
      const device = this.devicesOf(site).get(h);
      if (!device) continue;
      if (device.expiresAt !== null && device.expiresAt <= (this.opts.now ?? Date.now)()) return null;
      this.remember(token, device.user, now, device.expiresAt);
      return device.user;
    }
    const raw = await this.redis.get(keys.session(h));
    if (!raw) {
      this.recent.delete(token);
      return null;
    }
    const stored = JSON.parse(raw) as SessionUser;
    const user = this.liveUser(stored.siteId, stored.username);
    if (!user) return null;
    this.remember(token, user, now, null);
    return user;
  }

  private remember(token: string, user: SessionUser, now: number, expiresAt: number | null): void {
    if (this.recent.size >= 10_000) this.recent.clear();
    this.recent.set(token, { user, until: now + 2000, expiresAt });
  }

  /** A one-time set-password link token for a user (valid PASSWORD_LINK_SECONDS). */
  async createPasswordLink(siteId: string, username: string): Promise<string> {
    const token = randomBytes(24).toString('base64url');
    await this.redis.set(keys.passwordLink(sha256(token)), JSON.stringify({ siteId, username }), 'EX', PASSWORD_LINK_SECONDS);
    return token;
  }

  /** Uses up a set-password link: whose it was, or null when unknown, used or expired. */
  async takePasswordLink(token: string): Promise<{ siteId: string; username: string } | null> {
    if (!token || token.length > 200) return null;
    const raw = await this.redis.getdel(keys.passwordLink(sha256(token)));
    return raw ? (JSON.parse(raw) as { siteId: string; username: string }) : null;
  }

  private findUser(username: string): { site: Site; user: Site['def']['users'][number] } | null {
    const [a, b] = username.includes('/') ? username.split('/', 2) : [undefined, username];
    for (const site of this.sites.all()) {
      if (a && site.id !== a) continue;
      const user = site.def.users.find((u) => u.username === b);
      if (user) return { site, user };
    }
    return null;
  }
}

/** Calls `onRevoked(tokenHash)` for every logout on any node. `conn` becomes a subscriber: give it a connection of its own. */
export async function subscribeRevocations(conn: RedisConn, onRevoked: (tokenHash: string) => void): Promise<void> {
  conn.on('message', (channel: string, message: string) => {
    if (channel === keys.revocations()) onRevoked(message);
  });
  await conn.subscribe(keys.revocations());
}
