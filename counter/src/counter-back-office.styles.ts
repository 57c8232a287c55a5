/** Look of the back office: the worklist, the filter, the open case and its actions. */
import { css } from 'lit';

export const backOfficeStyles = css`
  :host {
    display: grid;
    grid-template-columns: minmax(380px, 1fr) minmax(0, 1.4fr);
    gap: 20px;
    padding: 20px 24px;
    min-height: 0;
    flex: 1;
  }
  section {
    display: flex;
    flex-direction: column;
    min-height: 0;
    border-radius: 18px;
    background: var(--nb-surface);
    box-shadow: var(--nb-shadow);
    overflow: hidden;
  }
  h2 {
    margin: 0;
    font-size: 20px;
  }
  .top {
    padding: 14px 18px;
    border-bottom: 1px solid var(--nb-border);
    display: flex;
    flex-direction: column;
    gap: 10px;
  }
  form {
    display: flex;
    gap: 8px;
    flex-wrap: wrap;
  }
  input,
  select,
  textarea {
    min-height: 38px;
    padding: 4px 10px;
    border: 1px solid #8a94a3;
    border-radius: 8px;
    background: #fff;
    font: inherit;
  }
  form input {
    flex: 1;
    min-width: 160px;
  }
  button {
    min-height: 40px;
    padding: 0 14px;
    border-radius: 10px;
    border: 2px solid var(--nb-primary);
    background: var(--nb-surface);
    color: var(--nb-primary-strong);
    font-weight: 700;
  }
  button.go {
    background: var(--nb-primary);
    color: var(--nb-primary-ink);
  }
  button:disabled {
    opacity: 0.6;
  }
  ul.list {
    list-style: none;
    margin: 0;
    padding: 0;
    overflow-y: auto;
    flex: 1;
  }
  ul.list li + li {
    border-top: 1px solid #edf0f4;
  }
  ul.list button {
    width: 100%;
    min-height: 56px;
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 2px 10px;
    text-align: start;
    border: 0;
    border-radius: 0;
    padding: 8px 18px;
    color: var(--nb-ink);
    font-weight: 400;
  }
  ul.list button[aria-current='true'] {
    background: var(--nb-primary-soft);
  }
  .muted {
    color: var(--nb-muted);
    font-size: 14px;
  }
  ul.list .subject {
    grid-column: 1 / -1;
  }
  .empty {
    padding: 18px;
    margin: 0;
    color: var(--nb-muted);
  }
  .body {
    overflow-y: auto;
    padding: 14px 18px;
    flex: 1;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 10px;
    align-items: flex-end;
    padding: 12px 18px;
    border-top: 1px solid var(--nb-border);
  }
  .actions label {
    display: flex;
    flex-direction: column;
    gap: 2px;
    flex: 1 1 100%;
    font-size: 14px;
    font-weight: 600;
  }
  .error {
    margin: 10px 18px 0;
    padding: 10px 14px;
    border-radius: 10px;
    background: var(--nb-danger-soft);
    color: var(--nb-danger);
    border: 2px solid var(--nb-danger);
    font-weight: 600;
  }
`;
