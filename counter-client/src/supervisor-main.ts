/** Entry of `/supervisor`: the page shell with the supervisor floor. */
import './components/loket-staff-app.js';
import './components/loket-supervisor-floor.js';
import { lang } from './i18n/i18n.js';

document.documentElement.lang = lang();
