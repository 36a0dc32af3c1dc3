/** Styles of <loket-kiosk>: touch-sized targets (>= 64 px), high contrast, thermal-paper print. */
import { css } from 'lit';
import { lightPageStyles } from '../shared/light-page-styles.js';

export const kioskStyles = [
  lightPageStyles,
  css`
    :host {
      /* Grows with the screen: 22 px on a small tablet, about 30 px on a 1080 x 1920 kiosk. */
      font-size: clamp(22px, calc(2.4vmin + 4px), 34px);
      --paper-width: 48mm;
    }
    :host([paper='80']) {
      --paper-width: 72mm;
    }
    header {
      gap: 1rem;
      padding: 1rem 1.5rem;
    }
    loket-lang-switch {
      --loket-switch-min-height: 72px;
    }
    header h1 {
      font-size: 1.3em;
    }
    header .site {
      font-size: 0.75em;
    }
    main {
      padding: 1.5rem;
      max-width: 1200px;
      margin: 0 auto;
    }
    h2 {
      font-size: 1.35em;
      margin: 0.5rem 0 1.25rem;
    }
    .choices {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 14em), 1fr));
      gap: 1rem;
    }
    button {
      font: inherit;
      min-height: max(96px, 3.6em);
      padding: 0.75rem 1.25rem;
      border: 0;
      border-radius: 14px;
      background: #0b3d91;
      color: #fff;
      font-weight: 600;
      cursor: pointer;
      text-align: left;
      touch-action: manipulation;
    }
    button .facts {
      margin-top: 0.3em;
    }
    button[data-no-counter='true'] {
      background: #5b6577;
    }
    .hours {
      margin: 1.25rem 0 0;
      font-size: 0.9em;
    }
    .warn {
      padding: 1rem 1.25rem;
      border: 3px solid #b35c00;
      border-radius: 14px;
      background: #fff4e5;
      color: #3d2000;
      margin-bottom: 1.25rem;
    }
    .warn h2 {
      margin: 0 0 0.5rem;
    }
    .warn p {
      margin: 0;
    }
    /* Landscape (1280 x 800): the print and done buttons beside the ticket, never below the fold. */
    @media (orientation: landscape) {
      .ticket-step {
        display: grid;
        grid-template-columns: 1fr minmax(12em, auto);
        align-items: start;
        gap: 1.5rem;
      }
      .ticket-step .nav {
        flex-direction: column;
        margin-top: 0;
      }
    }
    @media (orientation: landscape) and (max-height: 900px) {
      header {
        padding: 0.4rem 1.5rem;
      }
      main {
        padding: 0.5rem 1.5rem;
      }
    }
    button small {
      display: block;
      font-weight: 400;
      font-size: 0.8em;
      opacity: 0.95;
    }
    button.booking {
      flex: 1;
      background: #0f6b3a;
      text-align: center;
    }
    button.priority {
      background: #7a1451;
    }
    button.secondary {
      min-height: 72px;
      background: #fff;
      color: #0b3d91;
      border: 3px solid #0b3d91;
      text-align: center;
    }
    button:disabled {
      opacity: 0.6;
    }
    button:focus-visible {
      outline: 4px solid #ffb000;
      outline-offset: 3px;
    }
    .nav {
      display: flex;
      gap: 1rem;
      margin-top: 1.5rem;
    }
    .nav button {
      flex: 1;
    }
    .message {
      padding: 1.5rem;
      border-radius: 14px;
      background: #fff3f3;
      border: 3px solid #a00000;
      color: #6b0000;
      font-size: 1.1em;
      font-weight: 600;
    }
    @media print {
      :host {
        min-height: 0;
        background: #fff;
        font-size: 10pt;
      }
      header,
      .nav,
      .no-print,
      h2 {
        display: none !important;
      }
      main {
        padding: 0;
      }
    }
  `,
];
