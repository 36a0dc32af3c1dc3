/** Entry of `/report`: the page shell with the day's report and the staffing advice. */
import './components/loket-staff-app.js';
import './components/loket-report-page.js';
import { lang } from './i18n/i18n.js';

document.documentElement.lang = lang();
