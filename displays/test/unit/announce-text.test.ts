import { describe, expect, it } from 'vitest';
import {
  announcementText,
  numberToWords,
  spellDigits,
  spokenCounter,
  spokenTicketNumber,
} from '../../src/lobby/announce-text.js';

describe('Indonesian announcement text', () => {
  it('spells every digit of a ticket number in Indonesian', () => {
    expect(spellDigits('0123456789')).toBe('nol satu dua tiga empat lima enam tujuh delapan sembilan');
  });

  it('speaks the ticket number as its letters then each digit', () => {
    expect(spokenTicketNumber('A-012')).toBe('A nol satu dua');
    expect(spokenTicketNumber('P-100')).toBe('P satu nol nol');
    expect(spokenTicketNumber('PS-007')).toBe('P S nol nol tujuh');
  });

  it('says counter numbers as Indonesian words', () => {
    const cases: [number, string][] = [
      [0, 'nol'],
      [1, 'satu'],
      [5, 'lima'],
      [10, 'sepuluh'],
      [11, 'sebelas'],
      [12, 'dua belas'],
      [19, 'sembilan belas'],
      [20, 'dua puluh'],
      [21, 'dua puluh satu'],
      [26, 'dua puluh enam'],
      [99, 'sembilan puluh sembilan'],
      [100, 'seratus'],
      [101, 'seratus satu'],
      [111, 'seratus sebelas'],
      [250, 'dua ratus lima puluh'],
      [1000, 'seribu'],
      [1012, 'seribu dua belas'],
      [2024, 'dua ribu dua puluh empat'],
    ];
    for (const [n, words] of cases) expect(numberToWords(n), String(n)).toBe(words);
  });

  it('refuses numbers it cannot say', () => {
    expect(() => numberToWords(-1)).toThrow(RangeError);
    expect(() => numberToWords(1.5)).toThrow(RangeError);
  });

  it('speaks counter names with their number in words', () => {
    expect(spokenCounter('Loket 5')).toBe('loket lima');
    expect(spokenCounter('Loket 12')).toBe('loket dua belas');
    expect(spokenCounter('7')).toBe('loket tujuh');
    expect(spokenCounter('Pojok UMKM')).toBe('loket Pojok UMKM');
    expect(spokenCounter('Loket Prioritas 2')).toBe('loket Prioritas dua');
  });

  it('builds the whole call announcement', () => {
    expect(announcementText('A-012', 'Loket 5')).toBe('Nomor antrian A nol satu dua, silakan menuju loket lima');
    expect(announcementText('P-003', 'Loket 12')).toBe('Nomor antrian P nol nol tiga, silakan menuju loket dua belas');
  });
});
