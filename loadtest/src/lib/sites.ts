/** The sample mall, and N copies of it (`mpp-001`...) for multi-site runs. */
import { createHash, randomBytes, scryptSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { repoRoot } from './results.js';

export interface ServiceDef {
  id: string;
  name: string;
  prefix: string;
  avgServiceMinutes: number;
  quotaPerDay?: number;
  sla?: { minutes: number; share: number };
  /** Other agencies whose counters may also be given this service. */
  sharedWith?: string[];
}

export interface SiteDef {
  id: string;
  name: string;
  agencies: { id: string; name: string; services: ServiceDef[] }[];
  counters: { id: string; agencyId: string; services: string[][] }[];
  demand: {
    ticketsPerDay: number;
    shareByHour: Record<string, number>;
    shareByService: Record<string, number>;
    priorityShare: number;
    multiServiceShare: number;
  };
  [k: string]: unknown;
}

export const sampleSitePath = resolve(repoRoot, 'sites', 'mpp-demo.json');

export function loadSite(path = sampleSitePath): SiteDef {
  return JSON.parse(readFileSync(path, 'utf8')) as SiteDef;
}

export function siteId(i: number): string {
  return `mpp-${String(i + 1).padStart(3, '0')}`;
}

export interface SiteDir {
  dir: string;
  ids: string[];
  remove(): void;
}

/** The device tokens the driver gives each site copy (the sample's demo tokens cannot name a site). */
export const kioskToken = (siteId: string): string => `loadtest-kiosk-${siteId}`;
export const displayToken = (siteId: string): string => `loadtest-display-${siteId}`;

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/**
 * The demo accounts of scripts/make-demo-accounts.mjs (password `demo`), but
 * hashed with scrypt N=1024 instead of 16384 so that logging in thousands of
 * simulated desks takes seconds, not minutes. Logins are not what is measured.
 */
function demoAccounts(site: SiteDef): { users: object[]; devices: object[] } {
  const salt = randomBytes(16);
  const N = 1024;
  const hash = `scrypt$${N}$8$1$${salt.toString('base64')}$${scryptSync('demo', salt, 32, { N, r: 8, p: 1 }).toString('base64')}`;
  const all = site.agencies.map((a) => a.id);
  const users = [
    { username: 'admin', passwordHash: hash, role: 'admin', agencyIds: all, demo: true },
    { username: 'supervisor', passwordHash: hash, role: 'supervisor', agencyIds: all, demo: true },
    { username: 'kiosk', passwordHash: hash, role: 'kiosk', demo: true },
    ...site.counters.map((c) => ({
      username: `staff-${c.id}`,
      passwordHash: hash,
      role: 'staff',
      agencyIds: [c.agencyId],
      counterIds: site.counters.filter((x) => x.agencyId === c.agencyId).map((x) => x.id),
      demo: true,
    })),
  ];
  const devices = [
    { id: 'loadtest-display', role: 'display', tokenSha256: sha256(displayToken(site.id)), demo: true },
    { id: 'loadtest-kiosk', role: 'kiosk', tokenSha256: sha256(kioskToken(site.id)), demo: true },
  ];
  return { users, devices };
}

/**
 * Writes `n` copies of the sample into a fresh temp directory with ids
 * `mpp-001`..., each with the demo accounts and its own device tokens, and
 * quotas removed so a load run never hits QUOTA_EXHAUSTED (unless `keepQuotas`).
 */
export function writeSiteCopies(n: number, keepQuotas = false, sample = loadSite()): SiteDir {
  const dir = mkdtempSync(join(tmpdir(), 'loket-sites-'));
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = siteId(i);
    const copy = structuredClone(sample);
    copy.id = id;
    copy.name = `${sample.name} ${i + 1}`;
    if (!keepQuotas) for (const a of copy.agencies) for (const s of a.services) delete s.quotaPerDay;
    Object.assign(copy, demoAccounts(copy));
    writeFileSync(join(dir, `${id}.json`), JSON.stringify(copy));
    ids.push(id);
  }
  return { dir, ids, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Every service of a site with its agency. */
export function servicesOf(site: SiteDef): (ServiceDef & { agencyId: string })[] {
  return site.agencies.flatMap((a) => a.services.map((s) => ({ ...s, agencyId: a.id })));
}
