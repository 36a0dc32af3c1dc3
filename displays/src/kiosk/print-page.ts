/**
 * Page-level print rules for the kiosk ticket. `@page` has no effect inside a
 * shadow root, so the paper size lives in one <style> in the document head.
 */

export type Paper = '58' | '80';

const STYLE_ID = 'loket-kiosk-print-page';

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
  @page { size: ${paper}mm auto; margin: 0; }
  html, body { margin: 0 !important; padding: 0 !important; background: #fff !important; }
  body > :not(loket-kiosk) { display: none !important; }
}`;
}
