/**
 * The staffing advisor's warnings and moves in the page's language, by service, agency and
 * counter name. The engine sends them as data (its `message` and `reason` are Indonesian
 * with ids); ids stay only where no name is known.
 */
import type { SiteInfo, StaffingResponse } from '@loket/engine/protocol';
import { lang, t } from '../i18n/i18n.js';
import { serviceNames } from './service-options.js';

type Warning = StaffingResponse['warnings'][number];
type Move = StaffingResponse['moves'][number];

/** Names of a site's services, agencies and counters, in the page's language. */
export interface SiteNames {
  service(id: string): string;
  agency(id: string): string;
  counter(id: string): string;
}

export function siteNames(site: SiteInfo | null): SiteNames {
  const services = serviceNames(site);
  const en = lang() === 'en';
  const agencies = new Map((site?.agencies ?? []).map((a) => [a.id, (en && a.nameEn) || a.name]));
  const counters = new Map((site?.counters ?? []).map((c) => [c.id, c.name]));
  return {
    service: (id) => services[id] ?? id,
    agency: (id) => agencies.get(id) ?? id,
    counter: (id) => counters.get(id) ?? id,
  };
}

const pct = (share: number): number => Math.round(share * 100);

/** A warning as one line: `{service}: ...`. */
export function warningText(w: Warning, names: SiteNames): string {
  const service = names.service(w.serviceId);
  if (w.kind === 'no_counter') return t('warnNoCounter', { service, waiting: w.waiting });
  if (w.kind === 'backlog') {
    return w.clearMinutes === null || w.clearMinutes === undefined
      ? t('warnBusy', { service, waiting: w.waiting })
      : t('warnBacklog', { service, waiting: w.waiting, minutes: w.clearMinutes, sla: w.sla.minutes });
  }
  const line = t('warnSla', { service, share: pct(w.sla.share), sla: w.sla.minutes, forecast: pct(w.slaForecast), needed: w.countersNeeded, serving: w.effectiveCounters });
  return w.noCounterToMove ? line + t('warnStuck', { agency: names.agency(w.agencyId) }) : line;
}

/** Why the advisor suggests a move, by service name (the counter and its tiers are shown beside it). */
export function moveReason(m: Move, names: SiteNames): string {
  if (m.kind === 'home') {
    const why = (m.released ?? []).map((r) => t('advReleased', { service: names.service(r.serviceId), needed: r.countersNeeded, serving: r.effectiveCounters }));
    return t('advHome', { why: why.length ? why.join('; ') : t('advHomeIdle') });
  }
  const n = m.need;
  if (!n) return m.reason;
  const service = names.service(m.serviceId ?? m.toServices[0]?.[0] ?? '');
  const need = t('advNeed', {
    needed: n.countersNeeded,
    arrivals: n.arrivalsPerHour,
    minutes: n.serviceAvgMinutes,
    queue: n.forQueue ? t('advNeedQueue') : '',
    serving: n.effectiveCounters,
    waiting: n.waiting,
    share: pct(n.sla.share),
    sla: n.sla.minutes,
    forecast: pct(n.slaForecast),
  });
  return t(m.open ? 'advOpen' : 'advServe', { service, need });
}
