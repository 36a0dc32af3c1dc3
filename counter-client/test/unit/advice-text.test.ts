import type { SiteInfo, StaffingResponse } from '@loket/engine/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { moveReason, siteNames, warningText } from '../../src/components/advice-text.js';
import { setLang } from '../../src/i18n/i18n.js';

const service = (id: string, name: string, nameEn: string, agencyId: string) => ({ id, name, nameEn, prefix: 'A', agencyId, avgServiceMinutes: 10, sla: { minutes: 20, share: 0.8 } });
const site: SiteInfo = {
  id: 'mpp',
  name: 'MPP',
  timezone: 'Asia/Jakarta',
  openNow: true,
  agencies: [
    { id: 'dukcapil', name: 'Dinas Kependudukan dan Pencatatan Sipil', nameEn: 'Civil Registry', services: [service('ktp', 'KTP-el', 'ID card', 'dukcapil'), service('kk', 'Kartu Keluarga', 'Family card', 'dukcapil')] },
    { id: 'pdam', name: 'Perumda Air Minum', services: [service('air', 'Pasang Baru Air', 'Water connection', 'pdam')] },
  ],
  counters: [{ id: '24', name: 'Loket 24', agencyId: 'pdam' }],
  displays: [],
};
type Warning = StaffingResponse['warnings'][number];
const base = { agencyId: 'dukcapil', message: 'ktp: ...', slaForecast: 0.5, waiting: 3, countersNeeded: 2, effectiveCounters: 1, sla: { minutes: 20, share: 0.8 } };
const ids = /(^|[^\w-])(ktp|kk|air|dukcapil|pdam)([^\w-]|$)/;

describe('advisor texts', () => {
  afterEach(() => setLang('id'));

  it('says every kind of warning by service and agency name, in Indonesian and English', () => {
    const warnings: Warning[] = [
      { ...base, serviceId: 'ktp', kind: 'sla', noCounterToMove: true },
      { ...base, serviceId: 'kk', kind: 'backlog', clearMinutes: 45 },
      { ...base, serviceId: 'kk', kind: 'backlog', clearMinutes: null },
      { ...base, serviceId: 'air', agencyId: 'pdam', kind: 'no_counter', slaForecast: 0 },
    ];
    const id = warnings.map((w) => warningText(w, siteNames(site)));
    expect(id).toEqual([
      'KTP-el: SLA 80% ≤ 20 mnt diperkirakan 50% dalam satu jam (2 loket dibutuhkan, 1 melayani); tidak ada loket Dinas Kependudukan dan Pencatatan Sipil lain yang bisa dipindah: tambah petugas atau bagikan layanan ke instansi lain',
      'Kartu Keluarga: 3 menunggu, yang terakhir dipanggil dalam ~45 mnt (SLA 20 mnt)',
      'Kartu Keluarga: 3 menunggu, loketnya sibuk dengan layanan tingkat pertama',
      'Pasang Baru Air: belum ada loket buka yang melayani; 3 menunggu',
    ]);
    setLang('en');
    const en = warnings.map((w) => warningText(w, siteNames(site)));
    expect(en[0]).toBe('ID card: SLA 80% ≤ 20 min forecast at 50% within the hour (counters needed 2, serving 1); no other counter of Civil Registry can be moved: add staff or share the service with another agency');
    expect(en[3]).toBe('Water connection: no open counter serves it; 3 waiting');
    for (const text of [...id, ...en]) expect(text).not.toMatch(ids);
  });

  it('words a move from its figures: serve, open, and back home', () => {
    const need = { countersNeeded: 1, forQueue: true, arrivalsPerHour: 0, serviceAvgMinutes: 6, effectiveCounters: 0, waiting: 3, sla: { minutes: 15, share: 0.8 }, slaForecast: 1 };
    const open = { counterId: '24', fromServices: [['air']], toServices: [['air']], reason: 'Buka loket dan layani air ...', kind: 'serve' as const, serviceId: 'air', need, open: true };
    const home = { counterId: '24', fromServices: [['kk'], ['ktp']], toServices: [['ktp']], reason: 'Kembalikan ...', kind: 'home' as const, released: [{ serviceId: 'kk', countersNeeded: 1, effectiveCounters: 1 }] };
    const names = siteNames(site);
    expect(names.counter('24')).toBe('Loket 24');
    expect(moveReason(open, names)).toBe('Buka loket dan layani Pasang Baru Air satu jam ke depan: 1 loket dibutuhkan (0/jam × 6 mnt, dan antrean), 0 melayani, 3 menunggu; SLA 80% ≤ 15 mnt diperkirakan 100%');
    expect(moveReason({ ...open, open: false, serviceId: 'kk', need: { ...need, forQueue: false } }, names)).toMatch(/^Dahulukan Kartu Keluarga satu jam ke depan: 1 loket dibutuhkan \(0\/jam × 6 mnt\)/);
    expect(moveReason(home, names)).toBe('Kembalikan ke profil semula: Kartu Keluarga cukup tanpa loket ini (1 loket dibutuhkan, 1 tetap melayani)');
    expect(moveReason({ ...home, released: [] }, names)).toBe('Kembalikan ke profil semula: layanannya tidak lagi kekurangan loket');
    setLang('en');
    const en = siteNames(site);
    expect(moveReason(open, en)).toBe('Open the counter and serve Water connection for the next hour: counters needed 1 (0/h × 6 min, and the queue), serving 0, waiting 3; SLA 80% ≤ 15 min forecast at 100%');
    expect(moveReason(home, en)).toBe('Back to its own profile: Family card manages without this counter (1 needed, 1 still serving)');
  });
});
