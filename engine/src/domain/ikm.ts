/**
 * Indeks Kepuasan Masyarakat per Permenpan RB No. 14/2017: nine elements U1..U9, each
 * answered 1-4. NRR per element = mean of its answers; IKM = mean(NRR) x 25 (the weighted
 * sum with equal weights 1/9); grade from the conversion table of the regulation.
 */
import { IKM_ELEMENTS, type IkmElement, type IkmElementRow, type IkmResponse } from '../protocol/index.js';

export type IkmAnswers = Partial<Record<IkmElement, number>>;

const GRADES: { min: number; grade: 'A' | 'B' | 'C' | 'D'; label: string }[] = [
  { min: 88.31, grade: 'A', label: 'Sangat Baik' },
  { min: 76.61, grade: 'B', label: 'Baik' },
  { min: 65.0, grade: 'C', label: 'Kurang Baik' },
  { min: 25.0, grade: 'D', label: 'Tidak Baik' },
];

const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;

export function computeIkm(responses: IkmAnswers[]): IkmResponse {
  const nrr: Partial<Record<IkmElement, number>> = {};
  const present: number[] = [];
  for (const u of IKM_ELEMENTS) {
    const values = responses.map((r) => r[u]).filter((v): v is number => typeof v === 'number');
    if (!values.length) continue;
    const exact = values.reduce((a, b) => a + b, 0) / values.length;
    present.push(exact);
    nrr[u] = round(exact, 3);
  }
  if (!responses.length || !present.length) return { responses: responses.length, nrr, ikm: null, grade: null, gradeLabel: null };
  const ikm = round((present.reduce((a, b) => a + b, 0) / present.length) * 25, 2);
  const g = GRADES.find((x) => ikm >= x.min) ?? GRADES[GRADES.length - 1]!;
  return { responses: responses.length, nrr, ikm, grade: g.grade, gradeLabel: g.label };
}

/** The grade of a value on the IKM scale (25-100): the regulation's conversion table. */
export function ikmGrade(value: number): { grade: 'A' | 'B' | 'C' | 'D'; label: string } {
  const g = GRADES.find((x) => value >= x.min) ?? GRADES[GRADES.length - 1]!;
  return { grade: g.grade, label: g.label };
}

/** The nine elements of Permenpan RB 14/2017 (Lampiran, "Ruang lingkup survei"). */
export const IKM_ELEMENT_NAMES: Record<IkmElement, string> = {
  U1: 'Persyaratan',
  U2: 'Sistem, Mekanisme, dan Prosedur',
  U3: 'Waktu Penyelesaian',
  U4: 'Biaya/Tarif',
  U5: 'Produk Spesifikasi Jenis Pelayanan',
  U6: 'Kompetensi Pelaksana',
  U7: 'Perilaku Pelaksana',
  U8: 'Penanganan Pengaduan, Saran dan Masukan',
  U9: 'Sarana dan Prasarana',
};

/** The element table: per element its respondents, NRR, weighted NRR (x 1/9), NRR x 25 and grade. */
export function elementTable(responses: IkmAnswers[]): IkmElementRow[] {
  return IKM_ELEMENTS.map((u) => {
    const values = responses.map((r) => r[u]).filter((v): v is number => typeof v === 'number');
    if (!values.length) return { element: u, name: IKM_ELEMENT_NAMES[u], responses: 0, nrr: null, weightedNrr: null, converted: null, grade: null };
    const nrr = values.reduce((a, b) => a + b, 0) / values.length;
    return {
      element: u,
      name: IKM_ELEMENT_NAMES[u],
      responses: values.length,
      nrr: round(nrr, 3),
      weightedNrr: round(nrr / 9, 3),
      converted: round(nrr * 25, 2),
      grade: ikmGrade(round(nrr * 25, 2)).grade,
    };
  });
}

/**
 * The Krejcie and Morgan (1970) table of minimum sample S by population N, the table
 * Permenpan RB 14/2017 (Lampiran, "Penentuan jumlah responden") refers to: [N, S].
 */
export const KREJCIE_MORGAN: readonly (readonly [number, number])[] = [
  [10, 10], [15, 14], [20, 19], [25, 24], [30, 28], [35, 32], [40, 36], [45, 40], [50, 44], [55, 48], [60, 52], [65, 56], [70, 59],
  [75, 63], [80, 66], [85, 70], [90, 73], [95, 76], [100, 80], [110, 86], [120, 92], [130, 97], [140, 103], [150, 108], [160, 113],
  [170, 118], [180, 123], [190, 127], [200, 132], [210, 136], [220, 140], [230, 144], [240, 148], [250, 152], [260, 155], [270, 159],
  [280, 162], [290, 165], [300, 169], [320, 175], [340, 181], [360, 186], [380, 191], [400, 196], [420, 201], [440, 205], [460, 210],
  [480, 214], [500, 217], [550, 226], [600, 234], [650, 242], [700, 248], [750, 254], [800, 260], [850, 265], [900, 269], [950, 274],
  [1000, 278], [1100, 285], [1200, 291], [1300, 297], [1400, 302], [1500, 306], [1600, 310], [1700, 313], [1800, 317], [1900, 320],
  [2000, 322], [2200, 327], [2400, 331], [2600, 335], [2800, 338], [3000, 341], [3500, 346], [4000, 351], [4500, 354], [5000, 357],
  [6000, 361], [7000, 364], [8000, 367], [9000, 368], [10000, 370], [15000, 375], [20000, 377], [30000, 379], [40000, 380],
  [50000, 381], [75000, 382], [1000000, 384],
];

/**
 * Minimum respondents for a population of N citizens served: the table's S for the smallest
 * listed N at or above the population (conservative between rows); below 10 every citizen;
 * above 1,000,000 the table's 384.
 */
export function krejcieMorgan(population: number): number {
  if (population <= 0) return 0;
  if (population < 10) return population;
  for (const [n, s] of KREJCIE_MORGAN) if (population <= n) return s;
  return 384;
}
