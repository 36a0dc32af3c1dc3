/** Shared look: large type, high contrast (WCAG AA or better), visible focus. */
import { css } from 'lit';

export const theme = css`
  :host {
    --fg: #111;
    --bg: #fff;
    --muted: #3d3d3d;
    --line: #6b6b6b;
    --primary: #0b4f9c;
    --primary-fg: #fff;
    --ok: #0a6b2e;
    --warn: #8a4b00;
    --danger: #a0001c;
    --panel: #f1f4f8;
    --focus: #ffbf00;
    font-family: system-ui, 'Segoe UI', Roboto, Arial, sans-serif;
    font-size: 1.125rem;
    line-height: 1.4;
    color: var(--fg);
  }
  button,
  select,
  input {
    font: inherit;
    min-height: 2.75rem;
  }
  button {
    border: 2px solid var(--primary);
    background: var(--bg);
    color: var(--primary);
    border-radius: 0.4rem;
    padding: 0.4rem 1rem;
    font-weight: 600;
    cursor: pointer;
  }
  button.primary {
    background: var(--primary);
    color: var(--primary-fg);
  }
  button.danger {
    border-color: var(--danger);
    color: var(--danger);
  }
  button[disabled] {
    border-color: #767676;
    color: #4a4a4a;
    background: #e6e6e6;
    cursor: not-allowed;
  }
  button[aria-pressed='true'] {
    background: var(--fg);
    color: var(--bg);
    border-color: var(--fg);
  }
  input,
  select {
    border: 2px solid var(--line);
    border-radius: 0.3rem;
    padding: 0.3rem 0.5rem;
    background: var(--bg);
    color: var(--fg);
  }
  :focus-visible {
    outline: 4px solid var(--focus);
    outline-offset: 2px;
  }
  .error {
    color: var(--danger);
    font-weight: 600;
  }
  .notice {
    color: var(--ok);
    font-weight: 600;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  h1,
  h2,
  h3 {
    margin: 0 0 0.5rem;
    line-height: 1.2;
  }
`;
