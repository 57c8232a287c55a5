/** Windows: which services each calls (call-next follows at once) and its name. */
import { html, nothing, type PropertyValues } from 'lit';
import type { AdminCounter, AdminService } from '../../../server/protocol';
import { listCounters, listServices, putCounter } from './admin-api';
import { formText, unservedServices, AdminTab } from './admin-tab';

/** The Windows section. */
export class AdminCounters extends AdminTab {
  static override properties = {
    ...AdminTab.properties,
    counters: { state: true },
    services: { state: true },
  };

  declare private counters: AdminCounter[];
  declare private services: AdminService[];

  constructor() {
    super();
    this.counters = [];
    this.services = [];
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('context') && this.context) void this.load();
  }

  private async load(): Promise<void> {
    await this.run(async (c) => {
      [this.counters, this.services] = await Promise.all([listCounters(c), listServices(c)]);
    });
  }

  private save(number: string, form: HTMLFormElement): void {
    const data = new FormData(form);
    const services = data.getAll('service').map(String);
    const name = formText(data, 'name').trim();
    const target = number || formText(data, 'number').trim();
    const isNew = number === '';
    void this.run(async (c) => {
      await putCounter(c, target, { services, name: name || null }, isNew);
      this.counters = await listCounters(c);
      // The new window is listed above now: the form is empty again for the next one.
      if (isNew) form.reset();
    }, this.l10n.t('adminSaved'));
  }

  private renderForm(counter: AdminCounter | undefined) {
    const id = counter ? `ctr-${counter.number}` : 'ctr-new';
    return html`<form
      class="grid"
      aria-labelledby=${id}
      @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        this.save(counter?.number ?? '', e.currentTarget as HTMLFormElement);
      }}
    >
      ${
        counter
          ? html`<h3 id=${id}>${this.l10n.t('adminCounter')} ${counter.number}</h3>`
          : html`<h3 id=${id}>${this.l10n.t('adminNewCounter')}</h3>
              <label
                >${this.l10n.t('adminCounter')}
                <input name="number" required pattern="[A-Za-z0-9]{1,8}" size="6"
              /></label>`
      }
      <label
        >${this.l10n.t('adminName')}
        <input name="name" maxlength="100" .value=${counter?.name ?? ''}
      /></label>
      <fieldset>
        <legend>${this.l10n.t('adminServicesCalled')}</legend>
        ${this.services.map(
          (s) =>
            html`<label class="inline"
              ><input
                type="checkbox"
                name="service"
                value=${s.code}
                .checked=${counter?.services.includes(s.code) ?? false}
              />${s.prefix} ${s.names[this.language]}</label
            >`,
        )}
      </fieldset>
      <button type="submit" ?disabled=${this.busy}>${this.l10n.t('adminSave')}</button>
    </form>`;
  }

  override render() {
    const unserved = unservedServices(this.services, this.counters);
    return html`
      <style>
        fieldset {
          display: flex;
          flex-wrap: wrap;
          gap: 6px 16px;
          border: 1px solid var(--nb-border);
          border-radius: 10px;
        }
        h3 {
          flex-basis: 100%;
        }
      </style>
      ${this.notes()}
      <section class="card" aria-labelledby="ctr-h">
        <h2 id="ctr-h">${this.l10n.t('adminTabCounters')}</h2>
        ${
          unserved.length
            ? html`<p class="note warn" role="status" data-testid="unserved-services">
                ${this.l10n.t('adminServicesWithoutWindow', {
                  services: unserved.map((s) => s.names[this.language]).join(', '),
                })}
              </p>`
            : nothing
        }
        ${this.counters.map((c) => this.renderForm(c))} ${this.renderForm(undefined)}
      </section>
    `;
  }
}

customElements.define('counter-admin-counters', AdminCounters);

declare global {
  interface HTMLElementTagNameMap {
    'counter-admin-counters': AdminCounters;
  }
}
