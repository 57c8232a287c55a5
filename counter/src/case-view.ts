/** Read-only views of a case shared by the window, the back office and the receipt. */
import { css, html, nothing } from 'lit';
import {
  type Case,
  type CaseHistoryAction,
  type CaseStatus,
  type Language,
  type Person,
} from '../../server/protocol';
import { roleNames } from '../../server/protocol/case-spec-parts';
import { actorWords } from './actor-words';
import { DEFAULT_TIME_ZONE, formatDayTime, formatIsoDay } from '../../ui/format';
import { translate, type MessageKey } from '../../ui/i18n/staff';
import { caseFacts } from './case-facts';
import { historyRows, type HistoryRow } from './case-history-rows';

/** Badge colours of case statuses. */
export const caseStyles = css`
  .badge {
    display: inline-block;
    padding: 3px 10px;
    border-radius: 999px;
    font-size: 14px;
    font-weight: 700;
    background: var(--nb-bg);
  }
  .badge.submitted,
  .badge.registered {
    background: #e5edff;
    color: #1d3f8f;
  }
  .badge.ready,
  .badge.issued {
    background: var(--nb-primary-soft);
    color: var(--nb-primary-strong);
  }
  .badge.returned,
  .badge.rejected,
  .badge.cancelled {
    background: var(--nb-danger-soft);
    color: var(--nb-danger);
  }
  dl.facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 4px 14px;
    margin: 0 0 10px;
  }
  dl.facts dt {
    font-weight: 600;
    color: var(--nb-muted);
  }
  dl.facts dd {
    margin: 0;
  }
  ul.docs {
    margin: 0 0 10px;
    padding-inline-start: 20px;
  }
  h3 {
    margin: 10px 0 6px;
    font-size: 16px;
  }
`;

/** The catalogue key naming a case status. */
export function caseStatusKey(status: CaseStatus): MessageKey {
  switch (status) {
    case 'draft':
      return 'caseDraft';
    case 'submitted':
      return 'caseSubmitted';
    case 'registered':
      return 'caseRegistered';
    case 'returned':
      return 'caseReturned';
    case 'ready':
      return 'caseReady';
    case 'issued':
      return 'caseIssued';
    case 'rejected':
      return 'caseRejected';
    case 'cancelled':
      return 'caseCancelled';
  }
}

function historyKey(action: CaseHistoryAction): MessageKey {
  switch (action) {
    case 'created':
      return 'hCreated';
    case 'edited':
      return 'hEdited';
    case 'transition':
      return 'hTransition';
    case 'ticket_linked':
      return 'hTicketLinked';
    case 'identity_confirmed':
      return 'hIdentityConfirmed';
  }
}

/** `25.11.2026 14:05` in the office's zone (Dushanbe's until the office is known). */
export function formatWhen(iso: string | Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  return formatDayTime(iso, timeZone);
}

/** "Rahimova Mavjuda Karimovna, 02.03.1994, passport A1234567". */
export function personLine(p: Person | null | undefined): string {
  if (!p) return '—';
  const name = [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ');
  const extra = [
    p.birthDate ? formatIsoDay(p.birthDate) : undefined,
    p.idDocument ? p.idDocument.number : undefined,
  ].filter(Boolean);
  return extra.length ? `${name}, ${extra.join(', ')}` : name;
}

/** Roles that tell one case of an applicant from another (the mother applies for each child). */
const TELLING_ROLES = ['child', 'deceased', 'groom', 'bride', 'spouse1', 'spouse2', 'person'];

/**
 * The person the case is about, with their role ("Child: Раҳимов Фирӯз, 05.03.2025"), or
 * undefined: a worklist of one mother's four births showed four identical rows.
 */
export function subjectLine(c: Case, language: Language): string | undefined {
  for (const role of TELLING_ROLES) {
    const s = c.subjects.find((x) => x.role === role);
    if (s) return `${roleNames[s.role][language]}: ${personLine(s.person)}`;
  }
  return undefined;
}

/** {@link subjectLine} as a worklist row's last line (nothing without one). */
export function subjectView(c: Case, language: Language) {
  const line = subjectLine(c, language);
  return line ? html`<span class="muted subject" data-testid="bo-subject">${line}</span>` : nothing;
}

/** Everything the case says, as a list: people, documents, details, fee, act record. */
export function renderCaseFacts(c: Case, language: Language) {
  const t = (key: MessageKey, params?: Record<string, string | number>) =>
    translate(language, key, params);
  return html`<dl class="facts" data-testid="case-facts">
      ${caseFacts(c, language).map(
        (f) =>
          html`<dt>${f.label}</dt>
            <dd>${f.value}</dd>`,
      )}
      ${
        c.actRecord
          ? html`<dt>${t('fActRecord')}</dt>
              <dd data-testid="act-record">
                ${t('actRecordLine', { number: c.actRecord.number, date: formatIsoDay(c.actRecord.date) })}
              </dd>`
          : nothing
      }
    </dl>
    ${
      c.certificate
        ? html`<p data-testid="certificate">
            ${t('certificateLine', { series: c.certificate.series, number: c.certificate.number })}
          </p>`
        : nothing
    }
    <h3>${t('documentsReceived')}</h3>
    <ul class="docs">
      ${c.documents.map((d) => html`<li>${d.received ? '☑' : '☐'} ${d.name[language]}</li>`)}
    </ul>`;
}

/** The case's history, newest last. */
/**
 * A history note as people read it: the server writes "ticket A001" when a case opens (stored
 * history keeps it), shown with the catalogue's word for ticket.
 */
function historyNote(note: string, language: Language): string {
  const ticket = /^ticket ([A-Z]\d{3})$/.exec(note);
  return ticket ? `${translate(language, 'ticketLabel')} ${ticket[1] ?? ''}` : note;
}

export function renderHistory(c: Case, language: Language, timeZone?: string) {
  const t = (key: MessageKey) => translate(language, key);
  const line = (row: HistoryRow) => {
    const h = row.entry;
    return html`<li>
      <span class="num">${historyWhen(row, timeZone)}</span> ·
      ${h.userName ?? actorWords(h.user, language)} ·
      ${t(historyKey(h.action))}${
        row.count > 1 ? ` ×${row.count}` : nothing
      }${h.to ? html` → ${t(caseStatusKey(h.to))}` : nothing}
      ${h.note ? html`<q>${historyNote(h.note, language)}</q>` : nothing}
    </li>`;
  };
  return html`<h3>${t('history')}</h3>
    <ol class="history" data-testid="history">
      ${historyRows(c.history).map(line)}
    </ol>`;
}

/** "25.11.2026 14:05", or for a run of edits "25.11.2026 14:05–14:12" (the day once if it is one). */
function historyWhen(row: HistoryRow, timeZone?: string): string {
  const last = formatWhen(row.entry.at, timeZone);
  const first = formatWhen(row.from, timeZone);
  if (first === last) return last;
  const [firstDay, firstTime] = first.split(' ');
  const [lastDay, lastTime] = last.split(' ');
  return firstDay === lastDay ? `${firstDay} ${firstTime}–${lastTime}` : `${first} – ${last}`;
}
