/** Styles of <loket-booking>: a phone-first light page, large touch targets, high contrast. */
import { css } from 'lit';
import { lightPageStyles } from '../shared/light-page-styles.js';

export const bookingStyles = [
  lightPageStyles,
  css`
    :host {
      font-size: 18px;
    }
    header {
      padding: 0.75rem 1rem;
      gap: 0.75rem;
    }
    header h1 {
      font-size: 1.2em;
    }
    header .site {
      font-size: 0.8em;
    }
    main {
      max-width: 40rem;
      margin: 0 auto;
      padding: 1rem;
    }
    section {
      background: #fff;
      border-radius: 12px;
      padding: 1rem;
      margin-bottom: 1rem;
      box-shadow: 0 1px 4px rgb(0 0 0 / 0.08);
    }
    h2 {
      font-size: 1.05em;
      margin: 0 0 0.75rem;
    }
    label {
      display: block;
      font-weight: 600;
      margin: 0.75rem 0 0.25rem;
    }
    select,
    input {
      box-sizing: border-box;
      width: 100%;
      font: inherit;
      padding: 0.6rem 0.75rem;
      min-height: 48px;
      border: 2px solid #5b6b84;
      border-radius: 10px;
      background: #fff;
      color: inherit;
    }
    .slots {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(6.5rem, 1fr));
      gap: 0.5rem;
    }
    .slots button {
      min-height: 56px;
      padding: 0.25rem;
      text-align: center;
      background: #fff;
      color: #0b3d91;
      border: 2px solid #0b3d91;
    }
    .slots button[aria-pressed='true'] {
      background: #0b3d91;
      color: #fff;
    }
    .slots button small {
      display: block;
      font-size: 0.75em;
      font-weight: 400;
    }
    button {
      font: inherit;
      min-height: 52px;
      padding: 0.6rem 1rem;
      border: 0;
      border-radius: 10px;
      background: #0b3d91;
      color: #fff;
      font-weight: 600;
      cursor: pointer;
    }
    button.secondary {
      background: #fff;
      color: #0b3d91;
      border: 2px solid #0b3d91;
    }
    button.danger {
      background: #fff;
      color: #a00000;
      border: 2px solid #a00000;
    }
    button:disabled {
      opacity: 0.5;
      cursor: default;
    }
    button:focus-visible,
    input:focus-visible,
    select:focus-visible {
      outline: 3px solid #ffb000;
      outline-offset: 2px;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      margin-top: 1rem;
    }
    .actions button {
      flex: 1;
    }
    .message {
      padding: 0.75rem 1rem;
      border-radius: 10px;
      background: #fff3f3;
      border: 2px solid #a00000;
      color: #6b0000;
      font-weight: 600;
    }
    .hint {
      color: #3d4b63;
      font-size: 0.9em;
    }
    .code {
      font-size: 2.2em;
      font-weight: 800;
      letter-spacing: 0.08em;
      text-align: center;
      margin: 0.25rem 0;
      font-family: ui-monospace, 'Roboto Mono', monospace;
    }
    .qr {
      display: block;
      margin: 0.5rem auto;
      width: 220px;
      height: 220px;
    }
    dl {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 0.35rem 1rem;
      margin: 0.75rem 0;
    }
    dt {
      color: #3d4b63;
    }
    dd {
      margin: 0;
      font-weight: 600;
    }
    .state {
      display: inline-block;
      padding: 0.1em 0.6em;
      border-radius: 0.4em;
      background: #e3ecfa;
      font-weight: 700;
    }
    .state.cancelled,
    .state.no_show {
      background: #fde2e2;
    }
  `,
];
