/** Styles of <loket-lobby-display>: large type, high contrast, read from 5 m on 1080p and 720p screens. */
import { css } from 'lit';

export const lobbyStyles = css`
  :host {
    display: block;
    height: 100vh;
    overflow: hidden;
    background: #06101f;
    color: #ffffff;
    font-family: 'Segoe UI', Roboto, 'Noto Sans', system-ui, sans-serif;
  }
  .screen {
    display: grid;
    height: 100%;
    grid-template-columns: 3fr 2fr;
    grid-template-rows: auto 1fr auto auto;
  }
  header {
    grid-column: 1 / -1;
    display: flex;
    align-items: center;
    gap: 2vw;
    padding: 1.2vh 2vw;
    background: #0d2347;
    font-size: 3vh;
  }
  header .site {
    flex: 1;
    margin: 0;
    font-size: 3vh;
    font-weight: 700;
    line-height: 1.15;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  header .site small {
    display: block;
    font-size: 2.3vh;
    font-weight: 600;
    color: #cfe0ff;
  }
  .refused {
    min-height: 100vh;
    box-sizing: border-box;
    padding: 6vh 4vw;
    font-size: 2.6vh;
  }
  .refused-box {
    max-width: 40rem;
    margin: 0 auto;
    padding: 2rem;
    border-radius: 0.75rem;
    background: #5c0011;
    border: 3px solid #ff8a8a;
    text-align: center;
  }
  .refused-box h1 {
    margin: 0 0 0.5rem;
    font-size: 2.2rem;
  }
  .refused-box p {
    margin: 0;
    font-size: 1.4rem;
    line-height: 1.4;
  }
  .clock {
    font-variant-numeric: tabular-nums;
    font-weight: 700;
    white-space: nowrap;
  }
  .status {
    display: flex;
    gap: 0.6vw;
    font-size: 2.2vh;
  }
  .pill {
    padding: 0.3vh 0.8vw;
    border-radius: 999px;
    background: #1f6f2a;
    white-space: nowrap;
  }
  .pill.warn {
    background: #b00020;
  }
  .pill.note {
    background: #5a4a00;
  }
  .current {
    display: flex;
    flex-direction: column;
    justify-content: center;
    align-items: center;
    text-align: center;
    padding: 2vh 2vw;
    border-right: 0.4vh solid #0d2347;
  }
  .label {
    font-size: 5vh;
    font-weight: 600;
    color: #cfe0ff;
  }
  .number {
    display: block;
    font-size: 24vh;
    line-height: 1;
    font-weight: 800;
    color: #ffd400;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .to {
    font-size: 9vh;
    font-weight: 700;
  }
  .tag {
    display: inline-block;
    margin-top: 0.4rem;
    padding: 0.1em 0.6em;
    border-radius: 0.4em;
    background: #ffd54f;
    color: #1a1a1a;
    font-weight: 700;
    font-size: clamp(1rem, 1.6vw, 2rem);
  }
  .tag.small {
    margin: 0;
    font-size: 0.6em;
    vertical-align: middle;
  }
  .service {
    font-size: 3.4vh;
    color: #cfe0ff;
  }
  .flash {
    animation: flash 0.8s ease-in-out 4;
  }
  @keyframes flash {
    50% {
      opacity: 0.25;
    }
  }
  .recent {
    padding: 2vh 2vw;
    overflow: hidden;
  }
  h2 {
    margin: 0 0 1vh;
    font-size: 3.4vh;
    color: #cfe0ff;
  }
  /* Seven calls fit above the two-line waiting chips at 16:9. */
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 4.4vh;
  }
  th {
    text-align: left;
    font-size: 2.6vh;
    color: #cfe0ff;
    font-weight: 600;
  }
  td {
    padding: 0.4vh 0;
    border-top: 0.2vh solid #1d3a6b;
    font-weight: 700;
  }
  td.num {
    color: #ffd400;
    font-variant-numeric: tabular-nums;
  }
  .waiting {
    grid-column: 1 / -1;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(max(15rem, 23vw), 1fr));
    gap: 0.6vh 1vw;
    padding: 1vh 2vw;
    background: #0a1a35;
    font-size: max(24px, 3.3vh);
  }
  .waiting h2 {
    grid-column: 1 / -1;
    font-size: max(20px, 2.6vh);
    margin: 0;
  }
  .chip {
    display: flex;
    align-items: center;
    gap: 0.6vw;
    justify-content: space-between;
    padding: 0.2vh 0.8vw;
    line-height: 1.1;
    border-radius: 0.5vh;
    background: #14305e;
    min-width: 0;
  }
  /* Long agency names take a second line instead of an ellipsis ("Kantor Kementeria…" said nothing). */
  .chip .name {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    overflow: hidden;
    overflow-wrap: anywhere;
  }
  .chip b {
    color: #ffd400;
    font-variant-numeric: tabular-nums;
  }
  .ticker {
    grid-column: 1 / -1;
    overflow: hidden;
    white-space: nowrap;
    background: #ffd400;
    color: #000;
    font-size: 3.4vh;
    font-weight: 600;
    padding: 0.8vh 0;
  }
  .ticker span {
    display: inline-block;
    padding-left: 100%;
    animation: ticker 40s linear infinite;
  }
  @keyframes ticker {
    to {
      transform: translateX(-100%);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .ticker span {
      animation: none;
      padding-left: 2vw;
    }
    .flash {
      animation: none;
    }
  }
  .message {
    grid-column: 1 / -1;
    display: grid;
    place-items: center;
    font-size: 5vh;
  }
`;
