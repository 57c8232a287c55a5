/** Styles of the hall display's page (display-app.ts): the TV's grid and its panels. */
import { css } from 'lit';
import { base, tokens } from '../../ui/theme';

export const displayAppStyles = [
  tokens,
  base,
  css`
    :host {
      display: grid;
      grid-template-rows: auto minmax(0, 1fr) auto auto;
      /* Nothing in a row (a long header) makes the page wider than the screen. */
      grid-template-columns: minmax(0, 1fr);
      height: 100vh;
      overflow: hidden;
      background: #0b1422;
      color: #fff;
    }
    header {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 3vh;
      padding: 1.2vh 4vh;
      background: var(--nb-primary);
    }
    /* In the header's flow, not over the windows' numbers in a corner of the screen. */
    header nb-connection-mark {
      position: static;
      min-width: 0;
      white-space: normal;
    }
    .brand {
      display: flex;
      align-items: baseline;
      gap: 2.4vh;
      min-width: 0;
      margin: 0;
    }
    .app-name {
      font-size: 4vh;
      font-weight: 800;
      letter-spacing: 0.14em;
      text-transform: uppercase;
    }
    .office {
      font-size: 3vh;
      font-weight: 600;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .time {
      display: flex;
      align-items: baseline;
      gap: 3vh;
      margin: 0;
      white-space: nowrap;
    }
    .date {
      font-size: 3vh;
      font-weight: 500;
    }
    .clock {
      font-size: 6vh;
      font-weight: 800;
    }
    .muted {
      font-size: 2.2vh;
      font-weight: 600;
      padding: 0.3vh 1.2vh;
      border: 0.2vh solid currentColor;
      border-radius: 1vh;
    }
    main {
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(0, 0.5fr);
    }
    main.many {
      /* Two columns of services need the room: names of three lines at a size read from afar. */
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
    }
    main {
      gap: 3.6vh;
      padding: 2vh 4vh 1.6vh;
      min-height: 0;
    }
    .windows {
      display: flex;
      flex-direction: row;
      align-items: center;
      gap: 2.4vh;
      padding: 0 4vh 2vh;
    }
    .windows h2 {
      margin: 0;
      flex: none;
    }
    display-windows {
      /* As tall as its rows: 8 vh for up to six windows, two lower rows for more. */
      flex: 1;
      min-width: 0;
    }
    section,
    aside {
      display: flex;
      flex-direction: column;
      min-height: 0;
    }
    h1,
    h2 {
      margin: 0 0 1.2vh;
      font-size: 3vh;
      font-weight: 700;
      color: #c9d6e8;
      text-transform: uppercase;
      letter-spacing: 0.08em;
    }
    h2.waiting-heading {
      /* As tall with the page mark as without: the list below keeps its height. */
      height: 3.6vh;
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 2vh;
    }
    .page-mark {
      display: flex;
      align-items: center;
      gap: 1.4vh;
      padding: 0.2vh 1.4vh;
      border-radius: 1vh;
      background: #1d3b63;
      color: #fff;
      font-size: 3vh;
      line-height: 1.1;
      font-weight: 800;
      letter-spacing: 0.04em;
    }
    .page-dots {
      display: flex;
      gap: 0.8vh;
    }
    .dot {
      width: 1.4vh;
      height: 1.4vh;
      border-radius: 50%;
      border: 0.25vh solid #fff;
    }
    .dot.on {
      background: var(--nb-gold);
      border-color: var(--nb-gold);
    }
    h2.below {
      margin-top: 1.2vh;
    }
    .next {
      display: flex;
      align-items: center;
      gap: 2.4vh;
      min-height: 6vh;
      margin: 1.2vh 0 0;
      padding: 0 2vh;
      border-radius: 1.6vh;
      background: #1d3b63;
      font-size: 4vh;
      font-weight: 800;
      overflow: hidden;
    }
    .next[hidden] {
      display: flex;
      visibility: hidden;
    }
    .next-label {
      font-size: 2.6vh;
      font-weight: 700;
      color: #c9d6e8;
      text-transform: uppercase;
      letter-spacing: 0.08em;
    }
    .next-call {
      white-space: nowrap;
    }
    .latest {
      flex: 0 0 37vh;
      min-height: 0;
    }
    display-latest-call {
      height: 100%;
    }
    display-recent-calls {
      flex: 1;
      min-height: 0;
    }
    display-waiting-list {
      flex: 1;
      min-height: 0;
      overflow: hidden;
    }
    display-ticker {
      height: 6.4vh;
    }
    .notice {
      font-size: 5vh;
      padding: 10vh;
      text-align: center;
    }
  `,
];
