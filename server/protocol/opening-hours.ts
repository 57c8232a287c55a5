/**
 * Opening hours of an office, on its own clock. Shared by the server (a ticket is issued only while
 * the office is open) and the kiosk (which says so before anyone taps).
 */

import { pad2, zonedParts } from './zoned-time';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export interface DayHours {
  /** `HH:MM`, office time. */
  open: string;
  /** `HH:MM`, office time, exclusive. */
  close: string;
}
/** A weekday left out is closed all day; no hours at all (`null`) means always open. */
export type WeeklyHours = Partial<Record<Weekday, DayHours>>;

/** Weekday and `HH:MM` of `instant` on the clock of `timeZone`. */
export function officeClock(instant: Date, timeZone: string): { weekday: Weekday; time: string } {
  const p = zonedParts(instant, timeZone);
  // WEEKDAYS starts on Monday; Date's day 0 is Sunday.
  return { weekday: WEEKDAYS[(p.weekday + 6) % 7]!, time: `${pad2(p.hour)}:${pad2(p.minute)}` };
}

/** Whether the office issues tickets at `instant`. */
export function isOpenAt(
  hours: WeeklyHours | null | undefined,
  instant: Date,
  timeZone: string,
): boolean {
  if (!hours) return true;
  const { weekday, time } = officeClock(instant, timeZone);
  const today = hours[weekday];
  return today !== undefined && today.open <= time && time < today.close;
}

/** When the office opens next after `instant` (today later, or one of the next seven days). */
export function nextOpening(
  hours: WeeklyHours | null | undefined,
  instant: Date,
  timeZone: string,
): { weekday: Weekday; open: string; today: boolean } | undefined {
  if (!hours) return undefined;
  const { weekday, time } = officeClock(instant, timeZone);
  const start = WEEKDAYS.indexOf(weekday);
  for (let i = 0; i < 8; i++) {
    const day = WEEKDAYS[(start + i) % 7]!;
    const h = hours[day];
    if (!h) continue;
    if (i === 0 && time >= h.open) continue;
    return { weekday: day, open: h.open, today: i === 0 };
  }
  return undefined;
}
