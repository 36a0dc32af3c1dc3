/**
 * Page-level print rules for the kiosk ticket. `@page` has no effect inside a
 * shadow root, so the paper size lives in one <style> in the document head.
 */

export type Paper = '58' | '80';

const STYLE_ID = 'loket-kiosk-print-page';

/**
 * Page length per roll, in mm: a slip is about 118 mm long on 58 mm paper and 98 mm on 80 mm
 * (longer with a long service name or a priority tag). `size: 58mm auto` is not valid CSS
 * (Chromium ignored it and printed on Letter); a fixed length keeps each slip on one page.
 */
export const PAGE_LENGTH_MM: Record<Paper, number> = { '58': 140, '80': 120 };

export function applyPrintPage(paper: Paper): void {
  const doc = globalThis.document;
  if (!doc) return;
  let style = doc.getElementById(STYLE_ID);
  if (!style) {
    style = doc.createElement('style');
    style.id = STYLE_ID;
    doc.head.append(style);
  }
  style.textContent = `@media print {
  @page { size: ${paper}mm ${PAGE_LENGTH_MM[paper]}mm; margin: 0; }
  html, body { margin: 0 !important; padding: 0 !important; background: #fff !important; }
  body > :not(loket-kiosk) { display: none !important; }
}`;
}
