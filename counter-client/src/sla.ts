/** Which services wait longer than their SLA minutes right now. */
import type { ServiceStats, SiteInfo } from '@loket/engine/protocol';

export interface SlaAlert {
  serviceId: string;
  serviceName: string;
  longestWaitMinutes: number;
  slaMinutes: number;
}

export function slaAlerts(site: SiteInfo | null, services: readonly ServiceStats[]): SlaAlert[] {
  const names = new Map<string, string>();
  for (const a of site?.agencies ?? []) for (const s of a.services) names.set(s.id, s.name);
  return services
    .filter((s) => s.longestWaitMinutes !== null && s.longestWaitMinutes > s.slaMinutes)
    .map((s) => ({
      serviceId: s.serviceId,
      serviceName: names.get(s.serviceId) ?? s.serviceId,
      longestWaitMinutes: Math.round(s.longestWaitMinutes ?? 0),
      slaMinutes: s.slaMinutes,
    }))
    .sort((a, b) => b.longestWaitMinutes - b.slaMinutes - (a.longestWaitMinutes - a.slaMinutes));
}
