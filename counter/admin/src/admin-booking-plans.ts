/**
 * Booking plans (admin, Bookings tab): how each service takes appointments — its own calendar, the
 * calendar of a room it books (the ceremony hall), or none — one row per service with the plan in
 * short, and an editor for one service at a time. Server refusals of the fields show in the form.
 */
import { css, html, nothing, type PropertyValues } from 'lit';
import type { AdminService } from '../../../server/protocol';
import type {
  BookingPlanInput,
  BookingResource,
  ServiceBookingPlan,
} from '../../../server/protocol/bookings';
import { call } from '../../../ui/api-client';
import { emit } from '../../../ui/emit';
import { listServices, type AdminContext } from './admin-api';
import { AdminTab } from './admin-tab';
import {
  NEW_PLAN,
  planFieldStyles,
  planInShort,
  planIssues,
  readPlanFields,
  renderPlanFields,
} from './plan-fields';

/** Fired after a plan or a room changed: the other booking cards reload. */
export const BOOKABLE_CHANGED = 'counter-admin-bookable-changed' as const;

/** Shared look of the two booking cards' editors. */
export const editorStyles = css`
  form.plan-form {
    padding: 12px 0 6px;
  }
  .actions {
    flex-basis: 100%;
    display: flex;
    flex-wrap: wrap;
    gap: 10px;
  }
  .problems {
    flex-basis: 100%;
  }
  .problems ul {
    margin: 0;
    padding-left: 18px;
  }
  input[type='radio'] {
    width: 22px;
    height: 22px;
    min-height: 0;
  }
  td.plan {
    min-width: 320px;
  }
  td.act {
    text-align: right;
    white-space: nowrap;
  }
`;

/** The "Booking plans" card. */
export class AdminBookingPlans extends AdminTab {
  static override styles = [...AdminTab.styles, planFieldStyles, editorStyles];

  static override properties = {
    ...AdminTab.properties,
    revision: { attribute: false },
    services: { state: true },
    plans: { state: true },
    rooms: { state: true },
    editing: { state: true },
    kind: { state: true },
    problems: { state: true },
  };

  /** Bumped by the Bookings tab when a booking card changed something: reload. */
  declare revision: number;
  declare private services: AdminService[];
  declare private plans: Record<string, ServiceBookingPlan>;
  declare private rooms: BookingResource[];
  /** The service whose plan is being edited. */
  declare private editing: string | undefined;
  /** `own` (its own calendar) or the code of the room it books, as chosen in the form. */
  declare private kind: string;
  /** What is wrong with the form, in the page's words. */
  declare private problems: string[];

  constructor() {
    super();
    this.revision = 0;
    this.services = [];
    this.plans = {};
    this.rooms = [];
    this.editing = undefined;
    this.kind = 'own';
    this.problems = [];
  }

  protected override updated(changed: PropertyValues): void {
    if ((changed.has('context') || changed.has('revision')) && this.context) void this.load();
  }

  private async load(): Promise<void> {
    // A reload after a change keeps the change's notice.
    const notice = this.notice || undefined;
    await this.run(async (c) => {
      const params = { office: c.office };
      const [services, plans, rooms] = await Promise.all([
        listServices(c),
        call('bookingPlans', { params, token: c.token }),
        call('bookingResources', { params, token: c.token }),
      ]);
      this.services = services;
      this.plans = plans.plans;
      this.rooms = rooms.resources;
    }, notice);
  }

  private edit(code: string | undefined): void {
    const plan = code === undefined ? undefined : this.plans[code];
    this.editing = code;
    this.notice = '';
    this.kind = plan && 'resource' in plan ? plan.resource : 'own';
    this.problems = [];
  }

  private serviceName(code: string): string {
    return this.services.find((s) => s.code === code)?.names[this.language] ?? code;
  }

  /** Sends one change of a plan, then says `done`; a refusal of its fields stays beside the form. */
  private async change(
    send: (c: AdminContext) => Promise<unknown>,
    done: string,
    sent?: BookingPlanInput,
  ): Promise<void> {
    let sentOk = false;
    await this.run(async (c) => {
      try {
        await send(c);
        sentOk = true;
      } catch (error) {
        this.problems = planIssues(error, this.language, sent);
        if (this.problems.length === 0) throw error;
      }
    });
    if (!sentOk) return;
    this.editing = undefined;
    this.notice = done;
    emit(this, BOOKABLE_CHANGED);
  }

  private readonly onSave = (event: SubmitEvent): void => {
    event.preventDefault();
    const service = this.editing;
    if (!service) return;
    const read =
      this.kind === 'own'
        ? readPlanFields(new FormData(event.currentTarget as HTMLFormElement), this.language)
        : undefined;
    this.problems = read?.problems ?? [];
    if (this.problems.length) return;
    const body: ServiceBookingPlan = read ? read.plan : { resource: this.kind };
    void this.change(
      (c) =>
        call('putBookingPlan', { params: { office: c.office, service }, body, token: c.token }),
      this.l10n.t('adminPlanSaved', { service: this.serviceName(service) }),
      read?.plan,
    );
  };

