import { describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/i18n.js';
import { en } from '../../src/i18n/messages-en.js';
import { id } from '../../src/i18n/messages-id.js';

describe('message table', () => {
  it('has every key in both languages, with the same placeholders, and no empty text', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(id).sort());
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(id) as (keyof typeof id)[]) {
      expect(id[key].length, key).toBeGreaterThan(0);
      expect(holes(en[key]), key).toEqual(holes(id[key]));
    }
  });

  it('fills placeholders and speaks Indonesian first', () => {
    expect(t('calledTicket', { number: 'A-012', counter: 'Loket 5' })).toBe('A-012 dipanggil ke Loket 5.');
    expect(t('calledTicket', { number: 'A-012', counter: 'Loket 5' }, 'en')).toBe('A-012 called to Loket 5.');
    expect(t('callNext')).toBe('Panggil berikutnya');
  });

  it('has a plain sentence for each error the desk must explain', () => {
    for (const code of ['COUNTER_BUSY', 'FORBIDDEN', 'COUNTER_NOT_OPEN', 'INVALID_TRANSITION', 'UNAUTHENTICATED', 'nothingWaiting', 'network']) {
      expect(Object.hasOwn(id, `err_${code}`), code).toBe(true);
    }
  });
});
