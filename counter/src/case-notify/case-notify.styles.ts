/** Look of the consent block: one row of phone, language and button, the consent box above it. */
import { css } from 'lit';

export const caseNotifyStyles = css`
  :host {
    display: block;
  }
  fieldset {
    margin: 0 0 12px;
    padding: 8px 12px 12px;
    border: 1px solid var(--nb-border);
    border-radius: 12px;
  }
  legend {
    padding: 0 6px;
    font-weight: 700;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 8px 12px;
  }
  label.field {
    display: flex;
    flex-direction: column;
    gap: 2px;
    font-size: 13px;
    font-weight: 600;
    color: var(--nb-muted);
  }
  label.field input,
  label.field select {
    min-height: 34px;
    padding: 4px 8px;
    border: 1px solid #8a94a3;
    border-radius: 8px;
    background: #fff;
    color: var(--nb-ink);
    font-size: 15px;
    font-weight: 400;
  }
  label.field.bad input {
    border: 2px solid var(--nb-danger);
  }
  label.check {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 3px 0 8px;
    font-size: 15px;
  }
  label.check input {
    width: 20px;
    height: 20px;
  }
  button {
    min-height: 38px;
    padding: 0 14px;
    border-radius: 10px;
    border: 2px solid var(--nb-primary);
    background: var(--nb-primary);
    color: var(--nb-primary-ink);
    font-weight: 700;
  }
  button:disabled {
    opacity: 0.6;
  }
  .issue {
    color: var(--nb-danger);
    font-weight: 600;
    font-size: 14px;
  }
  .recorded {
    margin: 8px 0 0;
    color: var(--nb-primary-strong);
    font-weight: 600;
  }
`;
