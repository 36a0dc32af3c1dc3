import { describe, expect, it } from 'vitest';
import { parseSite } from '../../src/domain/site.js';
import { sampleSite } from '../support/harness.js';

describe('site file validation', () => {
  it('accepts the sample mall', () => {
    const s = parseSite(sampleSite('mpp-demo'));
    expect(s.services.size).toBe(15);
    expect(s.counters.get('3')).toMatchObject({ name: 'Loket 3', agencyId: 'dukcapil', services: [['ktp']] });
    expect(s.def.users.find((u) => u.username === 'staff-9')?.agencyIds).toEqual(['imigrasi']);
  });

  it('takes short agency names as optional: a file without them stays valid, an empty or overlong one is named', () => {
    const raw = sampleSite('x');
    const agencies = raw.agencies as { shortName?: string; shortNameEn?: string }[];
    expect(parseSite(raw).def.agencies[0]).toMatchObject({ shortName: 'Disdukcapil', shortNameEn: 'Civil Registry' });
    for (const a of agencies) {
      delete a.shortName;
      delete a.shortNameEn;
    }
    expect(parseSite(raw).def.agencies[0]!.shortName).toBeUndefined();
    agencies[0]!.shortName = '';
    expect(() => parseSite(raw)).toThrow(/agencies\.0\.shortName/);
    agencies[0]!.shortName = 'x'.repeat(33);
    expect(() => parseSite(raw)).toThrow(/agencies\.0\.shortName/);
  });

  it('names every bad field', () => {
    const raw = sampleSite('x');
    (raw.agencies as { services: { prefix: string }[] }[])[1]!.services[0]!.prefix = 'A';
    raw.counters[0]!.agencyId = 'nobody';
    (raw as Record<string, unknown>).priorityBoostMinutes = { priority: -1, appointment: 45 };
    expect(() => parseSite(raw)).toThrow(/priorityBoostMinutes\.priority/);
    (raw as Record<string, unknown>).priorityBoostMinutes = { priority: 30, appointment: 45 };
    let msg = '';
    try {
      parseSite(raw);
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toContain('agencies.1.services.0.prefix: duplicate prefix "A"');
    expect(msg).toContain('counters.0.agencyId: unknown agency "nobody"');
  });

  it('refuses a password that is not an scrypt hash', () => {
    const raw = sampleSite('x');
    (raw.users as { passwordHash: string }[])[0]!.passwordHash = 'demo';
    expect(() => parseSite(raw)).toThrow(/users\.0\.passwordHash/);
  });
});
