/**
 * Look of the console shell: the page's column and the two-column workspace (the header bar and the
 * banners have their own, in counter-header.ts and counter-banners.ts).
 */
import { css } from 'lit';

export const appStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    height: 100vh;
    background: var(--nb-bg);
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
  @media print {
    nb-connection-mark {
      display: none;
    }
  }
`;
