/** Reads the site file(s): a JSON file, or a directory of them. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseSite, type Site } from './domain/site.js';

export function loadSites(path: string): Map<string, Site> {
  let files: string[];
  try {
    files = statSync(path).isDirectory()
      ? readdirSync(path)
          .filter((f) => f.endsWith('.json'))
          .sort()
          .map((f) => join(path, f))
      : [path];
  } catch {
    throw new Error(`LOKET_SITE_FILE: cannot read "${path}"`);
  }
  if (!files.length) throw new Error(`LOKET_SITE_FILE: no .json site file in "${path}"`);
  const sites = new Map<string, Site>();
  for (const f of files) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(f, 'utf8'));
    } catch (err) {
      throw new Error(`Invalid site file ${f}: not JSON (${(err as Error).message})`);
    }
    const site = parseSite(raw, `site file ${f}`);
    if (sites.has(site.id)) throw new Error(`Invalid site file ${f}: id: duplicate site "${site.id}"`);
    // One device token names one device: the same token in two site files would silently belong to the last.
    for (const d of site.def.devices) {
      const owner = [...sites.values()].find((s) => s.def.devices.some((o) => o.tokenSha256 === d.tokenSha256));
      if (owner) throw new Error(`Invalid site file ${f}: devices: the token of "${d.id}" is already used by a device of site "${owner.id}"`);
    }
    sites.set(site.id, site);
  }
  return sites;
}
