/**
 * Rooms (admin, Bookings tab): the bookable rooms with their own calendar, such as the marriage
 * ceremony hall — names, calendar in short and the services that book it; edit a room's names and
 * calendar (the same calendar fields as a service's plan), add one, remove one no service books.
 */
import { html, nothing, type PropertyValues } from 'lit';
import type { AdminService, Language } from '../../../server/protocol';
import type { BookingResource, BookingResourceInput } from '../../../server/protocol/bookings';
import { call, ApiError } from '../../../ui/api-client';
import { emit } from '../../../ui/emit';
import { LANGUAGES, translate } from '../../../ui/i18n/staff';
import { listServices } from './admin-api';
import { AdminTab, formText, namesOf } from './admin-tab';
import { BOOKABLE_CHANGED, editorStyles, renderProblems } from './admin-booking-plans';
import {
  NEW_PLAN,
  planFieldStyles,
  planInShort,
  planIssues,
  readPlanFields,
  renderPlanFields,
} from './plan-fields';

const ROOM_CODE = /^[a-z][a-z0-9_]{0,39}$/;
/** The room being added (no code yet). */
const NEW_ROOM = '';

/** The "Rooms" card. */
export class AdminBookingRooms extends AdminTab {
  static override styles = [...AdminTab.styles, planFieldStyles, editorStyles];

  static override properties = {
    ...AdminTab.properties,
    revision: { attribute: false },
    services: { state: true },
    rooms: { state: true },
    editing: { state: true },
    problems: { state: true },
  };

  /** Bumped by the Bookings tab when a booking card changed something: reload. */
  declare revision: number;
  declare private services: AdminService[];
  declare private rooms: BookingResource[];
  /** The room being edited: its code, {@link NEW_ROOM} for a new one, or none. */
  declare private editing: string | undefined;
  /** What is wrong (a form's fields, a removal refused), in the page's words. */
  declare private problems: string[];

  constructor() {
    super();
    this.revision = 0;
    this.services = [];
    this.rooms = [];
    this.editing = undefined;
    this.problems = [];
  }

  protected override updated(changed: PropertyValues): void {
    if ((changed.has('context') || changed.has('revision')) && this.context) void this.load();
  }

  private async load(): Promise<void> {
    // A reload after a change keeps the change's notice.
    const notice = this.notice || undefined;
    await this.run(async (c) => {
      const [services, rooms] = await Promise.all([
        listServices(c),
        call('bookingResources', { params: { office: c.office }, token: c.token }),
      ]);
      this.services = services;
      this.rooms = rooms.resources;
    }, notice);
  }

  private edit(code: string | undefined): void {
    this.editing = code;
    this.notice = '';
    this.problems = [];
  }

  private serviceNames(codes: readonly string[]): string {
    const name = (code: string) =>
      this.services.find((s) => s.code === code)?.names[this.language] ?? code;
    return codes.map(name).join(', ');
  }

  /** The room in a form, or what is wrong with it. */
  private read(form: HTMLFormElement): { code: string; input?: BookingResourceInput } {
    const data = new FormData(form);
    const code = this.editing || formText(data, 'code').trim();
    const names = namesOf((l) => formText(data, `name-${l}`).trim());
    const { plan, problems } = readPlanFields(data, this.language);
    if (this.editing === NEW_ROOM) {
      if (!ROOM_CODE.test(code)) problems.unshift(this.l10n.t('adminRoomCodeInvalid'));
      else if (this.rooms.some((r) => r.code === code))
        problems.unshift(this.l10n.t('adminRoomCodeTaken', { code }));
    }
    if (LANGUAGES.some((l) => !names[l])) problems.unshift(this.l10n.t('adminRoomNamesMissing'));
    this.problems = problems;
    return problems.length ? { code } : { code, input: { names, plan } };
  }

  private readonly onSave = (event: SubmitEvent): void => {
    event.preventDefault();
    const { code, input } = this.read(event.currentTarget as HTMLFormElement);
    if (!input) return;
    let done = false;
    void this.run(async (c) => {
      try {
        await call('putBookingResource', {
          params: { office: c.office, resource: code },
          body: input,
          token: c.token,
        });
        done = true;
      } catch (error) {
        this.problems = planIssues(error, this.language, input.plan);
        if (this.problems.length === 0) throw error;
      }
    }).then(() => {
      if (!done) return;
      this.editing = undefined;
      this.notice = this.l10n.t('adminRoomSaved', { room: input.names[this.language] });
      emit(this, BOOKABLE_CHANGED);
    });
  };

