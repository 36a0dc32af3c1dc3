/**
 * Administration of one part of the site at a time: agencies, services, counters, displays. Each is an
 * edit of the live definition (app/live-config.ts): validated like the file, applied on every
 * node within a second, written to the audit log.
 */
import type { SiteFile } from '../domain/site.js';
import { LoketError, notFound } from '../errors.js';
import type { Caller } from './caller.js';
import type { ChangeOptions, LiveConfig } from './live-config.js';

type Service = SiteFile['agencies'][number]['services'][number];
type Counter = SiteFile['counters'][number];
type Agency = Omit<SiteFile['agencies'][number], 'services'>;
type Display = SiteFile['displays'][number];

export interface ServiceInput extends Partial<Service> {
  agencyId?: string;
}

const exists = (what: string): LoketError => new LoketError('CONFLICT', `${what} already exists`);

function findService(def: SiteFile, id: string): { agency: SiteFile['agencies'][number]; index: number } {
  for (const agency of def.agencies) {
    const index = agency.services.findIndex((s) => s.id === id);
    if (index >= 0) return { agency, index };
  }
  throw notFound(`Service "${id}"`);
}

export class SiteAdmin {
  constructor(private readonly live: LiveConfig) {}

  async createAgency(caller: Caller, a: Agency & { services?: Service[] }): Promise<void> {
    await this.live.change(caller, 'agency.create', (def) => {
      if (def.agencies.some((x) => x.id === a.id)) throw exists(`Agency "${a.id}"`);
      def.agencies.push({ ...a, services: a.services ?? [] });
    });
  }

  async patchAgency(caller: Caller, id: string, patch: Partial<Agency>): Promise<void> {
    await this.live.change(caller, 'agency.update', (def) => {
      const a = def.agencies.find((x) => x.id === id);
      if (!a) throw notFound(`Agency "${id}"`);
      Object.assign(a, patch, { id });
    });
  }

  async createService(caller: Caller, s: ServiceInput): Promise<Service & { agencyId: string }> {
    const { agencyId, ...service } = s;
    const site = await this.live.change(caller, 'service.create', (def) => {
      if (def.agencies.some((a) => a.services.some((x) => x.id === service.id))) throw exists(`Service "${service.id}"`);
      const agency = def.agencies.find((a) => a.id === agencyId);
      if (!agency) throw new LoketError('VALIDATION_FAILED', `agencyId: unknown agency "${agencyId}"`, [{ path: 'agencyId', message: `unknown agency "${agencyId}"` }]);
      agency.services.push(service as Service);
    });
    return site.services.get(service.id!)!;
  }

  /** Edits a service; `agencyId` moves it to another agency. */
  async patchService(caller: Caller, id: string, patch: ServiceInput): Promise<Service & { agencyId: string }> {
    const { agencyId, ...fields } = patch;
    const site = await this.live.change(caller, 'service.update', (def) => {
      const { agency, index } = findService(def, id);
      const next = { ...agency.services[index]!, ...fields, id };
      if (agencyId && agencyId !== agency.id) {
        const to = def.agencies.find((a) => a.id === agencyId);
        if (!to) throw new LoketError('VALIDATION_FAILED', `agencyId: unknown agency "${agencyId}"`, [{ path: 'agencyId', message: `unknown agency "${agencyId}"` }]);
        agency.services.splice(index, 1);
        to.services.push(next);
      } else agency.services[index] = next;
    });
    return site.services.get(id)!;
  }

  async createCounter(caller: Caller, c: Counter): Promise<Counter & { name: string }> {
    const site = await this.live.change(caller, 'counter.create', (def) => {
      if (def.counters.some((x) => x.id === c.id)) throw exists(`Counter "${c.id}"`);
      def.counters.push(c);
    });
    return site.counters.get(c.id)!;
  }

  /** Edits a counter's definition (name, agency, standing tiers: the live profile follows). */
  async patchCounter(caller: Caller, id: string, patch: Partial<Counter>, opts: ChangeOptions = {}): Promise<Counter & { name: string }> {
    const site = await this.live.change(
      caller,
      'counter.update',
      (def) => {
        const c = def.counters.find((x) => x.id === id);
        if (!c) throw notFound(`Counter "${id}"`);
        Object.assign(c, patch, { id });
      },
      opts,
    );
    return site.counters.get(id)!;
  }

  async createDisplay(caller: Caller, d: Display): Promise<Display> {
    const site = await this.live.change(caller, 'display.create', (def) => {
      if (def.displays.some((x) => x.id === d.id)) throw exists(`Display "${d.id}"`);
      def.displays.push(d);
    });
    return site.def.displays.find((x) => x.id === d.id)!;
  }

  /** Edits a display (name, agencies it shows, running text; `runningText: ''` clears it). */
  async patchDisplay(caller: Caller, id: string, patch: Partial<Omit<Display, 'id'>>): Promise<Display> {
    const site = await this.live.change(caller, 'display.update', (def) => {
      const d = def.displays.find((x) => x.id === id);
      if (!d) throw notFound(`Display "${id}"`);
      Object.assign(d, patch, { id });
      if (d.runningText === '') delete d.runningText;
    });
    return site.def.displays.find((x) => x.id === id)!;
  }

  async removeDisplay(caller: Caller, id: string): Promise<void> {
    await this.live.change(caller, 'display.remove', (def) => {
      const i = def.displays.findIndex((x) => x.id === id);
      if (i < 0) throw notFound(`Display "${id}"`);
      def.displays.splice(i, 1);
    });
  }
}
