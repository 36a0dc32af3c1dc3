/** Tables of the supervisor floor. */
import { css } from 'lit';

export const tableStyles = css`
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    text-align: left;
    padding: 0.35rem 0.6rem;
    border-bottom: 1px solid var(--line);
    vertical-align: middle;
  }
  thead th {
    border-bottom: 3px solid var(--fg);
  }
  td.n {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  tr.agency th {
    background: var(--panel);
    font-size: 1.2rem;
  }
  .late {
    color: var(--danger);
    font-weight: 800;
  }
`;
