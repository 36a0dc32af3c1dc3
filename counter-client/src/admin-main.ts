/** Entry of `/admin`: the administration console, or the page of a set-password link (`#set-password=<token>`). */
import './components/loket-staff-app.js';
import './components/loket-admin.js';
import './components/loket-set-password.js';
import { lang } from './i18n/i18n.js';

document.documentElement.lang = lang();
const linkToken = new URLSearchParams(location.hash.slice(1)).get('set-password');
if (linkToken) {
  const app = document.querySelector('loket-staff-app');
  if (app) app.setPasswordToken = linkToken;
}
