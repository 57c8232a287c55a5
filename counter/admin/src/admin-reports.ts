/** The summary report: a date range, charts by hour and by service, tables, and the CSV download. */
import { html, nothing, type PropertyValues } from 'lit';
import { reportStyles } from './admin-reports.styles';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
} from 'chart.js';
import type {
  AdminService,
  ReportByService,
  ReportSummary,
  SecondsStats,
} from '../../../server/protocol';
import '../../../ui/nb-date-field';
import { fetchSummary, listServices, summaryPath } from './admin-api';
import { caseStatusKey } from './audit-view';
import { formText, wrapWords, AdminTab } from './admin-tab';
import { contactTables } from './admin-report-contact';
import { casesTables, statsText } from './admin-report-cases';
import { rangeProblem, shownRange } from './admin-report-range';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const ISSUED_COLOUR = '#0a5c36';
const SERVED_COLOUR = '#f2c14e';

/** The Reports section. */
export class AdminReports extends AdminTab {
  static override styles = [...AdminTab.styles, reportStyles];

  static override properties = {
    ...AdminTab.properties,
    summary: { state: true },
    services: { state: true },
    from: { state: true },
    to: { state: true },
    edited: { state: true },
  };

  declare private summary: ReportSummary | undefined;
  declare private from: string;
  declare private to: string;
  /** The fields name other days than the figures on screen (until Show is pressed). */
  declare private edited: boolean;
  /** The catalogue, for service names in the page's language. */
  declare private services: AdminService[];
  private charts: Chart[] = [];

