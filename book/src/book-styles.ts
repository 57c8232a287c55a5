/** The booking page's styles: large targets, high contrast, one column on a phone. */
import { css } from 'lit';

export const bookStyles = css`
  :host {
    display: block;
    max-width: 34rem;
    margin: 0 auto;
    padding: 0.75rem 1rem 2rem;
    font:
      18px/1.4 system-ui,
      sans-serif;
    color: #111;
  }
  header {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    justify-content: space-between;
  }
  h1 {
    font-size: 1.35rem;
    margin: 0.25rem 0;
  }
  /* Which office the page books or joins: a phone may hold links of several. */
  .office {
    margin: 0 0 0.25rem;
    font-weight: 600;
  }
  h2 {
    font-size: 1.15rem;
    margin: 1rem 0 0.5rem;
  }
  /* What to bring if at hand, under what to bring. */
  h3 {
    font-size: 1rem;
    margin: 0.75rem 0 0.5rem;
  }
  /* The language buttons apart, so a thumb takes one at a time. */
  nav {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  nav button {
    min-height: 2.75rem;
    padding: 0 0.6rem;
    border: 1px solid #0a5c36;
    background: #fff;
    color: #0a5c36;
    border-radius: 0.5rem;
    font: inherit;
    font-size: 0.9rem;
  }
  nav button[aria-pressed='true'] {
    background: #0a5c36;
    color: #fff;
  }
  .list {
    display: grid;
    gap: 0.5rem;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(6.5rem, 1fr));
    gap: 0.5rem;
  }
  .choice,
  .primary,
  .secondary {
    min-height: 3rem;
    border-radius: 0.6rem;
    font: inherit;
    padding: 0.5rem 0.75rem;
    text-align: start;
  }
  .choice {
    border: 2px solid #0a5c36;
    background: #fff;
    color: #111;
  }
  .choice:disabled {
    border-color: #999;
    color: #555;
  }
  .choice small {
    display: block;
    color: #0a5c36;
    font-size: 0.85rem;
  }
  .primary {
    width: 100%;
    border: 0;
    background: #0a5c36;
    color: #fff;
    font-weight: 600;
    text-align: center;
    margin-top: 0.75rem;
  }
  .primary:disabled {
    background: #6b8f7c;
  }
  .secondary {
    border: 0;
    background: none;
    color: #0a5c36;
    text-decoration: underline;
  }
  label {
    display: block;
    font-weight: 600;
  }
  .phone {
    display: flex;
    align-items: center;
    gap: 0.4rem;
    margin-top: 0.4rem;
  }
  input {
    font: inherit;
    font-size: 1.4rem;
    letter-spacing: 0.08em;
    padding: 0.5rem;
    width: 100%;
    /* Its padding and border inside the column's width, as the buttons below. */
    box-sizing: border-box;
    border: 2px solid #333;
    border-radius: 0.5rem;
  }
  .error {
    color: #a4000f;
    font-weight: 600;
  }
  .code {
    font-size: 2.6rem;
    font-weight: 700;
    letter-spacing: 0.12em;
    margin: 0.25rem 0;
  }
  .qr {
    width: 13rem;
    height: 13rem;
    background: #fff;
  }
  ul {
    padding-inline-start: 1.2rem;
  }
  :focus-visible {
    outline: 3px solid #c05a00;
    outline-offset: 2px;
  }
`;
