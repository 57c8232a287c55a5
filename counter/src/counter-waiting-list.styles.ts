/**
 * Look of the console's waiting list: the counts per service, and one row a ticket with its tags
 * (priority, booked, sent to a window) and its Call button; on a short screen one line a ticket.
 */
import { css } from 'lit';

export const waitingListStyles = css`
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
    justify-content: space-between;
    padding: 18px 22px 12px;
  }
  h2 {
    margin: 0;
    font-size: 20px;
  }
  .total {
    padding: 4px 14px;
    border-radius: 999px;
    background: var(--nb-primary);
    color: var(--nb-primary-ink);
    font-weight: 700;
    font-size: 16px;
  }
  .counts {
    list-style: none;
    margin: 0;
    padding: 0 22px 14px;
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    border-bottom: 1px solid var(--nb-border);
  }
  .counts li {
    display: inline-flex;
    gap: 8px;
    align-items: center;
    padding: 4px 10px;
    border-radius: 8px;
    background: var(--nb-bg);
    font-size: 14px;
  }
  .counts b {
    font-size: 16px;
  }
  .tickets {
    list-style: none;
    margin: 0;
    padding: 4px 0;
    overflow-y: auto;
    flex: 1;
    min-height: 0;
  }
  .tickets:focus-visible {
    outline: 3px solid var(--nb-primary);
    outline-offset: -3px;
  }
  .tickets li {
    display: grid;
    grid-template-columns: 64px 1fr auto auto;
    align-items: center;
    gap: 10px;
    padding: 2px 14px;
    font-size: 15px;
  }
  .tickets .what {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px 8px;
    min-width: 0;
  }
  .tag {
    padding: 0 7px;
    border-radius: 6px;
    font-size: 13px;
    font-weight: 700;
    white-space: nowrap;
  }
  .tag.priority {
    background: #7a3e00;
    color: #fff;
  }
  .tag.booked {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    background: #0b4f8a;
    color: #fff;
  }
  .tag.booked .clock {
    width: 13px;
    height: 13px;
  }
  .tag.sent {
    background: var(--nb-primary-soft);
    color: var(--nb-primary-strong);
  }
  .tickets .note {
    flex-basis: 100%;
    font-size: 13px;
    color: #5c3d00;
  }
  .tickets li + li {
    border-top: 1px solid #edf0f4;
  }
  .tickets .number {
    font-size: 20px;
    font-weight: 800;
  }
  .tickets .waited {
    color: var(--nb-muted);
    font-weight: 600;
  }
  .tickets li.other {
    color: var(--nb-muted);
  }
  .tickets li.other .number {
    font-weight: 600;
  }
  .tickets button {
    min-height: 32px;
    padding: 0 10px;
    border-radius: 8px;
    border: 2px solid var(--nb-primary);
    background: var(--nb-surface);
    color: var(--nb-primary-strong);
    font-size: 14px;
    font-weight: 700;
  }
  /* Not callable here (sent to another window, or a ticket is at this one): not a working button. */
  .tickets button:disabled {
    border: 2px dashed var(--nb-border);
    color: var(--nb-muted);
  }
  @media (max-height: 820px) {
    .head {
      padding: 8px 16px 6px;
    }
    h2 {
      font-size: 17px;
    }
    .total {
      padding: 2px 10px;
      font-size: 14px;
    }
    .counts {
      padding: 0 16px 6px;
      gap: 4px;
      /* Two lines of counts at most (an office of 10 services took five); the rest scrolls. */
      max-height: 46px;
      overflow-y: auto;
    }
    .counts li {
      padding: 1px 8px;
      font-size: 13px;
    }
    .tickets .number {
      font-size: 18px;
    }
    .tickets button {
      min-height: 28px;
      font-size: 13px;
    }
    /* One line a ticket, so 8 fit at 1366×768 with long (Tajik) service names and their tags:
       the name gives way (ellipsis; whole in its tooltip and in the counts above). A transfer
       note keeps its own line, and so do the tags of a ticket sent to a window. */
    .tickets .what {
      flex-wrap: nowrap;
      overflow: hidden;
    }
    /* A priority and a "to window N" tag together, on a narrow screen: they give way too (they
       were drawn over the minutes and under the Call button). */
    .tickets .what .tag {
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .tickets .what:has(.note),
    .tickets .what:has(.tag.sent) {
      flex-wrap: wrap;
    }
    .tickets .what .service {
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
  }
  .empty {
    margin: 0;
    padding: 24px 22px;
    font-size: 18px;
    color: var(--nb-muted);
  }
`;
