/** Devices: kiosks (with their printer and a test print) and displays; adding and pairing them. */
import { css, html, nothing, type PropertyValues } from 'lit';
import type { AdminDevice, DeviceKind } from '../../../server/protocol';
import { DeviceKinds } from '../../../server/protocol/constants';
import type { MessageKey } from '../../../ui/i18n/staff';
import {
  createDevice,
  deleteDevice,
  listDevices,
  pairDevice,
  testPrint,
  unpairDevice,
  updateDevice,
} from './admin-api';
import { AdminTab, formText } from './admin-tab';
import { ApiError, fetchOffice } from '../../../ui/api';
import type { ShownError } from '../../../ui/errors';

/** A refused printer address's reason (server/src/printing/printer-policy.ts) → its words. */
/** The details of a test print the printer did not take (printer-router.ts). */
interface PrintFailure {
  reason?: unknown;
  /** The kind of failure (server/src/printing/printer-error.ts). */
  failure?: unknown;
  error?: unknown;
}

/** Why the printer did not print, by the failure's kind, in the page's words (never the server's). */
const PRINT_FAILURES: Readonly<Record<string, MessageKey>> = {
  refused: 'adminPrinterWhyRefused',
  timeout: 'adminPrinterWhyTimeout',
  unreachable: 'adminPrinterWhyUnreachable',
  not_found: 'adminPrinterWhyUnreachable',
};

const PRINTER_REFUSALS: Readonly<Record<string, MessageKey>> = {
  bad_address: 'adminPrinterBadAddress',
  host_unknown: 'adminPrinterHostUnknown',
  outside_networks: 'adminPrinterOutsideNetworks',
  outside_devices: 'adminPrinterOutsideDevices',
  not_a_device: 'adminPrinterNotADevice',
  files_off: 'adminPrinterFilesOff',
  outside_spool: 'adminPrinterOutsideSpool',
};

const KIND_KEYS: Record<DeviceKind, MessageKey> = {
  kiosk: 'adminKindKiosk',
  display: 'adminKindDisplay',
};

/** The box with the pairing link, its field wide enough for the whole address. */
const deviceStyles = css`
  .link {
    margin: 14px 0;
    padding: 12px 14px;
    border-radius: 8px;
    background: var(--nb-primary-soft, #e3f0ea);
  }
  .link input {
    width: 100%;
    box-sizing: border-box;
    font-family: monospace;
  }
`;

/**
 * The page a device opens once to pair itself: its own page with the token in the address, under
 * `base` — where the office's devices reach the server (PUBLIC_URL as the server reports it), not
 * the host this admin page happens to be open on.
 */
export function pairingLink(
  base: string,
  office: string,
  device: AdminDevice,
  token: string,
): string {
  const query = new URLSearchParams({ office });
  if (device.kind === 'kiosk') query.set('kiosk', device.code);
  query.set('device', token);
  return `${base}/${device.kind === 'kiosk' ? 'kiosk' : 'display'}/?${query}`;
}

/** The Devices section. */
export class AdminDevices extends AdminTab {
  static override styles = [...AdminTab.styles, deviceStyles];

  static override properties = {
    ...AdminTab.properties,
    devices: { state: true },
    pairing: { state: true },
    newKind: { state: true },
  };

  declare private devices: AdminDevice[];
  /** The link of the device paired last (shown once, until the page changes). */
  declare private pairing: { code: string; link: string } | undefined;
  declare private newKind: DeviceKind;

