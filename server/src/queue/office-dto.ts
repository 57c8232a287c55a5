/**
 * The office and its services as every page sees them (kiosk, display, console, booking): the
 * public settings, and each service with whether it issues tickets now.
 */
import { readClosedReason, type OfficeInfo, type Service } from '../../protocol';
import type { CounterRecord, OfficeRecord, ServiceRecord } from '../../../db/records';
import type { PublicUrl } from '../public-url';

/** A service as every page sees it. */
export function toServiceDto(s: ServiceRecord, served?: ReadonlySet<number>): Service {
  const dto: Service = { code: s.code, prefix: s.prefix, names: s.names, open: s.isOpen };
  const reason = s.isOpen ? undefined : readClosedReason(s.closedReason);
  if (reason) {
    dto.closedReason = reason.text;
    dto.closedReasons = reason.byLanguage;
  }
  // A service no window calls is not offered: its ticket would wait forever.
  if (s.isOpen && served && !served.has(s.id)) {
    dto.open = false;
    dto.unserved = true;
  }
  return dto;
}

/** Services some window that is not closed calls. */
export function servedServiceIds(counters: readonly CounterRecord[]): Set<number> {
  return new Set(counters.filter((c) => c.status !== 'closed').flatMap((c) => c.serviceIds));
}

/** The office as every page sees it. */
export function toOfficeInfo(office: OfficeRecord, now: Date, link?: PublicUrl): OfficeInfo {
  const info: OfficeInfo = {
    code: office.code,
    names: office.names,
    timeZone: office.timeZone,
    languages: office.languages,
    priorities: office.priorities.map((p) => ({ code: p.code, names: p.names })),
    ticker: office.ticker,
    kioskIdleSeconds: office.kioskIdleSeconds,
    openingHours: office.openingHours,
    casePrefix: office.casePrefix,
    priorityByClerk: office.priorityByClerk,
    serverTime: now.toISOString(),
  };
  if (link) {
    info.publicUrl = link.url;
    info.publicUrlConfigured = link.configured;
  }
  return info;
}
