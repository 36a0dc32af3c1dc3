/** The sample mall, and N copies of it (`mpp-001`...) for multi-site runs. */
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

/**
 * Writes `n` copies of the sample into a fresh temp directory with ids
 * `mpp-001`..., quotas removed so a load run never hits QUOTA_EXHAUSTED
 * (unless `keepQuotas`).
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
    writeFileSync(join(dir, `${id}.json`), JSON.stringify(copy));
    ids.push(id);
  }
  return { dir, ids, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Every service of a site with its agency. */
export function servicesOf(site: SiteDef): (ServiceDef & { agencyId: string })[] {
  return site.agencies.flatMap((a) => a.services.map((s) => ({ ...s, agencyId: a.id })));
}