  constructor() {
    super();
    this.devices = [];
    this.pairing = undefined;
    this.newKind = 'kiosk';
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('context') && this.context) void this.load();
  }

  private async load(): Promise<void> {
    await this.run(async (c) => {
      this.devices = await listDevices(c);
    });
  }

  /** A printer address the server refused: why, in the page's words (and what it allows). */
  protected override shownError(error: unknown): ShownError {
    // A test print the printer did not take: why, not "the service is unavailable".
    const failed =
      error instanceof ApiError ? (error.details as PrintFailure | undefined) : undefined;
    if (failed?.reason === 'printer_failed') {
      const kind = typeof failed.failure === 'string' ? PRINT_FAILURES[failed.failure] : undefined;
      const why = this.t(kind ?? 'adminPrinterWhyOther');
      return { key: 'adminPrinterDidNotPrint', code: 'unavailable', detail: '', params: { why } };
    }
    const issue =
      error instanceof ApiError
        ? (error.details as { issues?: Array<{ reason?: unknown; allowed?: unknown }> } | undefined)
            ?.issues?.[0]
        : undefined;
    const key = typeof issue?.reason === 'string' ? PRINTER_REFUSALS[issue.reason] : undefined;
    if (!key) return super.shownError(error);
    const allowed = Array.isArray(issue?.allowed) ? issue.allowed.join(', ') : '';
    return { key, code: 'validation_failed', detail: '', params: { allowed } };
  }

  private save(device: AdminDevice, form: HTMLFormElement): void {
    const value = formText(new FormData(form), 'printer').trim();
    void this.run(async (c) => {
      await updateDevice(c, device.code, { printerUrl: value || null });
      this.devices = await listDevices(c);
    }, this.l10n.t('adminSaved'));
  }

  private print(device: AdminDevice): void {
    void this.run(async (c) => {
      try {
        await testPrint(c, device.code);
      } finally {
        // Printed or not, the server now knows the printer's state: the table shows it. A list
        // that cannot be read leaves the old one, and the test print's own answer is what is said.
        this.devices = await listDevices(c).catch(() => this.devices);
      }
    }, this.l10n.t('adminTestPrinted'));
  }

  private pair(device: AdminDevice): void {
    void this.run(async (c) => {
      // The office's address first: once paired, the token must reach the screen whatever happens.
      const office = await fetchOffice(c.office).catch(() => undefined);
      const { device: paired, token } = await pairDevice(c, device.code);
      const base = office?.publicUrl ?? window.location.origin;
      this.pairing = { code: paired.code, link: pairingLink(base, c.office, paired, token) };
      this.devices = await listDevices(c);
    });
  }

  private unpair(device: AdminDevice): void {
    if (!window.confirm(this.l10n.t('adminUnpairConfirm', { device: device.code }))) return;
    void this.run(async (c) => {
      await unpairDevice(c, device.code);
      if (this.pairing?.code === device.code) this.pairing = undefined;
      this.devices = await listDevices(c);
    }, this.l10n.t('adminSaved'));
  }

  private removeDevice(device: AdminDevice): void {
    if (!window.confirm(this.l10n.t('adminRemoveDeviceConfirm', { device: device.code }))) return;
    void this.run(async (c) => {
      await deleteDevice(c, device.code);
      if (this.pairing?.code === device.code) this.pairing = undefined;
      this.devices = await listDevices(c);
    }, this.l10n.t('adminSaved'));
  }

  private readonly onCreate = (event: SubmitEvent): void => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const text = (k: string) => formText(data, k).trim();
    const kind = this.newKind;
    void this.run(async (c) => {
      await createDevice(c, {
        code: text('code'),
        kind,
        name: text('name') || null,
        printerUrl: kind === 'kiosk' ? text('printer') || null : null,
      });
      form.reset();
      this.newKind = 'kiosk';
      this.devices = await listDevices(c);
    }, this.l10n.t('adminSaved'));
  };

  private renderPrinter(d: AdminDevice) {
    if (d.kind !== 'kiosk') return nothing;
    return html`<form
      class="grid"
      @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        this.save(d, e.currentTarget as HTMLFormElement);
      }}
    >
      <input
        name="printer"
        size="28"
        .value=${d.printerUrl ?? ''}
        aria-label="${this.l10n.t('adminPrinter')}: ${d.code}"
      />
      <button type="submit" ?disabled=${this.busy}>${this.l10n.t('adminSave')}</button>
      <button
        type="button"
        class="secondary"
        ?disabled=${this.busy || !d.printerUrl}
        @click=${() => this.print(d)}
      >
        ${this.l10n.t('adminTestPrint')}
      </button>
    </form>`;
  }

  private renderPairing(d: AdminDevice) {
    return html`<span class="pill ${d.paired ? '' : 'off'}" data-testid="paired-${d.code}"
        >${this.l10n.t(d.paired ? 'adminPaired' : 'adminNotPaired')}</span
      >
      <button
        type="button"
        class="secondary"
        ?disabled=${this.busy}
        @click=${() => this.pair(d)}
        aria-label="${this.l10n.t(d.paired ? 'adminPairAgain' : 'adminPair')}: ${d.code}"
      >
        ${this.l10n.t(d.paired ? 'adminPairAgain' : 'adminPair')}
      </button>
      ${
        d.paired
          ? html`<button
              type="button"
              class="secondary"
              ?disabled=${this.busy}
              @click=${() => this.unpair(d)}
              aria-label="${this.l10n.t('adminUnpair')}: ${d.code}"
            >
              ${this.l10n.t('adminUnpair')}
            </button>`
          : nothing
      }`;
  }

  /** No printer: "—"; a printer nothing has printed on or probed yet: "Not checked yet". */
  private printerState(status: string | null, printerUrl: string | null | undefined): string {
    if (!printerUrl) return this.l10n.t('notGiven');
    switch (status) {
      case 'online':
        return this.l10n.t('adminPrinterOnline');
      case 'offline':
        return this.l10n.t('adminPrinterOffline');
      case null:
      default:
        return this.l10n.t('adminPrinterUnknown');
    }
  }

  /** The link of the device paired last, selected on focus for copying. */
  private renderPairingLink() {
    if (!this.pairing) return nothing;
    return html`<div class="link" role="status" data-testid="pairing-link">
      <label
        >${this.l10n.t('adminPairingLink', { device: this.pairing.code })}
        <input
          readonly
          .value=${this.pairing.link}
          @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()}
      /></label>
    </div>`;
  }

  private renderTable() {
    return html`<table>
      <thead>
        <tr>
          <th>${this.l10n.t('adminCode')}</th>
          <th>${this.l10n.t('adminName')}</th>
          <th>${this.l10n.t('adminKind')}</th>
          <th>${this.l10n.t('adminPairing')}</th>
          <th>${this.l10n.t('adminPrinter')}</th>
          <th>${this.l10n.t('adminPrinterStatus')}</th>
          <th><span class="sr-only">${this.l10n.t('adminRemoveDevice')}</span></th>
        </tr>
      </thead>
      <tbody>
        ${this.devices.map(
          (d) =>
            html`<tr>
              <td>${d.code}</td>
              <td class="free">${d.name ?? '—'}</td>
              <td>${this.l10n.t(KIND_KEYS[d.kind as DeviceKind] ?? 'adminKindKiosk')}</td>
              <td>${this.renderPairing(d)}</td>
              <td>${this.renderPrinter(d)}</td>
              <td data-testid="printer-state-${d.code}">
                ${d.kind === 'kiosk' ? this.printerState(d.printerStatus, d.printerUrl) : ''}
              </td>
              <td>
                <button
                  type="button"
                  class="danger"
                  ?disabled=${this.busy}
                  @click=${() => this.removeDevice(d)}
                  aria-label="${this.l10n.t('adminRemoveDevice')}: ${d.code}"
                >
                  ${this.l10n.t('adminRemoveDevice')}
                </button>
              </td>
            </tr>`,
        )}
      </tbody>
    </table>`;
  }

  /** Adding a device: code, kind, name, and a kiosk's printer. */
  private renderNewDevice() {
    return html`<h3 id="new-device">${this.l10n.t('adminNewDevice')}</h3>
      <form class="grid" aria-labelledby="new-device" @submit=${this.onCreate}>
        <label
          >${this.l10n.t('adminCode')}
          <span class="muted hint" id="new-device-hint">${this.l10n.t('adminDeviceCodeHint')}</span>
          <input
            name="code"
            required
            size="8"
            pattern="[A-Za-z0-9_\\-]{1,40}"
            title=${this.l10n.t('adminDeviceCodeHint')}
            aria-describedby="new-device-hint"
        /></label>
        <label
          >${this.l10n.t('adminKind')}
          <select
            name="kind"
            @change=${(e: Event) =>
              (this.newKind = (e.target as HTMLSelectElement).value as DeviceKind)}
          >
            ${DeviceKinds.map(
              (k) =>
                html`<option value=${k} ?selected=${k === this.newKind}>
                  ${this.l10n.t(KIND_KEYS[k])}
                </option>`,
            )}
          </select></label
        >
        <label>${this.l10n.t('adminName')} <input name="name" maxlength="100" /></label>
        ${
          this.newKind === 'kiosk'
            ? html`<label
                >${this.l10n.t('adminPrinter')}
                <input name="printer" size="24" placeholder="virtual · tcp://10.0.0.21:9100"
              /></label>`
            : nothing
        }
        <button type="submit" ?disabled=${this.busy}>${this.l10n.t('adminAdd')}</button>
      </form>`;
  }

  override render() {
    return html`
      ${this.notes()}
      <section class="card" aria-labelledby="dev-h">
        <h2 id="dev-h">${this.l10n.t('adminTabDevices')}</h2>
        ${this.renderPairingLink()} ${this.renderTable()} ${this.renderNewDevice()}
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
