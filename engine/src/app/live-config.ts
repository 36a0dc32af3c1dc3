/**
 * The live site definition: stored in Redis (seeded from the site file), validated like the
 * file, applied atomically unless it would strand tickets, swapped into the SiteRegistry at
 * once on this node and, through the `site.updated` event every node tails, on the others.
 * Every administration change goes through `change()`, whose audit entries are written by the
 * same atomic step as the change: a change never lands without them, a refused one leaves none.
 */
import { diffSite, publicConfig, removedParts, withStoredSecrets } from '../domain/site-config.js';
import { validateSite, type Site, type SiteFile } from '../domain/site.js';
import { LoketError } from '../errors.js';
import type { Stranded } from '../store/config-scripts.js';
import type { Caller } from './caller.js';
import type { Deps } from './context.js';

const ATTEMPTS = 5;

export interface ConfigView {
  /** The site file's shape without secrets. */
  config: Record<string, unknown>;
  /** Seq of the `site.updated` event that made it (0: as seeded from the file). */
  version: number;
}

/** Valid definition or `400 VALIDATION_FAILED` naming each bad field (`details: [{path, message}]`). */
export function validOr400(raw: unknown): Site {
  const r = validateSite(raw);
  if ('issues' in r) throw new LoketError('VALIDATION_FAILED', `The site definition is not valid: ${r.issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`, r.issues);
  return r.site;
}

/** How a change treats waiting tickets it would strand: refuse (default), or move them. */
export interface ChangeOptions {
  /** A service of the same agency that takes the waiting tickets of removed or unserved services. */
  moveStrandedTo?: string | undefined;
}

function strandedError(list: Stranded[]): LoketError {
  const parts = list.map((s) =>
    'service' in s
      ? `${s.waiting} ticket(s) wait for service "${s.service}"${s.reason === 'unserved' ? ', which no counter would serve' : ''}: transfer them to another service, serve them first, or repeat the change with moveStrandedTo=<a service of the same agency>`
      : `counter "${s.counter}" holds ticket ${s.ticket}: finish, requeue or mark it no-show first`,
  );
  return new LoketError('STRANDS_TICKETS', `This change would strand tickets: ${parts.join('; ')}`, list);
}

/**
 * Where stranded waiting tickets may go: a service of the new definition, not itself leaving;
 * only the leaving services of its agency move there (others still refuse the change).
 */
function moveTarget(current: Site, next: Site, to: string, leaving: readonly string[]): { to: string; agencyId: string; from: string[] } {
  const target = next.services.get(to);
  const bad = (message: string) => new LoketError('VALIDATION_FAILED', `moveStrandedTo: ${message}`, [{ path: 'moveStrandedTo', message }]);
  if (!target) throw bad(`unknown service "${to}" (after the change)`);
  if (leaving.includes(to)) throw bad(`service "${to}" is itself removed or left without a counter`);
  const from = leaving.filter((s) => current.services.get(s)?.agencyId === target.agencyId);
  return { to, agencyId: target.agencyId, from };
}

export class LiveConfig {
  private readonly versions = new Map<string, number>();

  constructor(
    private readonly d: Deps,
    private readonly onSwap: (siteId: string) => void,
  ) {}

  /** At start: the stored definition of each file site, or the file's (stored as the seed). */
  async load(fileSite: Site): Promise<Site> {
    if (await this.d.config.seed(fileSite.def)) return fileSite;
    const stored = await this.d.config.read(fileSite.id);
    if (!stored) return fileSite;
    this.versions.set(fileSite.id, stored.version);
    return validOr400(stored.raw);
  }

  /** `GET .../config`. */
  view(caller: Caller): ConfigView {
    const site = this.d.sites.get(caller.siteId);
    return { config: publicConfig(site.def), version: this.versions.get(site.id) ?? 0 };
  }