  private readonly onRemove = (): void => {
    const service = this.editing;
    if (!service) return;
    void this.change(
      (c) => call('deleteBookingPlan', { params: { office: c.office, service }, token: c.token }),
      this.l10n.t('adminPlanRemoved', { service: this.serviceName(service) }),
    );
  };

  /** The plan of a row in short: its hours, the room it books, or no bookings. */
  private inShort(plan: ServiceBookingPlan | undefined): string {
    if (!plan) return this.l10n.t('adminPlanNone');
    if (!('resource' in plan)) return planInShort(plan, this.language);
    const room = this.rooms.find((r) => r.code === plan.resource);
    return room ? room.names[this.language] : plan.resource;
  }

  private renderRow(s: AdminService) {
    const name = s.names[this.language];
    const open = this.editing === s.code;
    return html`<tr data-testid=${`plan-${s.code}`}>
        <th scope="row">${name}</th>
        <td class="plan">${this.inShort(this.plans[s.code])}</td>
        <td class="act">
          <button
            type="button"
            class="secondary"
            aria-expanded=${open ? 'true' : 'false'}
            aria-label=${this.l10n.t('adminPlanEditOf', { service: name })}
            @click=${() => this.edit(open ? undefined : s.code)}
          >
            ${this.l10n.t('adminPlanEdit')}
          </button>
        </td>
      </tr>
      ${
        open
          ? html`<tr>
              <td colspan="3">${this.renderForm(s.code, name)}</td>
            </tr>`
          : nothing
      }`;
  }

  private renderKind() {
    const choice = (value: string, label: string) =>
      html`<label class="inline"
        ><input
          type="radio"
          name="kind"
          value=${value}
          .checked=${this.kind === value}
          @change=${() => (this.kind = value)}
        />${label}</label
      >`;
    return html`<fieldset>
      <legend>${this.l10n.t('adminPlanKind')}</legend>
      ${choice('own', this.l10n.t('adminPlanOwn'))}
      ${this.rooms.map((r) =>
        choice(r.code, this.l10n.t('adminPlanRoom', { room: r.names[this.language] })),
      )}
    </fieldset>`;
  }

  private renderForm(code: string, name: string) {
    const plan = this.plans[code];
    const own = plan && !('resource' in plan) ? plan : NEW_PLAN;
    return html`<form
      class="grid plan-form"
      data-testid="plan-form"
      novalidate
      aria-label=${this.l10n.t('adminPlanFormOf', { service: name })}
      @submit=${this.onSave}
    >
      ${this.renderKind()} ${this.kind === 'own' ? renderPlanFields(this.language, own) : nothing}
      ${renderProblems(this.problems, 'plan-problems')}
      <div class="actions">
        <button type="submit" ?disabled=${this.busy}>${this.l10n.t('adminSave')}</button>
        <button type="button" class="danger" ?disabled=${this.busy} @click=${this.onRemove}>
          ${this.l10n.t('adminPlanRemove')}
        </button>
        <button type="button" class="secondary" @click=${() => this.edit(undefined)}>
          ${this.l10n.t('adminPlanCancelEdit')}
        </button>
      </div>
    </form>`;
  }

  override render() {
    return html`<section class="card" aria-labelledby="bp-h" data-testid="booking-plans">
      <h2 id="bp-h">${this.l10n.t('adminPlans')}</h2>
      <p class="muted">${this.l10n.t('adminPlansHint')}</p>
      ${this.notes()}
      <table>
        <thead>
          <tr>
            <th scope="col">${this.l10n.t('adminBookingService')}</th>
            <th scope="col">${this.l10n.t('adminPlan')}</th>
            <th scope="col"><span class="sr-only">${this.l10n.t('adminPlanEdit')}</span></th>
          </tr>
        </thead>
        <tbody>
          ${this.services.map((s) => this.renderRow(s))}
        </tbody>
      </table>
    </section>`;
  }
}

/** What is wrong with a form, beside it, read out as it appears. */
export function renderProblems(problems: readonly string[], testId: string) {
  if (problems.length === 0) return nothing;
  // The alert wraps the list: a list with role="alert" would no longer be a list.
  return html`<div class="note error problems" role="alert" data-testid=${testId}>
    <ul>
      ${problems.map((p) => html`<li>${p}</li>`)}
    </ul>
  </div>`;
}

customElements.define('counter-admin-booking-plans', AdminBookingPlans);

declare global {
  interface HTMLElementTagNameMap {
    'counter-admin-booking-plans': AdminBookingPlans;
  }
  interface HTMLElementEventMap {
    'counter-admin-bookable-changed': CustomEvent<void>;
  }
}
