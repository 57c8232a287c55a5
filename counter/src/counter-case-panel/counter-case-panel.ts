/** Registers `<counter-case-panel>`: the case beside the window's current ticket. */
import { CounterCasePanel, type ReceiptDetail } from './counter-case-panel.component';

export { CounterCasePanel, type ReceiptDetail };

customElements.define('counter-case-panel', CounterCasePanel);

declare global {
  interface HTMLElementTagNameMap {
    'counter-case-panel': CounterCasePanel;
  }
  interface HTMLElementEventMap {
    'counter-receipt': CustomEvent<ReceiptDetail>;
  }
}
