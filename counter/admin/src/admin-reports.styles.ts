import { css } from 'lit';

/** The charts side by side, the range form, the CSV link styled as a button. */
export const reportStyles = css`
  .charts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(340px, 1fr));
    gap: 18px;
    margin: 16px 0;
  }
  figure {
    margin: 0;
  }
  figcaption {
    font-weight: 700;
    margin-bottom: 6px;
  }
  form.grid {
    margin-bottom: 14px;
  }
  a.csv {
    display: inline-flex;
    align-items: center;
    min-height: 36px;
    padding: 0 14px;
    border: 1px solid var(--nb-primary);
    border-radius: 8px;
    color: var(--nb-primary);
    font-weight: 600;
    text-decoration: none;
  }
  a.csv:hover {
    text-decoration: underline;
  }
  .chart {
    position: relative;
    height: 260px;
  }
`;
