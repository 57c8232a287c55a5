/**
 * A booking plan in one line of words (`Mon–Fri 08:00–17:00 · 20 min · 1 per slot · 14 days
 * ahead`), for the plans' tables and the audit log. Pure: no Lit.
 */
import type { Language } from '../../../server/protocol';
import type { BookingPlanInput } from '../../../server/protocol/bookings';
import { WEEKDAYS, type Weekday } from '../../../server/protocol/opening-hours';
import { translate, type MessageKey } from '../../../ui/i18n/staff';

function shortDay(language: Language, day: Weekday): string {
  const names = translate(language, 'adminWeekdaysShort').split(',');
  return names[(WEEKDAYS.indexOf(day) + 1) % 7] ?? day;
}

/** Weekdays in a row with the same hours, as `Mon–Fri 08:00–17:00`. */
function hoursInShort(plan: BookingPlanInput, language: Language): string {
  const runs: { from: Weekday; to: Weekday; hours: string }[] = [];
  for (const d of WEEKDAYS) {
    const h = plan.hours[d];
    if (!h) continue;
    const hours = `${h.open}–${h.close}`;
    const last = runs.at(-1);
    const next = WEEKDAYS[WEEKDAYS.indexOf(last?.to ?? 'sun') + 1];
    if (last && last.hours === hours && next === d) last.to = d;
    else runs.push({ from: d, to: d, hours });
  }
  if (runs.length === 0) return translate(language, 'adminPlanSumNoHours');
  return runs
    .map((r) => {
      const days =
        r.from === r.to
          ? shortDay(language, r.from)
          : `${shortDay(language, r.from)}–${shortDay(language, r.to)}`;
      return `${days} ${r.hours}`;
    })
    .join(', ');
}

/** The plan in one line: `Mon–Fri 08:00–17:00 · 20 min · 1 per slot · 14 days ahead`. */
export function planInShort(plan: BookingPlanInput, language: Language): string {
  const t = (key: MessageKey, n: number) => translate(language, key, { n });
  const parts = [
    hoursInShort(plan, language),
    t('adminPlanSumSlot', plan.slotMinutes),
    t('adminPlanSumPerSlot', plan.perSlot),
    t('adminPlanSumDays', plan.daysAhead),
  ];
  if (plan.walkInShare > 0) parts.push(t('adminPlanSumWalkIn', Math.round(plan.walkInShare * 100)));
  if (plan.closedDays.length > 0) parts.push(t('adminPlanSumClosed', plan.closedDays.length));
  return parts.join(' · ');
}
