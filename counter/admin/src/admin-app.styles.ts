/** Look of the administration page: its header, the tab bar and the sections' frame. */
import { css } from 'lit';

export const adminAppStyles = css`
  :host {
    display: block;
    min-height: 100vh;
    background: var(--nb-bg);
  }
  header {
    display: flex;
    align-items: center;
    gap: 16px;
    padding: 0 24px;
    min-height: 60px;
    background: var(--nb-primary);
    color: var(--nb-primary-ink);
  }
  h1 {
    margin: 0;
    font-size: 20px;
    font-weight: 800;
  }
  .spacer {
    flex: 1;
  }
  header button,
  header select {
    min-height: 38px;
    padding: 0 12px;
    border-radius: 8px;
    border: 1px solid rgb(255 255 255 / 70%);
    background: transparent;
    color: #fff;
    font-weight: 600;
  }
  header select option {
    color: var(--nb-ink);
  }
  [role='tablist'] {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
    padding: 10px 24px 0;
    border-bottom: 2px solid var(--nb-border);
    background: var(--nb-surface);
  }
  [role='tab'] {
    min-height: 42px;
    /* Nine tabs on one row at 1366 px in every language (Tajik's are the longest). */
    padding: 0 12px;
    border: none;
    border-bottom: 4px solid transparent;
    background: transparent;
    font-size: 16px;
    font-weight: 600;
    color: var(--nb-muted);
  }
  [role='tab'][aria-selected='true'] {
    color: var(--nb-primary-strong);
    border-bottom-color: var(--nb-primary);
  }
  main {
    padding: 20px 24px;
  }
  form.login {
    width: min(420px, 100%);
    margin: 48px auto;
    display: flex;
    flex-direction: column;
    gap: 14px;
    padding: 28px;
    border-radius: 16px;
    background: var(--nb-surface);
    box-shadow: var(--nb-shadow);
  }
  form.login label {
    display: flex;
    flex-direction: column;
    gap: 6px;
    font-weight: 600;
  }
  form.login input {
    min-height: 44px;
    padding: 0 12px;
    border: 2px solid var(--nb-border);
    border-radius: 10px;
    font-size: 17px;
  }
  form.login button {
    min-height: 48px;
    border: none;
    border-radius: 10px;
    background: var(--nb-primary);
    color: var(--nb-primary-ink);
    font-size: 17px;
    font-weight: 700;
  }
  .error {
    margin: 0;
    padding: 10px 12px;
    border-radius: 10px;
    background: var(--nb-danger-soft);
    color: var(--nb-danger);
    font-weight: 600;
  }
`;
