import { describe, expect, it } from 'vitest';
import type { LoketEvent, SiteInfo, Snapshot, TicketEvent, TicketView } from '@loket/engine/protocol';
import {
  applyEvent,
  displayAgencies,
  lastCallPerCounter,
  stateFromSnapshot,
  waitingPerAgency,
} from '../../src/lobby/lobby-state.js';

const site: SiteInfo = {
  id: 'mpp',
  name: 'MPP',
  timezone: 'Asia/Jakarta',
  openNow: true,
  agencies: [
    { id: 'dukcapil', name: 'Dukcapil', services: [svc('ktp', 'A', 'dukcapil'), svc('kk', 'B', 'dukcapil')] },
    { id: 'imigrasi', name: 'Imigrasi', services: [svc('paspor', 'P', 'imigrasi')] },
  ],
  counters: [
    { id: '1', name: 'Loket 1', agencyId: 'dukcapil' },
    { id: '9', name: 'Loket 9', agencyId: 'imigrasi' },
  ],
  displays: [
    { id: 'lobby', name: 'Lobby', agencies: 'all' },
    { id: 'lt2', name: 'Lantai 2', agencies: ['imigrasi'] },
  ],
};

function svc(id: string, prefix: string, agencyId: string) {
  return { id, name: id, prefix, agencyId, avgServiceMinutes: 5, sla: { minutes: 20, share: 0.8 } };
}

const snapshot: Snapshot = { seq: 4, calls: [], counters: [], waiting: { ktp: 3, kk: 2, paspor: 1 }, site };

function ticket(id: string, number: string, serviceId: string, agencyId: string): TicketView {
  return {
    id, number, siteId: 'mpp', serviceId, agencyId, state: 'called', priority: 'regular',
    channel: 'kiosk', createdAt: '2026-01-01T01:00:00Z', recallCount: 0,
  };
}

function call(seq: number, t: TicketView, counterId: string, type: TicketEvent['type'] = 'ticket.called'): TicketEvent {
  return { seq, type, at: '2026-01-01T01:05:00Z', siteId: 'mpp', ticket: t, counterId, waiting: { [t.serviceId]: 0 } };
}

describe('lobby state', () => {
  it('turns a call event into a call at the front with the counter name', () => {
    const s0 = stateFromSnapshot(snapshot);
    const { state, call: c } = applyEvent(s0, call(5, ticket('t1', 'A-001', 'ktp', 'dukcapil'), '1'));
    expect(c).toMatchObject({ number: 'A-001', counterId: '1', counterName: 'Loket 1' });
    expect(state.calls[0]?.number).toBe('A-001');
    expect(state.waiting).toEqual({ ktp: 0, kk: 2, paspor: 1 });
    expect(state.seq).toBe(5);
  });

  it('moves a recalled ticket to the front without duplicating it', () => {
    let s = stateFromSnapshot(snapshot);
    const a = ticket('t1', 'A-001', 'ktp', 'dukcapil');
    s = applyEvent(s, call(5, a, '1')).state;
    s = applyEvent(s, call(6, ticket('t2', 'P-001', 'paspor', 'imigrasi'), '9')).state;
    const r = applyEvent(s, call(7, { ...a, recallCount: 1 }, '1', 'ticket.recalled'));
    expect(r.call?.recallCount).toBe(1);
    expect(r.state.calls.map((c) => c.number)).toEqual(['A-001', 'P-001']);
  });

  it('does not announce other events but keeps waiting counts current', () => {
    const s0 = stateFromSnapshot(snapshot);
    const issued: LoketEvent = { ...call(5, ticket('t3', 'B-004', 'kk', 'dukcapil'), '1', 'ticket.issued'), waiting: { kk: 3 } };
    const r = applyEvent(s0, issued);
    expect(r.call).toBeNull();
    expect(waitingPerAgency(site, r.state.waiting, null)).toEqual([
      { agencyId: 'dukcapil', name: 'Dukcapil', fullName: 'Dukcapil', waiting: 6 },
      { agencyId: 'imigrasi', name: 'Imigrasi', fullName: 'Imigrasi', waiting: 1 },
    ]);
  });

  it('names a chip by the short name when the site gives one, in the screen\'s language', () => {
    const named: SiteInfo = {
      ...site,
      agencies: [
        { ...site.agencies[0]!, name: 'Dinas Kependudukan dan Pencatatan Sipil', nameEn: 'Population and Civil Registry Office', shortName: 'Disdukcapil', shortNameEn: 'Civil Registry' },
        { ...site.agencies[1]!, name: 'Kantor Imigrasi', nameEn: 'Immigration Office', shortName: 'Imigrasi' },
      ],
    };
    const names = (english: boolean) => waitingPerAgency(named, {}, null, english).map((a) => [a.name, a.fullName]);
    expect(names(false)).toEqual([
      ['Disdukcapil', 'Dinas Kependudukan dan Pencatatan Sipil'],
      ['Imigrasi', 'Kantor Imigrasi'],
    ]);
    // In English: the English short name, else the English name (the Indonesian short name only without one).
    expect(names(true)).toEqual([
      ['Civil Registry', 'Population and Civil Registry Office'],
      ['Immigration Office', 'Immigration Office'],
    ]);
    const noEnglish = { ...named, agencies: [{ ...named.agencies[1]!, nameEn: undefined }] } as SiteInfo;
    expect(waitingPerAgency(noEnglish, {}, null, true)[0]!.name).toBe('Imigrasi');
  });

  it('filters agencies by the display entry of the site', () => {
    expect(displayAgencies(site, 'lobby')).toBeNull();
    expect(displayAgencies(site, 'unknown')).toBeNull();
    const f = displayAgencies(site, 'lt2');
    expect([...(f ?? [])]).toEqual(['imigrasi']);
    expect(waitingPerAgency(site, snapshot.waiting, f).map((a) => a.agencyId)).toEqual(['imigrasi']);
    let s = stateFromSnapshot(snapshot);
    s = applyEvent(s, call(5, ticket('t1', 'A-001', 'ktp', 'dukcapil'), '1')).state;
    s = applyEvent(s, call(6, ticket('t2', 'P-001', 'paspor', 'imigrasi'), '9')).state;
    s = applyEvent(s, call(7, ticket('t4', 'P-002', 'paspor', 'imigrasi'), '9')).state;
    expect(lastCallPerCounter(s.calls, f, 8).map((c) => c.number)).toEqual(['P-002']);
    expect(lastCallPerCounter(s.calls, null, 8).map((c) => c.number)).toEqual(['P-002', 'A-001']);
  });
});
