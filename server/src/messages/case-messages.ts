/**
 * A registration case's messages: the applicant's phone and consent, recorded with the case, and a
 * message at each step they hear about (submitted, returned, registered, ready, issued), written in
 * the registry transaction that makes the step.
 */
import type { Transaction } from 'sequelize';
import type { CaseNotify, CaseStatus, TemplateKey } from '../../protocol';
import type { CaseRecipientRepository } from '../../../db/repositories/case-recipient-repository';
import type { OutboxTable } from '../../../db/repositories/outbox-table';
import { withdrawCaseQueued } from '../../../db/repositories/outbox-withdrawal';
import type { OfficeMessageSettings } from './office-settings';
import { addresses, languageOf } from './recipients';

/** Message statuses of a case that the citizen hears about, with their template. */
const CASE_TEMPLATES: Partial<Record<CaseStatus, TemplateKey>> = {
  submitted: 'case_submitted',
  returned: 'case_returned',
  registered: 'case_registered',
  ready: 'case_ready',
  issued: 'case_issued',
};

export interface CaseMessageDeps {
  caseTable: OutboxTable;
  caseRecipients: CaseRecipientRepository;
  offices: OfficeMessageSettings;
  now: () => Date;
  /** Wakes the worker (after the commit). */
  kick: () => void;
}

export class CaseMessages {
  constructor(private readonly d: CaseMessageDeps) {}

  /** The applicant's phone and consent, recorded in the case's transaction. */
  async caseConsent(
    t: Transaction,
    c: { number: string; officeCode: string },
    notify: CaseNotify,
    consentBy: string,
  ): Promise<void> {
    await this.d.caseRecipients.upsert(
      {
        caseNumber: c.number,
        officeCode: c.officeCode,
        phone: notify.phone,
        telegramChat: null,
        language: notify.language ?? 'tg',
        consentBy,
      },
      this.d.now(),
      t,
    );
  }

  /** A case moved: its applicant hears about it when they consented (registry transaction). */
  async caseChanged(
    t: Transaction,
    c: { number: string; officeCode: string; version: number },
    status: CaseStatus,
  ): Promise<void> {
    // "Ready, come for it" still queued (quiet hours, a gateway down) is untrue once the case has
    // moved on: it must not arrive after the certificate was handed over.
    if (status !== 'ready') {
      await withdrawCaseQueued(
        this.d.caseTable,
        c.number,
        ['case_ready'],
        `the case is ${status}`,
        t,
      );
    }
    const template = CASE_TEMPLATES[status];
    if (!template) return;
    const r = await this.d.caseRecipients.find(c.number, t);
    if (!r) return;
    const settings = await this.d.offices.shown(c.officeCode);
    const language = languageOf(r.language);
    const text = await this.d.offices.render(c.officeCode, template, language, {
      case: c.number,
      window: settings.pickupWindow,
    });
    const now = this.d.now();
    for (const [channel, to] of addresses(r)) {
      await this.d.caseTable.insert(
        {
          officeCode: c.officeCode,
          caseNumber: c.number,
          channel,
          to,
          template,
          language,
          text,
          dedupeKey: `c:${c.number}:${status}:${c.version}:${channel}`,
          nextAttemptAt: now,
        },
        now,
        t,
      );
    }
    t.afterCommit(() => this.d.kick());
  }
}
