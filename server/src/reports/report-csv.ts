/**
 * The report as a spreadsheet table: one row per office day × service, one column per figure. UTF-8
 * with a byte order mark (Excel then reads Cyrillic and Tajik letters right), comma-separated with
 * RFC 4180 quoting, CRLF line ends; times in whole seconds and the share in whole percent, so that no
 * decimal separator depends on the spreadsheet's locale.
 */
import type {
  Language,
  Names,
  ReportServiceDay,
  ReportSummary,
  SecondsStats,
} from '../../protocol';

const COLUMNS = [
  'date',
  'serviceCode',
  'service',
  'issued',
  'served',
  'noShow',
  'waitAvg',
  'waitP50',
  'waitP90',
  'serviceAvg',
  'serviceP50',
  'serviceP90',
  'withinTarget',
] as const;
type Column = (typeof COLUMNS)[number];

/** Column titles per language: the row a manager reads first. */
const TITLES: Readonly<Record<Language, Readonly<Record<Column, string>>>> = {
  en: {
    date: 'Date',
    serviceCode: 'Service code',
    service: 'Service',
    issued: 'Issued',
    served: 'Served',
    noShow: 'No-show',
    waitAvg: 'Wait avg, s',
    waitP50: 'Wait p50, s',
    waitP90: 'Wait p90, s',
    serviceAvg: 'Service avg, s',
    serviceP50: 'Service p50, s',
    serviceP90: 'Service p90, s',
    withinTarget: 'Called within target, %',
  },
  ru: {
    date: 'Дата',
    serviceCode: 'Код услуги',
    service: 'Услуга',
    issued: 'Выдано',
    served: 'Обслужено',
    noShow: 'Неявка',
    waitAvg: 'Ожидание, среднее, с',
    waitP50: 'Ожидание, p50, с',
    waitP90: 'Ожидание, p90, с',
    serviceAvg: 'Обслуживание, среднее, с',
    serviceP50: 'Обслуживание, p50, с',
    serviceP90: 'Обслуживание, p90, с',
    withinTarget: 'Вызваны в срок, %',
  },
  tg: {
    date: 'Сана',
    serviceCode: 'Рамзи хизматрасонӣ',
    service: 'Хизматрасонӣ',
    issued: 'Дода шуд',
    served: 'Хизмат расонида шуд',
    noShow: 'Ҳозир нашуд',
    waitAvg: 'Интизорӣ, миёна, сония',
    waitP50: 'Интизорӣ, p50, сония',
    waitP90: 'Интизорӣ, p90, сония',
    serviceAvg: 'Хизматрасонӣ, миёна, сония',
    serviceP50: 'Хизматрасонӣ, p50, сония',
    serviceP90: 'Хизматрасонӣ, p90, сония',
    withinTarget: 'Дар вақти мақсаднок даъват шуд, %',
  },
  uz: {
    date: 'Sana',
    serviceCode: 'Xizmat kodi',
    service: 'Xizmat',
    issued: 'Berildi',
    served: 'Xizmat koʻrsatildi',
    noShow: 'Kelmadi',
    waitAvg: 'Kutish, oʻrtacha, s',
    waitP50: 'Kutish, p50, s',
    waitP90: 'Kutish, p90, s',
    serviceAvg: 'Xizmat, oʻrtacha, s',
    serviceP50: 'Xizmat, p50, s',
    serviceP90: 'Xizmat, p90, s',
    withinTarget: 'Belgilangan vaqtda chaqirildi, %',
  },
};

/**
 * One CSV field: quoted when it holds a comma, quote, or line break (RFC 4180). A text that a
 * spreadsheet would take for a formula (`=`, `+`, `-`, `@`, a tab or a carriage return first: a
 * service named `=HYPERLINK(…)`) gets an apostrophe in front, so it stays text where the file is
 * opened; numbers stay numbers.
 */
export function csvField(value: string | number | null): string {
  const raw = value === null ? '' : String(value);
  const text = typeof value === 'string' && /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The table's cells of one service-day. */
function cells(r: ReportServiceDay, name: string): Record<Column, string | number | null> {
  const s = (n: number) => Math.round(n);
  // Nothing measured (all three 0): empty cells, as the page shows "—", not a wait of 0 s.
  const none = (st: SecondsStats) => st.avg === 0 && st.p50 === 0 && st.p90 === 0;
  const wait = none(r.waitSeconds) ? null : r.waitSeconds;
  const service = none(r.serviceSeconds) ? null : r.serviceSeconds;
  return {
    date: r.day,
    serviceCode: r.service,
    service: name,
    issued: r.issued,
    served: r.served,
    noShow: r.noShow,
    waitAvg: wait && s(wait.avg),
    waitP50: wait && s(wait.p50),
    waitP90: wait && s(wait.p90),
    serviceAvg: service && s(service.avg),
    serviceP50: service && s(service.p50),
    serviceP90: service && s(service.p90),
    // Empty when no wait was measured (nobody called yet), not a misleading 0 %.
    withinTarget: r.share === null ? null : Math.round(r.share * 100),
  };
}

/** The summary's service-days as CSV text, titles and service names in `language`. */
export function summaryCsv(
  summary: Pick<ReportSummary, 'byServiceDay'>,
  names: ReadonlyMap<string, Names>,
  language: Language = 'en',
): string {
  const titles = TITLES[language];
  const rows: Array<Array<string | number | null>> = [COLUMNS.map((c) => titles[c])];
  for (const r of summary.byServiceDay) {
    const row = cells(r, names.get(r.service)?.[language] ?? r.service);
    rows.push(COLUMNS.map((c) => row[c]));
  }
  return `\uFEFF${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}