  private removeRoom(room: BookingResource): void {
    const name = room.names[this.language];
    let done = false;
    this.editing = undefined;
    this.problems = [];
    void this.run(async (c) => {
      try {
        await call('deleteBookingResource', {
          params: { office: c.office, resource: room.code },
          token: c.token,
        });
        done = true;
      } catch (error) {
        const services = bookedBy(error);
        if (!services) throw error;
        this.problems = [
          this.l10n.t('adminRoomInUse', { room: name, services: this.serviceNames(services) }),
        ];
      }
    }).then(() => {
      if (!done) return;
      this.editing = undefined;
      this.notice = this.l10n.t('adminRoomRemoved', { room: name });
      emit(this, BOOKABLE_CHANGED);
    });
  }

  private nameInput(l: Language, room: BookingResource | undefined) {
    return html`<label
      >${this.l10n.t('adminNameIn', { lang: translate(l, 'languageName') })}
      <input name="name-${l}" maxlength="200" size="22" .value=${room?.names[l] ?? ''}
    /></label>`;
  }

  private renderForm(room: BookingResource | undefined) {
    const title = room
      ? this.l10n.t('adminRoomFormOf', { room: room.names[this.language] })
      : this.l10n.t('adminRoomNew');
    return html`<form
      class="grid plan-form"
      data-testid="room-form"
      novalidate
      aria-label=${title}
      @submit=${this.onSave}
    >
      ${
        room
          ? nothing
          : html`<label
              >${this.l10n.t('adminRoomCode')}
              <input name="code" maxlength="40" size="16" autocomplete="off"
            /></label>`
      }
      ${LANGUAGES.map((l) => this.nameInput(l, room))}
      ${renderPlanFields(this.language, room?.plan ?? NEW_PLAN)}
      ${renderProblems(this.editing === undefined ? [] : this.problems, 'room-problems')}
      <div class="actions">
        <button type="submit" ?disabled=${this.busy}>${this.l10n.t('adminSave')}</button>
        <button type="button" class="secondary" @click=${() => this.edit(undefined)}>
          ${this.l10n.t('adminPlanCancelEdit')}
        </button>
      </div>
    </form>`;
  }

  private renderRow(room: BookingResource) {
    const name = room.names[this.language];
    const open = this.editing === room.code;
    return html`<tr data-testid=${`room-${room.code}`}>
        <th scope="row">${name} <span class="muted">(${room.code})</span></th>
        <td class="plan">${planInShort(room.plan, this.language)}</td>
        <td>${this.serviceNames(room.services) || this.l10n.t('adminRoomNoServices')}</td>
        <td class="act">
          <button
            type="button"
            class="secondary"
            aria-expanded=${open ? 'true' : 'false'}
            aria-label=${this.l10n.t('adminRoomEditOf', { room: name })}
            @click=${() => this.edit(open ? undefined : room.code)}
          >
            ${this.l10n.t('adminPlanEdit')}
          </button>
          <button
            type="button"
            class="danger"
            ?disabled=${this.busy}
            aria-label=${this.l10n.t('adminRoomRemoveOf', { room: name })}
            @click=${() => this.removeRoom(room)}
          >
            ${this.l10n.t('adminRoomRemove')}
          </button>
        </td>
      </tr>
      ${
        open
          ? html`<tr>
              <td colspan="4">${this.renderForm(room)}</td>
            </tr>`
          : nothing
      }`;
  }

  override render() {
    const adding = this.editing === NEW_ROOM;
    return html`<section class="card" aria-labelledby="rooms-h" data-testid="booking-rooms">
      <h2 id="rooms-h">${this.l10n.t('adminRooms')}</h2>
      <p class="muted">${this.l10n.t('adminRoomsHint')}</p>
      ${this.notes()}
      ${this.editing === undefined ? renderProblems(this.problems, 'room-problems') : nothing}
      <table>
        <thead>
          <tr>
            <th scope="col">${this.l10n.t('adminRoom')}</th>
            <th scope="col">${this.l10n.t('adminRoomCalendar')}</th>
            <th scope="col">${this.l10n.t('adminRoomServices')}</th>
            <th scope="col"><span class="sr-only">${this.l10n.t('adminPlanEdit')}</span></th>
          </tr>
        </thead>
        <tbody>
          ${this.rooms.map((r) => this.renderRow(r))}
        </tbody>
      </table>
      ${
        adding
          ? this.renderForm(undefined)
          : html`<p>
              <button type="button" class="secondary" @click=${() => this.edit(NEW_ROOM)}>
                ${this.l10n.t('adminRoomNew')}
              </button>
            </p>`
      }
    </section>`;
  }
}

/** The services a refused removal names (409 `conflict`, `details.services`). */
function bookedBy(error: unknown): string[] | undefined {
  if (!(error instanceof ApiError) || error.status !== 409) return undefined;
  const services = (error.details as { services?: unknown } | undefined)?.services;
  return Array.isArray(services) ? services.map(String) : undefined;
}

customElements.define('counter-admin-booking-rooms', AdminBookingRooms);

declare global {
  interface HTMLElementTagNameMap {
    'counter-admin-booking-rooms': AdminBookingRooms;
  }
}
