/**
 * The Indonesian announcement of a call, as handed to speech synthesis:
 * "Nomor antrian A nol satu dua, silakan menuju loket lima".
 * Pure: no DOM, unit-tested in test/unit/announce-text.test.ts.
 */

const DIGITS = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'] as const;

/** Each digit as its Indonesian word: "012" -> "nol satu dua". */
export function spellDigits(digits: string): string {
  return [...digits].map((d) => DIGITS[Number(d)] ?? d).join(' ');
}

/** A whole number (0 to 999 999) as Indonesian words: 12 -> "dua belas", 105 -> "seratus lima". */
export function numberToWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999_999) throw new RangeError(`numberToWords: ${n} is out of range`);
  if (n === 0) return 'nol';
  return below1000000(n);
}

function below1000000(n: number): string {
  if (n < 1000) return below1000(n);
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  const head = thousands === 1 ? 'seribu' : `${below1000(thousands)} ribu`;
  return rest ? `${head} ${below1000(rest)}` : head;
}

function below1000(n: number): string {
  if (n < 100) return below100(n);
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const head = hundreds === 1 ? 'seratus' : `${DIGITS[hundreds]} ratus`;
  return rest ? `${head} ${below100(rest)}` : head;
}

function below100(n: number): string {
  if (n < 10) return DIGITS[n] as string;
  if (n === 10) return 'sepuluh';
  if (n === 11) return 'sebelas';
  if (n < 20) return `${DIGITS[n - 10]} belas`;
  const tens = Math.floor(n / 10);
  const rest = n % 10;
  const head = `${DIGITS[tens]} puluh`;
  return rest ? `${head} ${DIGITS[rest]}` : head;
}

/** A ticket number as spoken: "A-012" -> "A nol satu dua", "PS-007" -> "P S nol nol tujuh". */
export function spokenTicketNumber(number: string): string {
  const parts: string[] = [];
  for (const token of number.toUpperCase().match(/[A-Z]|\d+/g) ?? []) {
    parts.push(/\d/.test(token) ? spellDigits(token) : token);
  }
  return parts.join(' ');
}

/**
 * A counter as spoken, lower case: "Loket 5" -> "loket lima", "Loket 12" -> "loket dua belas".
 * A name without a trailing number is spoken as written after "loket" when it
 * does not already start with it ("Pojok UMKM" -> "loket Pojok UMKM").
 */
export function spokenCounter(counterName: string): string {
  const name = counterName.trim();
  const m = /^(?:loket\s*)?(\d{1,6})$/i.exec(name);
  if (m) return `loket ${numberToWords(Number(m[1]))}`;
  const spoken = name.replace(/\d+/g, (d) => numberToWords(Number(d)));
  return /^loket\b/i.test(spoken) ? `loket${spoken.slice(5)}` : `loket ${spoken}`;
}

/** The full announcement of a call or recall. */
export function announcementText(ticketNumber: string, counterName: string): string {
  return `Nomor antrian ${spokenTicketNumber(ticketNumber)}, silakan menuju ${spokenCounter(counterName)}`;
}