  constructor() {
    super();
    this.summary = undefined;
    // Empty until the first answer: the server knows the office's today, the browser may not.
    this.from = '';
    this.to = '';
    this.edited = false;
    this.services = [];
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.destroyCharts();
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('context') && this.context) void this.load();
    if (changed.has('summary') || changed.has('language')) this.drawCharts();
  }

  private async load(): Promise<void> {
    const wrong = rangeProblem(this.from, this.to);
    if (wrong) {
      // The figures on screen belong to the days asked before: not to these.
      this.summary = undefined;
      this.error = {
        ...wrong,
        code: 'validation_failed',
        detail: '',
        params: { ...wrong.params, from: this.t('adminFrom'), to: this.t('adminTo') },
      };
      return;
    }
    await this.run(async (c) => {
      const [summary, services] = await Promise.all([
        fetchSummary(c, this.from, this.to),
        this.services.length ? this.services : listServices(c),
      ]);
      this.services = services;
      this.summary = summary;
      this.from = summary.from;
      this.to = summary.to;
    });
    if (this.error) this.summary = undefined;
  }

  private readonly onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    this.from = formText(data, 'from');
    this.to = formText(data, 'to');
    this.edited = false;
    void this.load();
  };

  /** Typing other days leaves the figures of the days shown, marked as those until Show. */
  private readonly onInput = (event: Event): void => {
    // The fields' own values: their hidden inputs follow only at their next render.
    const form = event.currentTarget as HTMLFormElement;
    const day = (end: string) =>
      form.querySelector<HTMLElement & { value: string }>(`nb-date-field[name="${end}"]`)?.value;
    const s = this.summary;
    this.edited = !!s && (day('from') !== s.from || day('to') !== s.to);
  };

  private destroyCharts(): void {
    for (const chart of this.charts) chart.destroy();
    this.charts = [];
  }

  private drawCharts(): void {
    this.destroyCharts();
    const s = this.summary;
    if (!s || s.issued === 0) return;
    const byHour = this.renderRoot.querySelector<HTMLCanvasElement>('#chart-hour');
    const byService = this.renderRoot.querySelector<HTMLCanvasElement>('#chart-service');
    const datasets = (issued: number[], served: number[]) => [
      { label: this.t('adminIssued'), data: issued, backgroundColor: ISSUED_COLOUR },
      { label: this.t('adminServed'), data: served, backgroundColor: SERVED_COLOUR },
    ];
    const options = {
      responsive: true,
      maintainAspectRatio: false,
      animation: false as const,
      // Some air above the highest bar, so it does not look cut off.
      scales: { y: { beginAtZero: true, grace: '10%', ticks: { precision: 0 } } },
    };
    if (byHour) {
      this.charts.push(
        new Chart(byHour, {
          type: 'bar',
          data: {
            labels: s.byHour.map((h) => `${String(h.hour).padStart(2, '0')}:00`),
            datasets: datasets(
              s.byHour.map((h) => h.issued),
              s.byHour.map((h) => h.served),
            ),
          },
          options,
        }),
      );
    }
    if (byService) {
      this.charts.push(
        new Chart(byService, {
          type: 'bar',
          data: {
            labels: s.byService.map((b) => wrapWords(this.serviceName(b.service), 24)),
            datasets: datasets(
              s.byService.map((b) => b.issued),
              s.byService.map((b) => b.served),
            ),
          },
          // Bars across, names beside them: every name shown whole, however many services.
          options: {
            ...options,
            indexAxis: 'y',
            scales: { x: options.scales.y, y: { ticks: { autoSkip: false } } },
          },
        }),
      );
    }
  }

  private caseStatus(status: string): string {
    const key = caseStatusKey(status);
    return key ? this.t(key) : status;
  }

  private serviceName(code: string): string {
    return this.services.find((s) => s.code === code)?.names[this.language] ?? code;
  }

  private stats(st: SecondsStats) {
    return statsText(st);
  }

  /** The period's totals: issued, served, no-shows, wait and service time. */
  private renderTotals(s: ReportSummary) {
    return html`<table>
      <tbody>
        <tr>
          <th>${this.t('adminIssued')}</th>
          <td class="num">${s.issued}</td>
        </tr>
        <tr>
          <th>${this.t('adminServed')}</th>
          <td class="num">${s.served}</td>
        </tr>
        <tr>
          <th>${this.t('adminNoShow')}</th>
          <td class="num">${s.noShow}</td>
        </tr>
        <tr>
          <th>${this.t('adminExpired')}</th>
          <td class="num" data-testid="report-expired">${s.expired}</td>
        </tr>
        <tr>
          <th>${this.t('adminWait')}</th>
          <td class="num">${this.stats(s.waitSeconds)}</td>
        </tr>
        <tr>
          <th>${this.t('adminServiceTime')}</th>
          <td class="num">${this.stats(s.serviceSeconds)}</td>
        </tr>
      </tbody>
    </table>`;
  }

  /** The canvases `drawCharts` draws into. */
  private renderCharts() {
    // A bar pair and its name take 40 px: the service chart grows with the services shown.
    const services = this.summary?.byService.length ?? 0;
    return html`<div class="charts">
      <figure>
        <figcaption>${this.t('adminByHour')}</figcaption>
        <div class="chart">
          <canvas id="chart-hour" role="img" aria-label=${this.t('adminByHour')}></canvas>
        </div>
      </figure>
      <figure>
        <figcaption>${this.t('adminByService')}</figcaption>
        <div class="chart" style="height: ${Math.max(260, 60 + 40 * services)}px">
          <canvas id="chart-service" role="img" aria-label=${this.t('adminByService')}></canvas>
        </div>
      </figure>
    </div>`;
  }

  /** A service's row, with the share served within its target wait. */
  private renderServiceRow(s: ReportSummary, b: ReportByService) {
    const sla = s.sla.find((x) => x.service === b.service);
    return html`<tr>
      <td>${this.serviceName(b.service)}</td>
      <td class="num">${b.issued}</td>
      <td class="num">${b.served}</td>
      <td class="num">${b.noShow}</td>
      <td class="num">${this.stats(b.waitSeconds)}</td>
      <td class="num">${this.stats(b.serviceSeconds)}</td>
      <td class="num">
        ${
          sla?.share == null
            ? '—'
            : `${Math.round(sla.share * 100)}% (≤ ${this.t('minutes', { n: sla.targetMinutes })})`
        }
      </td>
    </tr>`;
  }

  private renderByService(s: ReportSummary) {
    return html`<h3>${this.t('adminByService')}</h3>
      <table>
        <thead>
          <tr>
            <th>${this.t('adminName')}</th>
            <th class="num">${this.t('adminIssued')}</th>
            <th class="num">${this.t('adminServed')}</th>
            <th class="num">${this.t('adminNoShow')}</th>
            <th class="num">${this.t('adminWait')}</th>
            <th class="num">${this.t('adminServiceTime')}</th>
            <th class="num">${this.t('adminWithinTarget')}</th>
          </tr>
        </thead>
        <tbody>
          ${s.byService.map((b) => this.renderServiceRow(s, b))}
        </tbody>
      </table>`;
  }

  private renderByCounter(s: ReportSummary) {
    return html`<h3>${this.t('adminByCounter')}</h3>
      <table>
        <thead>
          <tr>
            <th>${this.t('adminCounter')}</th>
            <th class="num">${this.t('adminServed')}</th>
            <th class="num">${this.t('adminServiceTime')}</th>
          </tr>
        </thead>
        <tbody>
          ${s.byCounter.map(
            (c) =>
              html`<tr>
                <td>${c.counter}</td>
                <td class="num">${c.served}</td>
                <td class="num">${this.stats(c.serviceSeconds)}</td>
              </tr>`,
          )}
        </tbody>
      </table>`;
  }

  private renderSummary(s: ReportSummary) {
    if (s.issued === 0) return html`<p class="muted">${this.t('adminNoData')}</p>`;
    return html`
      ${this.renderTotals(s)} ${this.renderCharts()} ${this.renderByService(s)}
      ${this.renderByCounter(s)}
    `;
  }

  /** The date range, and the CSV of the same range. */
  private renderRange() {
    const c = this.context;
    return html`<form class="grid" @submit=${this.onSubmit} @input=${this.onInput}>
      ${(['from', 'to'] as const).map(
        (end) =>
          html`<label
            >${this.t(end === 'from' ? 'adminFrom' : 'adminTo')}
            <nb-date-field name=${end} required .value=${this[end]} .language=${this.language}>
            </nb-date-field
          ></label>`,
      )}
      <button type="submit" ?disabled=${this.busy}>${this.t('adminShow')}</button>
      ${
        c && this.summary && !this.edited
          ? html`<a
              class="csv"
              href=${summaryPath(c, this.from, this.to, { language: this.language })}
              download
              >${this.t('adminDownloadCsv')}</a
            >`
          : nothing
      }
    </form>`;
  }

  override render() {
    return html`
      ${this.notes()}
      <section class="card" aria-labelledby="rep-h">
        <h2 id="rep-h">${this.t('adminTabReports')}</h2>
        ${this.renderRange()}
        ${this.summary ? shownRange((k, p) => this.t(k, p), this.summary, this.edited) : nothing}
        ${this.summary ? this.renderSummary(this.summary) : nothing}
        ${
          this.summary
            ? casesTables(
                this.summary,
                (k) => this.t(k),
                (type) => this.serviceName(type),
                (status) => this.caseStatus(status),
              )
            : nothing
        }
        ${this.summary ? contactTables(this.summary, (k) => this.t(k)) : nothing}
      </section>
    `;
  }
}

customElements.define('counter-admin-reports', AdminReports);

declare global {
  interface HTMLElementTagNameMap {
    'counter-admin-reports': AdminReports;
  }
}
