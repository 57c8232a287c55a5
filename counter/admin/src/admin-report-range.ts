/** The report's date range: what is wrong with one before asking, and which days the figures show. */
import { html } from 'lit';
import { formatIsoDay } from '../../../ui/format';
import type { MessageParams } from '../../../ui/controllers/localize-controller';
import type { MessageKey } from '../../../ui/i18n/staff';

/** The longest range one report covers (the server's own limit, report-service.ts). */
const MAX_REPORT_DAYS = 366;

/** What is wrong with the days asked for, before asking (empty: the server's today). */
export function rangeProblem(
  from: string,
  to: string,
): { key: 'adminRangeBackwards' | 'adminRangeTooLong'; params: { n: number } } | undefined {
  if (!from || !to) return undefined;
  if (from > to) return { key: 'adminRangeBackwards', params: { n: MAX_REPORT_DAYS } };
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
  return days >= MAX_REPORT_DAYS
    ? { key: 'adminRangeTooLong', params: { n: MAX_REPORT_DAYS } }
    : undefined;
}

/**
 * "Figures for 01.12.2026 – 03.12.2026" above the figures; once the fields say other days, that
 * these are still the old ones until Show is pressed.
 */
export function shownRange(
  t: (key: MessageKey, params?: MessageParams) => string,
  shown: { from: string; to: string },
  edited: boolean,
) {
  const days = { from: formatIsoDay(shown.from), to: formatIsoDay(shown.to) };
  return html`<p class=${edited ? 'range note warn' : 'range muted'} data-testid="report-range">
    ${t('adminReportFor', days)}${edited ? ` ${t('adminReportStale', { show: t('adminShow') })}` : ''}
  </p>`;
}
