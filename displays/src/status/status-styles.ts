/** Styles of <loket-ticket-status>: a phone page, large number, strong "called" banner. */
import { css } from 'lit';
import { lightPageStyles } from '../shared/light-page-styles.js';

export const statusStyles = [
  lightPageStyles,
  css`
    :host {
      font-size: 18px;
    }
    header {
      gap: 0.5rem;
      padding: 0.75rem 1rem;
    }
    header h1 {
      font-size: 1.2rem;
    }
    main {
      max-width: 560px;
      margin: 0 auto;
      padding: 1rem;
      display: grid;
      gap: 1rem;
    }
    .card {
      background: #fff;
      border-radius: 14px;
      padding: 1.25rem;
      box-shadow: 0 1px 6px rgb(0 0 0 / 0.12);
      text-align: center;
    }
    .num {
      font-size: 4.5rem;
      font-weight: 800;
      line-height: 1.1;
    }
    .compact {
      padding: 0.75rem 1.25rem;
    }
    /* Under the survey: number and state on one line, no agency line. */
    .compact .head {
      display: flex;
      align-items: center;
      justify-content: center;
      gap: 0.75rem;
    }
    .compact .num {
      font-size: 2.5rem;
    }
    .compact dl {
      margin-top: 0.5rem;
    }
    .state {
      display: inline-block;
      padding: 0.2rem 0.8rem;
      border-radius: 999px;
      background: #0f1a2b;
      color: #fff;
      font-weight: 700;
    }
    dl {
      display: grid;
      grid-template-columns: 1fr auto;
      gap: 0.4rem 1rem;
      text-align: left;
      margin: 1rem 0 0;
    }
    dd {
      margin: 0;
      font-weight: 700;
      text-align: right;
    }
    .called {
      background: #ffd400;
      color: #000;
      border-radius: 14px;
      padding: 1.25rem;
      font-size: 2rem;
      font-weight: 800;
      text-align: center;
      animation: pulse 1s ease-in-out 6;
    }
    .serving {
      background: #1f6f2a;
      color: #fff;
      border-radius: 14px;
      padding: 1rem;
      font-size: 1.4rem;
      font-weight: 700;
      text-align: center;
    }
    @keyframes pulse {
      50% {
        transform: scale(1.03);
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .called {
        animation: none;
      }
    }
    .conn {
      font-size: 0.9rem;
      color: #8a0000;
      text-align: center;
    }
    .muted {
      color: #33415c;
    }
    .alerts {
    display: block;
    width: 100%;
    min-height: 64px;
    margin: 0 0 1rem;
    padding: 0.75rem 1rem;
    font: inherit;
    font-weight: 700;
    border: 0;
    border-radius: 12px;
    background: #ffd400;
    color: #000;
  }
  .note {
    margin: 0.75rem 0 0;
    padding: 0.5rem 0.75rem;
    border-radius: 8px;
    background: #fff4e5;
    color: #3d2000;
    font-weight: 700;
  }
  .next-step,
  .thanks {
    font-weight: 700;
    font-size: 1.15rem;
  }
`,
];
