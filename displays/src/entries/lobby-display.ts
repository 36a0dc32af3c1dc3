/** Stable entry for embedding: `<script type="module" src="/ui/displays/assets/lobby-display.js">` + `<loket-lobby-display>`. */
export { LoketLobbyDisplay } from '../lobby/loket-lobby-display.js';
