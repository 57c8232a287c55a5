/** Look of the current-ticket panel: the big number, its facts, the command keys. */
import { css } from 'lit';

export const panelStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: 12px;
  }
  .facts {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 14px;
    font-size: 14px;
    color: var(--nb-muted);
    justify-content: flex-end;
  }
  .timer {
    font-size: 22px;
    font-weight: 800;
    color: var(--nb-primary-strong);
  }
  .paused {
    padding: 10px 14px;
    border-radius: 12px;
    background: var(--nb-warning-soft);
    border: 2px solid #e0b04a;
    color: #5c3d00;
    font-weight: 700;
  }
  .current {
    display: grid;
    grid-template-columns: 1fr auto;
    align-items: center;
    gap: 8px 24px;
    padding: 14px 18px;
    border-radius: 18px;
    background: var(--nb-surface);
    box-shadow: var(--nb-shadow);
    border-inline-start: 10px solid var(--nb-border);
    min-height: 132px;
  }
  .current.called {
    border-inline-start-color: #c27c00;
  }
  .current.serving {
    border-inline-start-color: var(--nb-primary);
  }
  h2 {
    grid-column: 1 / -1;
    margin: 0;
    font-size: 15px;
    font-weight: 700;
    color: var(--nb-muted);
    text-transform: uppercase;
    letter-spacing: 0.08em;
  }
  .number {
    margin: 0;
    font-size: 64px;
    line-height: 1;
    font-weight: 800;
  }
  .details {
    display: flex;
    flex-direction: column;
    align-items: flex-end;
    gap: 10px;
    text-align: end;
  }
  .service {
    font-size: 19px;
    font-weight: 700;
  }
  .status {
    display: inline-block;
    padding: 6px 14px;
    border-radius: 999px;
    font-size: 16px;
    font-weight: 700;
    background: var(--nb-bg);
  }
  .status.called {
    background: #fff1d1;
    color: #6b4500;
  }
  .status.serving {
    background: var(--nb-primary-soft);
    color: var(--nb-primary-strong);
  }
  .recalls {
    font-size: 15px;
    color: var(--nb-muted);
  }
  .empty {
    grid-column: 1 / -1;
    margin: 0;
    font-size: 22px;
    color: var(--nb-muted);
  }
  /*
   * Four columns that never grow past the panel (a 420px column on a 1024×768 screen): a label too
   * long for its key wraps, and the key moves under it, rather than the row running under the case.
   */
  .actions {
    container-type: inline-size;
    display: grid;
    grid-template-columns: repeat(4, minmax(0, 1fr));
    gap: 8px;
  }
  .actions button {
    min-width: 0;
    min-height: 56px;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 4px;
    padding: 6px 8px;
    text-align: center;
    border-radius: 12px;
    border: 2px solid var(--nb-border);
    background: var(--nb-surface);
    font-size: 15px;
    font-weight: 700;
    line-height: 1.2;
  }
  .actions button:hover:not(:disabled) {
    border-color: var(--nb-primary);
  }
  .actions button.primary {
    grid-column: span 2;
    min-height: 68px;
    font-size: 19px;
    background: var(--nb-primary);
    border-color: var(--nb-primary);
    color: var(--nb-primary-ink);
  }
  .actions button.primary:hover:not(:disabled) {
    background: var(--nb-primary-strong);
  }
  /* A 1366×768 laptop: the card and the keys get compact so the waiting list keeps 8+ rows. */
  @media (max-height: 820px) {
    :host {
      gap: 8px;
    }
    .current {
      min-height: 0;
      padding: 8px 14px;
      gap: 2px 16px;
    }
    h2 {
      font-size: 12px;
    }
    .number {
      font-size: 46px;
    }
    .details {
      gap: 3px;
    }
    .service {
      font-size: 16px;
    }
    .status {
      padding: 2px 10px;
      font-size: 14px;
    }
    .timer {
      font-size: 18px;
    }
    .actions {
      gap: 6px;
    }
    .actions button {
      min-height: 38px;
      flex-direction: row;
      gap: 6px;
      padding: 3px 6px;
      font-size: 13px;
      border-radius: 10px;
    }
    .actions button.primary,
    .actions button.secondary {
      min-height: 44px;
      font-size: 16px;
    }
    kbd {
      min-width: 20px;
      padding: 0 4px;
      font-size: 12px;
    }
  }
  .actions button.secondary {
    grid-column: span 2;
    min-height: 68px;
    font-size: 17px;
    border-color: var(--nb-primary);
    color: var(--nb-primary-strong);
  }
  .actions button:disabled {
    background: #f1f3f6;
    color: #6b7380;
    border-color: #dde2e8;
  }
  .keys {
    flex: none;
    display: inline-flex;
    gap: 6px;
  }
  .why,
  .note {
    grid-column: 1 / -1;
    font-size: 15px;
    font-weight: 600;
  }
  .why {
    color: var(--nb-primary-strong);
  }
  .note {
    padding: 4px 10px;
    border-radius: 8px;
    background: var(--nb-warning-soft);
    color: #5c3d00;
  }
  kbd {
    min-width: 28px;
    padding: 2px 7px;
    border-radius: 6px;
    border: 1px solid currentColor;
    font-family: inherit;
    font-size: 13px;
    font-weight: 700;
    opacity: 0.9;
  }
  /*
   * Keys under about 135px (a label of a long word and its key side by side need more): every key's
   * letter under its label, alike across the rows.
   */
  @container (max-width: 560px) {
    .actions button {
      flex-direction: column;
    }
  }
`;