  /** `PUT .../config`: the whole definition (secrets left out are kept). */
  async put(caller: Caller, raw: unknown, opts: ChangeOptions = {}): Promise<ConfigView & { moved: number }> {
    const { moved } = await this.apply(
      caller,
      'config.put',
      (current) => {
        const r = withStoredSecrets(raw, current) as Record<string, unknown>;
        if (r && typeof r === 'object' && r.id !== current.id) throw new LoketError('VALIDATION_FAILED', 'id: must be the site’s own id', [{ path: 'id', message: `must be "${current.id}"` }]);
        return r;
      },
      opts,
    );
    return { ...this.view(caller), moved };
  }

  /**
   * Edits the stored definition: `edit` gets a copy of the newest one and changes it (or
   * returns a replacement); the result is validated, applied atomically (retried when
   * another change landed meanwhile) and recorded in the audit log under `action`.
   */
  async change(caller: Caller, action: string, edit: (draft: SiteFile) => unknown, opts: ChangeOptions = {}): Promise<Site> {
    return (await this.apply(caller, action, edit, opts)).site;
  }

  private async apply(caller: Caller, action: string, edit: (draft: SiteFile) => unknown, opts: ChangeOptions): Promise<{ site: Site; moved: number }> {
    const siteId = caller.siteId;
    this.d.sites.get(siteId);
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const stored = await this.d.config.read(siteId);
      const current = stored ? validOr400(stored.raw) : this.d.sites.get(siteId);
      const draft = structuredClone(current.def);
      const replaced = edit(draft);
      const next = validOr400(replaced === undefined ? draft : replaced);
      const changes = diffSite(current.def, next.def);
      if (!changes.length) return { site: current, moved: 0 };
      const removed = removedParts(current.def, next.def);
      const leaving = [...removed.services, ...removed.unserved];
      const move = opts.moveStrandedTo ? moveTarget(current, next, opts.moveStrandedTo, leaving) : undefined;
      let reply;
      try {
        reply = await this.d.config.apply(siteId, {
          now: this.d.clock.now(),
          def: JSON.stringify(next.def),
          base: stored?.version ?? 0,
          noShowMs: Math.round(next.def.noShowMinutes * 60_000),
          removedServices: removed.services,
          unservedServices: removed.unserved,
          removedCounters: removed.counters,
          move,
          audit: {
            actor: caller.username,
            role: caller.role,
            entries: changes.map((c) => ({ actor: caller.username, role: caller.role, action, target: c.target, before: c.before, after: c.after })),
          },
          counters: [...next.counters.values()].map((c) => {
            const before = current.counters.get(c.id);
            return {
              id: c.id,
              name: c.name,
              agencyId: c.agencyId,
              services: JSON.stringify(c.services),
              setServices: !!before && JSON.stringify(before.services) !== JSON.stringify(c.services),
            };
          }),
        });
      } catch (err) {
        if (err instanceof LoketError && err.code === 'CONFLICT') continue;
        throw err;
      }
      if ('stranded' in reply) throw strandedError(reply.stranded);
      this.swap(next, reply.version);
      return { site: next, moved: reply.moved };
    }
    throw new LoketError('CONFLICT', 'The configuration kept changing meanwhile; try again');
  }

  /** The `site.updated` event of another node's change: read the stored definition and swap it in. */
  async reload(siteId: string): Promise<void> {
    if (!this.d.sites.find(siteId)) return;
    const stored = await this.d.config.read(siteId);
    if (!stored || stored.version <= (this.versions.get(siteId) ?? -1)) return;
    const r = validateSite(stored.raw);
    if ('issues' in r) return;
    this.swap(r.site, stored.version);
  }

  private swap(site: Site, version: number): void {
    if (version < (this.versions.get(site.id) ?? 0)) return;
    this.versions.set(site.id, version);
    this.d.sites.replace(site);
    this.d.sessions.forgetCached();
    this.d.eta.invalidate(site.id);
    this.onSwap(site.id);
  }
}
