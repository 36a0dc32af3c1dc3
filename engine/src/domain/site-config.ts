/**
 * The site definition as administrators see it: without secrets on the way out, with the
 * stored secrets kept on the way in, and what changed between two versions (for the audit
 * log and the checks of a live change). Pure.
 */
import type { SiteFile } from './site.js';

/** A password hash that matches no password: an account waiting for its set-password link. */
export const NO_PASSWORD = 'scrypt$unset';

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The site file's shape without password hashes and device token hashes. */
export function publicConfig(def: SiteFile): Rec {
  const out = structuredClone(def) as unknown as Rec;
  out.users = def.users.map(({ passwordHash: _p, ...u }) => u);
  out.devices = def.devices.map(({ tokenSha256: _t, ...d }) => d);
  return out;
}

/**
 * Puts the stored secrets back into an incoming definition: `users` or `devices` left out
 * keep the stored ones; a user or device given without its hash keeps its stored hash (by
 * username / id); a new user without one gets no password until a set-password link is used.
 */
export function withStoredSecrets(raw: unknown, current: SiteFile): unknown {
  if (!isRec(raw)) return raw;
  const out: Rec = { ...raw };
  if (out.users === undefined) out.users = current.users;
  else if (Array.isArray(out.users)) {
    out.users = out.users.map((u) => {
      if (!isRec(u) || u.passwordHash !== undefined) return u;
      const stored = current.users.find((c) => c.username === u.username);
      return { ...u, passwordHash: stored?.passwordHash ?? NO_PASSWORD };
    });
  }
  if (out.devices === undefined) out.devices = current.devices;
  else if (Array.isArray(out.devices)) {
    out.devices = out.devices.map((d) => {
      if (!isRec(d) || d.tokenSha256 !== undefined) return d;
      const stored = current.devices.find((c) => c.id === d.id);
      return stored ? { ...d, tokenSha256: stored.tokenSha256 } : d;
    });
  }
  return out;
}

/** One change between two definitions: an entity added, removed or edited. */
export interface ConfigChange {
  /** `service:ktp`, `counter:12`, `user:budi`, `device:kiosk-2`, `agency:pajak`, `site.hours`... */
  target: string;
  before: unknown;
  after: unknown;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function byId<T>(kind: string, a: readonly T[], b: readonly T[], id: (x: T) => string, view: (x: T) => unknown = (x) => x): ConfigChange[] {
  const before = new Map(a.map((x) => [id(x), x]));
  const after = new Map(b.map((x) => [id(x), x]));
  const out: ConfigChange[] = [];
  for (const [k, x] of before) {
    const y = after.get(k);
    if (!y) out.push({ target: `${kind}:${k}`, before: view(x), after: null });
    else if (!same(x, y)) out.push({ target: `${kind}:${k}`, before: view(x), after: view(y) });
  }
  for (const [k, y] of after) if (!before.has(k)) out.push({ target: `${kind}:${k}`, before: null, after: view(y) });
  return out;
}

/** What changed, entity by entity, secrets shown only as "changed". */
export function diffSite(a: SiteFile, b: SiteFile): ConfigChange[] {
  const out: ConfigChange[] = [];
  const skip = new Set(['agencies', 'counters', 'users', 'devices', 'holidays', 'displays']);
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (skip.has(k)) continue;
    const x = (a as Rec)[k];
    const y = (b as Rec)[k];
    if (!same(x, y)) out.push({ target: `site.${k}`, before: x ?? null, after: y ?? null });
  }
  const agency = (x: SiteFile['agencies'][number]) => ({ id: x.id, name: x.name });
  out.push(...byId('agency', a.agencies, b.agencies, (x) => x.id, agency).filter((c) => !same(c.before, c.after)));
  const services = (f: SiteFile) => f.agencies.flatMap((ag) => ag.services.map((s) => ({ ...s, agencyId: ag.id })));
  out.push(...byId('service', services(a), services(b), (x) => x.id));
  out.push(...byId('counter', a.counters, b.counters, (x) => x.id));
  out.push(
    ...byId('user', a.users, b.users, (x) => x.username, ({ passwordHash, ...u }) => ({ ...u, password: passwordHash === NO_PASSWORD ? 'unset' : 'set' })),
  );
  const passwords = a.users.filter((u) => b.users.some((v) => v.username === u.username && v.passwordHash !== u.passwordHash));
  for (const u of passwords) if (!out.some((c) => c.target === `user:${u.username}`)) out.push({ target: `user:${u.username}`, before: { password: 'set' }, after: { password: 'changed' } });
  out.push(...byId('device', a.devices, b.devices, (x) => x.id, ({ tokenSha256: _t, ...d }) => d));
  out.push(...byId('holiday', a.holidays, b.holidays, (x) => x.date));
  out.push(...byId('display', a.displays, b.displays, (x) => x.id));
  return out;
}

/**
 * What a new definition takes away that may strand tickets: services it drops, services it
 * keeps that some counter served and none would serve (in any tier), counters it drops.
 */
export function removedParts(a: SiteFile, b: SiteFile): { services: string[]; unserved: string[]; counters: string[] } {
  const svc = (f: SiteFile) => new Set(f.agencies.flatMap((ag) => ag.services.map((s) => s.id)));
  const served = (f: SiteFile) => new Set(f.counters.flatMap((c) => c.services.flat()));
  const after = svc(b);
  const servedAfter = served(b);
  const counters = new Set(b.counters.map((c) => c.id));
  return {
    services: [...svc(a)].filter((s) => !after.has(s)),
    unserved: [...served(a)].filter((s) => after.has(s) && !servedAfter.has(s)),
    counters: a.counters.map((c) => c.id).filter((c) => !counters.has(c)),
  };
}
