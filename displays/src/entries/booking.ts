/** Stable entry for embedding: `<script type="module" src="/ui/displays/assets/booking.js">` + `<loket-booking>`. */
export { LoketBooking } from '../booking/loket-booking.js';
