/** The report's registration cases: counts by type and status, then the time each step took. */
import { html, nothing } from 'lit';
import type { CaseStageStats, ReportSummary, SecondsStats } from '../../../server/protocol';
import type { MessageKey } from '../../../ui/i18n/staff';
import { duration } from './admin-tab';

type Words = (key: MessageKey) => string;

/**
 * `avg / p50 / p90`, or "—" when nothing was measured: the server gives all three as 0 then, and
 * times kept to the millisecond are never all exactly 0 otherwise.
 */
export function statsText(st: SecondsStats): string {
  const none = st.avg === 0 && st.p50 === 0 && st.p90 === 0;
  return none ? '—' : `${duration(st.avg)} / ${duration(st.p50)} / ${duration(st.p90)}`;
}

/** The cases of the period; `name` and `status` give a type's and a status's words. */
export function casesTables(
  s: ReportSummary,
  t: Words,
  name: (type: string) => string,
  status: (status: string) => string,
) {
  const c = s.cases;
  const steps = [
    ['adminSubmittedToRegistered', c.submittedToRegistered],
    ['adminRegisteredToIssued', c.registeredToIssued],
  ] as const;
  return html`
    <h3>${t('adminCases')}</h3>
    ${
      c.byTypeStatus.length === 0
        ? html`<p class="muted">${t('adminNoCases')}</p>`
        : html`<table data-testid="report-cases">
            <thead>
              <tr>
                <th>${t('adminCaseType')}</th>
                <th>${t('adminCaseStatus')}</th>
                <th class="num">${t('adminCount')}</th>
              </tr>
            </thead>
            <tbody>
              ${c.byTypeStatus.map(
                (r) =>
                  html`<tr>
                    <td>${name(r.type)}</td>
                    <td>${status(r.status)}</td>
                    <td class="num">${r.count}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
    ${stepsTable(steps, t)}
  `;
}

/** The time each step took (submitted → registered, registered → issued), if any was taken. */
function stepsTable(steps: ReadonlyArray<readonly [MessageKey, CaseStageStats]>, t: Words) {
  return steps.every(([, st]) => st.count === 0)
    ? nothing
    : html`<table data-testid="report-case-steps">
        <thead>
          <tr>
            <th>${t('adminCaseStep')}</th>
            <th class="num">${t('adminCaseTimes')}</th>
            <th class="num">${t('adminCount')}</th>
          </tr>
        </thead>
        <tbody>
          ${steps.map(
            ([key, st]) =>
              html`<tr>
                <td>${t(key)}</td>
                <td class="num">${statsText(st)}</td>
                <td class="num">${st.count}</td>
              </tr>`,
          )}
        </tbody>
      </table>`;
}
