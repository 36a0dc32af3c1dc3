/**
 * Indeks Kepuasan Masyarakat per Permenpan RB No. 14/2017: nine elements U1..U9, each
 * answered 1-4. NRR per element = mean of its answers; IKM = mean(NRR) x 25 (the weighted
 * sum with equal weights 1/9); grade from the conversion table of the regulation.
 */
import { IKM_ELEMENTS, type IkmElement, type IkmResponse } from '../protocol/index.js';

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
