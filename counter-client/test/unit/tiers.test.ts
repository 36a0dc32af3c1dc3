import { describe, expect, it } from 'vitest';
import { formatTiers, parseTiers } from '../../src/tiers.js';

const known = new Set(['ktp', 'kk', 'akta', 'pindah']);

describe('counter services as text', () => {
  it('reads tiers split by | and services split by commas', () => {
    expect(parseTiers('ktp | kk, akta', known)).toEqual({ ok: true, tiers: [['ktp'], ['kk', 'akta']] });
    expect(parseTiers(' kk ', known)).toEqual({ ok: true, tiers: [['kk']] });
  });

  it('refuses empty tiers, repeated and unknown services', () => {
    expect(parseTiers('', known)).toEqual({ ok: false, reason: 'format' });
    expect(parseTiers('ktp | ', known)).toEqual({ ok: false, reason: 'format' });
    expect(parseTiers('ktp, ktp', known)).toEqual({ ok: false, reason: 'format' });
    expect(parseTiers('ktp | paspor', known)).toEqual({ ok: false, reason: 'unknown', id: 'paspor' });
  });

  it('writes what it reads', () => {
    const tiers = [['pindah'], ['akta', 'kk']];
    expect(formatTiers(tiers)).toBe('pindah | akta, kk');
    expect(parseTiers(formatTiers(tiers), known)).toEqual({ ok: true, tiers });
  });
});
