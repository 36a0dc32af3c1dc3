/** What the kiosk and the ticket status page (light pages with a blue title bar) share. */
import { css } from 'lit';

export const lightPageStyles = css`
  :host {
    display: block;
    min-height: 100vh;
    background: #f3f5fa;
    color: #0f1a2b;
    font-family: 'Segoe UI', Roboto, 'Noto Sans', system-ui, sans-serif;
  }
  header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    background: #0b3d91;
    color: #fff;
  }
  header h1 {
    margin: 0;
  }
`;
