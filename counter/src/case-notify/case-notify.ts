/** Registers `<counter-case-notify>`: the applicant's phone for case messages, with consent. */
import type { CaseNotify } from '../../../server/protocol';
import { CounterCaseNotify } from './case-notify.component';

export { CounterCaseNotify };

customElements.define('counter-case-notify', CounterCaseNotify);

declare global {
  interface HTMLElementTagNameMap {
    'counter-case-notify': CounterCaseNotify;
  }
  interface HTMLElementEventMap {
    /** The clerk recorded the applicant's phone and consent. */
    'counter-case-notify': CustomEvent<CaseNotify>;
  }
}
