/** Stable entry for embedding: `<script type="module" src="/ui/displays/assets/kiosk.js">` + `<loket-kiosk>`. */
export { LoketKiosk } from '../kiosk/loket-kiosk.js';
