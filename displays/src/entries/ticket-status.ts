/** Stable entry for embedding: `<script type="module" src="/ui/displays/assets/ticket-status.js">` + `<loket-ticket-status>`. */
export { LoketTicketStatus } from '../status/loket-ticket-status.js';
