/** Layout of `<loket-counter-desk>`. */
import { css } from 'lit';
import { theme } from '../theme.js';
import { liveLineStyles } from './live-site-page.js';

export const deskStyles = [
  theme,
  liveLineStyles,
  css`
    :host {
      display: block;
    }
    .conn {
      margin: 0 0 0.5rem;
    }
    /* The shortcuts and the bookings fold away: the clerk's cycle fits one 1366x768 screen. */
    .fold {
      margin-top: 0.5rem;
    }
    .fold summary {
      cursor: pointer;
      font-weight: 700;
      font-size: 1.1rem;
    }
    .warn {
      margin: 0.5rem 0;
      padding: 0.4rem 0.6rem;
      border-left: 0.35rem solid var(--danger);
      background: #fff4e5;
      font-weight: 700;
    }
    .ask .choices {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
    }
    .ask .choices button {
      min-width: 8rem;
      font-size: 1.2rem;
      padding: 0.8rem 1.2rem;
    }
    /* The counter picker, its status and the connection on one line: the cycle below fits 1366x768. */
    .bar {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: center;
    }
    .bar .checkin {
      margin-left: auto;
    }
    .bar label {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      font-weight: 600;
    }
    .bar .conn {
      margin: 0;
    }
    .statuses,
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .profile {
      font-size: 1.2rem;
      margin: 0.4rem 0;
    }
    .error,
    .notice {
      margin: 0.3rem 0;
    }
    .grid {
      display: grid;
      grid-template-columns: minmax(22rem, 1fr) minmax(22rem, 1fr);
      gap: 1rem 1.5rem;
      align-items: start;
    }
    @media (max-width: 60rem) {
      .grid {
        grid-template-columns: 1fr;
      }
    }
    .grid > div {
      display: grid;
      gap: 0.6rem;
    }
    button.call {
      font-size: 2rem;
      padding: 0.6rem 1.5rem;
      min-height: 4.25rem;
      width: 100%;
    }
    .keys ul {
      margin: 0;
      padding-left: 1.25rem;
      columns: 2;
    }
  `,
];
