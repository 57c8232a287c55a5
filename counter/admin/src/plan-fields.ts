/**
 * The calendar of a booking plan as the administrator edits it — booking hours per weekday, slot
 * length, bookings per slot, the walk-in share (a percentage here, 0…1 on the wire), days ahead and
 * closed days — written once for the services' own plans and the rooms' calendars: the fields, their
 * reading back with the checks the page can make, the plan in one line, and a server refusal of
 * those fields in the page's words.
 */
import { css, html, type TemplateResult } from 'lit';
import type { Language } from '../../../server/protocol';
import type { BookingPlanInput } from '../../../server/protocol/bookings';
import { WEEKDAYS, type Weekday } from '../../../server/protocol/opening-hours';
import { ApiError } from '../../../ui/api-client';
import { formatIsoDay, parseDay } from '../../../ui/format';
import { translate, type MessageKey } from '../../../ui/i18n/staff';
import '../../../ui/nb-date-field';
import { formText } from './admin-tab';
import { weekdayName } from './audit-view';

export { planInShort } from './plan-words';

/** What a new plan or room starts from: the demo's Mon–Fri 08:00–17:00, 20-minute slots. */
export const NEW_PLAN: BookingPlanInput = {
  hours: Object.fromEntries(
    (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((d) => [
      d,
      { open: '08:00', close: '17:00' },
    ]),
  ),
  slotMinutes: 20,
  perSlot: 1,
  walkInShare: 0,
  daysAhead: 14,
  closedDays: [],
};

/** The numeric fields: form name, label, the limits the server takes (as the form shows them). */
const NUMBERS = [
  { name: 'slotMinutes', label: 'adminPlanSlot', min: 5, max: 240 },
  { name: 'perSlot', label: 'adminPlanPerSlot', min: 1, max: 50 },
  { name: 'walkInShare', label: 'adminPlanWalkIn', min: 0, max: 100 },
  { name: 'daysAhead', label: 'adminPlanDaysAhead', min: 0, max: 90 },
] as const satisfies readonly { name: string; label: MessageKey; min: number; max: number }[];

/** Styles of the calendar fields (added to a section's own). */
export const planFieldStyles = css`
  table.plan-hours {
    width: auto;
  }
  table.plan-hours input[type='checkbox'] {
    width: 24px;
    height: 24px;
  }
  .plan-numbers {
    display: flex;
    flex-wrap: wrap;
    gap: 10px 14px;
    align-items: flex-end;
  }
  .plan-numbers input {
    width: 9em;
  }
  textarea[name='closedDays'] {
    min-width: 260px;
  }
`;

/** A weekday's short name (`Mon`) in `language`. */

/** The number a plan field shows: the walk-in share as a whole percentage. */
function shown(plan: BookingPlanInput, name: (typeof NUMBERS)[number]['name']): string {
  return name === 'walkInShare' ? String(Math.round(plan.walkInShare * 100)) : String(plan[name]);
}

/** One weekday row: does it take bookings, from, to. */
function dayRow(language: Language, plan: BookingPlanInput, d: Weekday): TemplateResult {
  const t = (key: MessageKey, params?: Record<string, string>) => translate(language, key, params);
  const h = plan.hours[d];
  const name = weekdayName(language, d);
  return html`<tr data-day=${d}>
    <th scope="row">${name}</th>
    <td>
      <input
        type="checkbox"
        name="on-${d}"
        aria-label=${t('adminPlanDayOn', { day: name })}
        .checked=${h !== undefined}
      />
    </td>
    <td>
      <nb-date-field
        kind="time"
        name="open-${d}"
        label=${`${name}: ${t('adminOpensAt')}`}
        .value=${h?.open ?? '08:00'}
        .language=${language}
      ></nb-date-field>
    </td>
    <td>
      <nb-date-field
        kind="time"
        name="close-${d}"
        label=${`${name}: ${t('adminClosesAt')}`}
        .value=${h?.close ?? '17:00'}
        .language=${language}
      ></nb-date-field>
    </td>
  </tr>`;
}

/** The calendar fields of `plan`, to sit inside a form read back by {@link readPlanFields}. */
export function renderPlanFields(language: Language, plan: BookingPlanInput): TemplateResult {
  const t = (key: MessageKey) => translate(language, key);
  return html`<fieldset>
      <legend>${t('adminPlanHours')}</legend>
      <table class="plan-hours">
        <thead>
          <tr>
            <th scope="col">${t('adminWeekday')}</th>
            <th scope="col">${t('adminPlanBooks')}</th>
            <th scope="col">${t('adminOpensAt')}</th>
            <th scope="col">${t('adminClosesAt')}</th>
          </tr>
        </thead>
        <tbody>
          ${WEEKDAYS.map((d) => dayRow(language, plan, d))}
        </tbody>
      </table>
    </fieldset>
    <div class="plan-numbers">
      ${NUMBERS.map(
        (n) =>
          html`<label
            >${t(n.label)}
            <input
              type="number"
              name=${n.name}
              min=${n.min}
              max=${n.max}
              step="1"
              required
              .value=${shown(plan, n.name)}
          /></label>`,
      )}
      <label
        >${t('adminPlanClosedDays')}
        <textarea
          name="closedDays"
          rows="3"
          .value=${plan.closedDays.map(formatIsoDay).join('\n')}
        ></textarea>
      </label>
    </div>`;
}

/** The plan in a form's fields, and what the page can already tell is wrong with it. */
export function readPlanFields(
  data: FormData,
  language: Language,
): { plan: BookingPlanInput; problems: string[] } {
  const problems: string[] = [];
  const hours: BookingPlanInput['hours'] = {};
  for (const d of WEEKDAYS) {
    if (data.get(`on-${d}`) !== 'on') continue;
    const open = formText(data, `open-${d}`);
    const close = formText(data, `close-${d}`);
    if (!open || !close || open >= close)
      problems.push(translate(language, 'adminHoursInvalid', { day: weekdayName(language, d) }));
    hours[d] = { open, close };
  }
  if (Object.keys(hours).length === 0) problems.push(translate(language, 'adminPlanNoDay'));
  // Typed the office's way (25.12.2026), sent as stored (2026-12-25); a pasted 2026-12-25 is taken too.
  const closedDays: string[] = [];
  for (const typed of formText(data, 'closedDays')
    .split(/[\s,;]+/)
    .filter(Boolean)) {
    const day = parseDay(typed);
    if (day) closedDays.push(day);
    else problems.push(translate(language, 'adminPlanBadDay', { day: typed }));
  }
  // Out-of-range numbers go to the server as typed: its refusal names the field (planIssues).
  const number = (name: string) => Number(formText(data, name).trim() || NaN);
  const plan: BookingPlanInput = {
    hours,
    slotMinutes: number('slotMinutes'),
    perSlot: number('perSlot'),
    walkInShare: number('walkInShare') / 100,
    daysAhead: number('daysAhead'),
    closedDays,
  };
  return { plan, problems };
}

/** One refused field (`plan.slotMinutes`, `hours.mon`, `closedDays.2`, …) in the page's words. */
function issueLine(field: string, language: Language, sent: BookingPlanInput | undefined): string {
  const parts = field.split('.');
  // A room's calendar is under `plan.`; a service's plan is the body itself.
  if (parts[0] === 'plan') parts.shift();
  const [head, sub] = parts;
  const number = NUMBERS.find((n) => n.name === head);
  if (number) {
    const label = translate(language, number.label);
    return translate(language, 'adminPlanRange', {
      field: label,
      min: number.min,
      max: number.max,
    });
  }
  if (head === 'hours' && sub && (WEEKDAYS as readonly string[]).includes(sub))
    return translate(language, 'adminHoursInvalid', { day: weekdayName(language, sub as Weekday) });
  if (head === 'closedDays') {
    const day = formatIsoDay(sent?.closedDays[Number(sub)] ?? sub ?? '');
    return translate(language, 'adminPlanBadDay', { day });
  }
  if (head === 'names' && sub) return translate(language, 'adminRoomNamesMissing');
  return translate(language, 'adminPlanFieldInvalid', { field });
}

/**
 * The fields a `validation_failed` refusal names, in the page's words (the server's English is not
 * shown); empty for any other error, which the section's own notice shows.
 */
export function planIssues(error: unknown, language: Language, sent?: BookingPlanInput): string[] {
  if (!(error instanceof ApiError) || error.code !== 'validation_failed') return [];
  const details = error.details as { issues?: { field?: unknown }[] } | undefined;
  const fields = (details?.issues ?? [])
    .map((i) => (typeof i.field === 'string' ? i.field : ''))
    .filter(Boolean);
  const lines = fields.map((f) => issueLine(f, language, sent));
  return [...new Set(lines.length ? lines : [translate(language, 'errorValidationFailed')])];
}
