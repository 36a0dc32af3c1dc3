/** Entry of `/counter`: the page shell with the counter desk. */
import './components/loket-staff-app.js';
import './components/loket-counter-desk.js';
import { lang } from './i18n/i18n.js';

document.documentElement.lang = lang();
