/** Look of the case panel: its head, the form's fieldsets and fields, the action bar, the banners. */
import { css } from 'lit';

export const casePanelStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
    border-radius: 18px;
    background: var(--nb-surface);
    box-shadow: var(--nb-shadow);
    overflow: hidden;
  }
  .head {
    display: flex;
    align-items: center;
    gap: 12px;
    padding: 12px 18px;
    border-bottom: 1px solid var(--nb-border);
    flex-wrap: wrap;
  }
  h2 {
    margin: 0;
    font-size: 19px;
  }
  .save {
    margin-inline-start: auto;
    font-size: 14px;
    color: var(--nb-muted);
  }
  .save.invalid {
    color: var(--nb-danger);
    font-weight: 600;
  }
  .body {
    flex: 1;
    overflow-y: auto;
    padding: 12px 18px 18px;
  }
  .empty {
    margin: 0;
    padding: 18px;
    font-size: 17px;
    color: var(--nb-muted);
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
  .grid {
    display: grid;
    grid-template-columns: repeat(3, minmax(0, 1fr));
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
  label.field.bad input,
  label.field.bad select {
    border: 2px solid var(--nb-danger);
  }
  .issue {
    color: var(--nb-danger);
    font-weight: 600;
  }
  label.check {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 3px 0;
    font-size: 15px;
  }
  label.check input {
    width: 20px;
    height: 20px;
  }
  .req {
    font-size: 12px;
    color: var(--nb-danger);
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    gap: 10px;
    padding: 10px 18px;
    border-top: 1px solid var(--nb-border);
  }
  .bar button,
  .new button,
  .banner button {
    min-height: 44px;
    padding: 0 16px;
    border-radius: 10px;
    border: 2px solid var(--nb-primary);
    background: var(--nb-surface);
    color: var(--nb-primary-strong);
    font-weight: 700;
  }
  .bar button.go,
  .new button {
    background: var(--nb-primary);
    color: var(--nb-primary-ink);
  }
  .bar button:disabled {
    opacity: 0.6;
  }
  .new {
    padding: 18px;
  }
  .banner {
    margin: 10px 18px 0;
    padding: 10px 14px;
    border-radius: 10px;
    display: flex;
    align-items: center;
    gap: 12px;
    background: var(--nb-danger-soft);
    color: var(--nb-danger);
    border: 2px solid var(--nb-danger);
    font-weight: 600;
  }
  .blockers {
    margin: 10px 18px 0;
    padding: 10px 14px;
    border-radius: 10px;
    background: var(--nb-warning-soft);
    color: #5c3d00;
    font-size: 14px;
  }
  .blockers ul {
    margin: 4px 0 0;
    padding-inline-start: 20px;
  }
`;
