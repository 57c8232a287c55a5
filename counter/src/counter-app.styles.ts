/** Look of the console shell: the header bar, the banners, the two-column workspace. */
import { css } from 'lit';

export const appStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    height: 100vh;
    background: var(--nb-bg);
  }
  header {
    display: flex;
    align-items: center;
    gap: 16px;
    padding: 0 24px;
    min-height: 64px;
    background: var(--nb-primary);
    color: var(--nb-primary-ink);
  }
  .brand {
    margin: 0;
    font-size: 20px;
    font-weight: 800;
    letter-spacing: 0.12em;
    text-transform: uppercase;
  }
  .window {
    padding: 6px 14px;
    border-radius: 999px;
    background: rgb(255 255 255 / 16%);
    font-weight: 700;
    font-size: 17px;
  }
  .spacer {
    flex: 1;
  }
  .user {
    font-weight: 600;
  }
  header button,
  header select {
    min-height: 40px;
    padding: 0 14px;
    border-radius: 8px;
    border: 1px solid rgb(255 255 255 / 60%);
    background: transparent;
    color: #fff;
    font-size: 15px;
    font-weight: 600;
  }
  header select option {
    color: var(--nb-ink);
  }
  header button:hover {
    background: rgb(255 255 255 / 12%);
  }
  main {
    flex: 1;
    display: flex;
    flex-direction: column;
    min-height: 0;
    overflow: auto;
  }
  .workspace {
    flex: 1;
    display: grid;
    grid-template-columns: minmax(420px, 0.8fr) minmax(0, 1.2fr);
    gap: 14px;
    padding: 12px 16px 14px;
    min-height: 0;
  }
  .left {
    display: flex;
    flex-direction: column;
    gap: 12px;
    min-height: 0;
  }
  .left counter-waiting-list {
    flex: 1;
  }
  header a {
    color: #fff;
    font-weight: 600;
  }
  @media print {
    header,
    nb-connection-mark {
      display: none;
    }
  }
  .banner {
    margin: 16px 24px 0;
    padding: 14px 18px;
    border-radius: 12px;
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 16px;
    font-size: 17px;
    font-weight: 600;
  }
  .banner small {
    display: block;
    font-weight: 400;
    font-size: 14px;
    margin-top: 2px;
    color: var(--nb-ink);
  }
  .banner.error {
    background: var(--nb-danger-soft);
    color: var(--nb-danger);
    border: 2px solid var(--nb-danger);
  }
  .banner.info {
    background: var(--nb-warning-soft);
    color: #5c3d00;
    border: 2px solid #e0b04a;
  }
  .banner button {
    min-height: 40px;
    padding: 0 14px;
    border-radius: 8px;
    border: 1px solid currentColor;
    background: #fff;
    color: inherit;
    font-weight: 600;
  }
`;
