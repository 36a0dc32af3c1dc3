/**
 * The loaded sites: the one place that knows which sites, services and counters exist.
 * Use cases ask it; nothing else keeps its own map of sites.
 */
import type { ServiceDef, Site } from '../domain/site.js';
import { LoketError, notFound } from '../errors.js';

export type CounterDef = Site['counters'] extends Map<string, infer C> ? C : never;

export class SiteRegistry {
  private readonly sites: Map<string, Site>;

  constructor(sites: Iterable<Site>) {
    this.sites = new Map([...sites].map((s) => [s.id, s]));
  }

  /** The site, or `404 NOT_FOUND`. */
  get(siteId: string): Site {
    const s = this.sites.get(siteId);
    if (!s) throw notFound(`Site "${siteId}"`);
    return s;
  }

  find(siteId: string): Site | undefined {
    return this.sites.get(siteId);
  }

  all(): Site[] {
    return [...this.sites.values()];
  }

  ids(): string[] {
    return [...this.sites.keys()];
  }

  /** Swaps in a new definition of a loaded site (administration, on every node). */
  replace(site: Site): void {
    if (!this.sites.has(site.id)) throw notFound(`Site "${site.id}"`);
    this.sites.set(site.id, site);
  }

  /** A service of the site, or `404 NOT_FOUND`. */
  service(site: Site, serviceId: string): ServiceDef {
    const s = site.services.get(serviceId);
    if (!s) throw notFound(`Service "${serviceId}"`);
    return s;
  }

  /** A counter of the site, or `404 NOT_FOUND`. */
  counter(site: Site, counterId: string): CounterDef {
    const c = site.counters.get(counterId);
    if (!c) throw new LoketError('NOT_FOUND', `Counter "${counterId}" not found`);
    return c;
  }

  /** The site a citizen's status token (`<siteId>.<secret>`) names, if it is loaded. */
  siteOfStatusToken(token: string): Site | undefined {
    return this.sites.get(token.split('.')[0] ?? '');
  }
}
