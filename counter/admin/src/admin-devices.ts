/** Devices: kiosks (with their printer and a test print) and displays. */
import { html, nothing, type PropertyValues } from 'lit';
import type { AdminDevice } from '../../../server/protocol';
import { listDevices, testPrint, updateDevice } from './admin-api';
import { AdminTab, formText } from './admin-tab';

/** The Devices section. */
export class AdminDevices extends AdminTab {
  static override properties = { ...AdminTab.properties, devices: { state: true } };

  declare private devices: AdminDevice[];

  constructor() {
    super();
    this.devices = [];
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('context') && this.context) void this.load();
  }

  private async load(): Promise<void> {
    await this.run(async (c) => {
      this.devices = await listDevices(c);
    });
  }

  private save(device: AdminDevice, form: HTMLFormElement): void {
    const value = formText(new FormData(form), 'printer').trim();
    void this.run(async (c) => {
      await updateDevice(c, device.code, { printerUrl: value || null });
      this.devices = await listDevices(c);
    }, this.t('adminSaved'));
  }

  private print(device: AdminDevice): void {
    void this.run((c) => testPrint(c, device.code), this.t('adminTestPrinted'));
  }

  override render() {
    return html`
      ${this.notes()}
      <section class="card" aria-labelledby="dev-h">
        <h2 id="dev-h">${this.t('adminTabDevices')}</h2>
        <table>
          <thead>
            <tr>
              <th>${this.t('adminCode')}</th>
              <th>${this.t('adminKind')}</th>
              <th>${this.t('adminPrinter')}</th>
              <th>${this.t('adminPrinterStatus')}</th>
            </tr>
          </thead>
          <tbody>
            ${this.devices.map(
              (d) =>
                html`<tr>
                  <td>${d.code}</td>
                  <td>${d.kind}</td>
                  <td>
                    ${
                      d.kind === 'kiosk'
                        ? html`<form
                            class="grid"
                            @submit=${(e: SubmitEvent) => {
                              e.preventDefault();
                              this.save(d, e.currentTarget as HTMLFormElement);
                            }}
                          >
                            <input
                              name="printer"
                              size="32"
                              .value=${d.printerUrl ?? ''}
                              aria-label="${this.t('adminPrinter')}: ${d.code}"
                            />
                            <button type="submit" ?disabled=${this.busy}>
                              ${this.t('adminSave')}
                            </button>
                            <button
                              type="button"
                              class="secondary"
                              ?disabled=${this.busy || !d.printerUrl}
                              @click=${() => this.print(d)}
                            >
                              ${this.t('adminTestPrint')}
                            </button>
                          </form>`
                        : nothing
                    }
                  </td>
                  <td>${d.printerStatus ?? '—'}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </section>
    `;
  }
}

customElements.define('counter-admin-devices', AdminDevices);

declare global {
  interface HTMLElementTagNameMap {
    'counter-admin-devices': AdminDevices;
  }
}
