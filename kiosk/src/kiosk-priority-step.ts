/** "Do you need priority service?": none or one of the office's categories, each with a pictogram. */
import { LitElement, css, html } from 'lit';
import type { Language, PriorityCategory } from '../../server/protocol';
import { translate } from '../../ui/i18n';
import { base } from '../../ui/theme';
import { icon, type KioskIcon } from './kiosk-icons';
import { step } from './kiosk-styles';
import { GhostTapController } from '../../ui/controllers/ghost-tap-controller';

/** The priority code meaning "the regular queue". */
export const NO_PRIORITY = 'none';

/** Detail of `kiosk-priority-select`. */
export interface PrioritySelectDetail {
  priority: string;
}

const ICONS: Readonly<Record<string, KioskIcon>> = {
  disability: 'wheelchair',
  elderly: 'elderly',
  pregnant: 'pregnant',
};

/** Priority choice; dispatches `kiosk-priority-select` or `kiosk-back`. */
export class KioskPriorityStep extends LitElement {
  static override styles = [
    base,
    step,
    css`
      .choices {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(420px, 100%), 1fr));
        gap: 20px;
      }
      .big {
        min-height: 140px;
      }
      .none {
        grid-column: 1 / -1;
        border-color: var(--nb-primary);
      }
      @container (max-height: 900px) {
        .big {
          min-height: 104px;
        }
      }
    `,
  ];

  static override properties = {
    priorities: { attribute: false },
    serviceName: {},
    language: {},
  };

  /** The office's priority categories (`none` is offered besides them). */
  declare priorities: readonly PriorityCategory[];
  /** The service the ticket is for, named in {@link language}. */
  declare serviceName: string;
  /** Language of the texts. */
  declare language: Language;

  private readonly ghostTap = new GhostTapController(this);

  constructor() {
    super();
    this.priorities = [];
    this.serviceName = '';
    this.language = 'tg';
  }

  private select(priority: string): void {
    if (this.ghostTap.tooSoon) return;
    this.dispatchEvent(
      new CustomEvent<PrioritySelectDetail>('kiosk-priority-select', {
        detail: { priority },
        bubbles: true,
        composed: true,
      }),
    );
  }

  private readonly onBack = (): void => {
    this.dispatchEvent(new CustomEvent('kiosk-back', { bubbles: true, composed: true }));
  };

  override render() {
    const t = (key: Parameters<typeof translate>[1]) => translate(this.language, key);
    return html`<button type="button" class="back" data-testid="step-back" @click=${this.onBack}>
        ${icon('back', 36)} ${t('kioskBack')}
      </button>
      <h2>${t('kioskPriorityTitle')}</h2>
      <p class="hint">
        ${this.serviceName ? html`<strong>${this.serviceName}</strong> · ` : ''}${t(
          'kioskPriorityHint',
        )}
      </p>
      <div class="choices" role="group" aria-label=${t('kioskPriorityTitle')}>
        <button
          type="button"
          class="big none"
          data-testid="priority-none"
          @click=${() => this.select(NO_PRIORITY)}
        >
          ${icon('person', 72)} ${t('kioskPriorityNone')}
        </button>
        ${this.priorities.map(
          (p) =>
            html`<button
              type="button"
              class="big"
              data-testid=${`priority-${p.code}`}
              @click=${() => this.select(p.code)}
            >
              ${icon(ICONS[p.code] ?? 'person', 72)} ${p.names[this.language]}
            </button>`,
        )}
      </div>`;
  }
}

customElements.define('kiosk-priority-step', KioskPriorityStep);

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-priority-step': KioskPriorityStep;
  }
  interface HTMLElementEventMap {
    'kiosk-priority-select': CustomEvent<PrioritySelectDetail>;
    'kiosk-back': CustomEvent<undefined>;
  }
}
