/**
 * An office's message settings (quiet hours, daily caps, the "N ahead" threshold) and its templates,
 * with the defaults filled in, and the rendering of a template into a message's text.
 */
import type { Transaction } from 'sequelize';
import { PICKUP_SERVICE } from '../../protocol/constants';
import {
  DEFAULT_MESSAGE_SETTINGS,
  DEFAULT_TEMPLATES,
  Language,
  MessageSettings,
  renderTemplate,
  type TemplateKey,
  type TemplateValues,
} from '../../protocol';
import type { Database } from '../../../db/database';
import { MessageSettingsRepository } from '../../../db/repositories/message-settings-repository';
import { QueueRepository } from '../../../db/repositories/queue-repository';
import type { OutboxTable } from '../../../db/repositories/outbox-table';
import { notFound, validationFailed } from '../errors';
import { AuditRepository } from '../../../db/repositories/audit-repository';
import type { StaffPrincipal } from '../auth/actor';
import { diffOf } from '../auth/office-admin';

/** One template of an office as the administrator sees it. */
export interface OfficeTemplate {
  key: TemplateKey;
  language: Language;
  text: string;
  custom: boolean;
}

export class OfficeMessageSettings {
  private readonly repo: MessageSettingsRepository;
  private readonly offices: QueueRepository;

  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
    /** The outboxes whose held-back messages new quiet hours release. */
    private readonly tables: () => OutboxTable[],
  ) {
    this.repo = new MessageSettingsRepository(db);
    this.offices = new QueueRepository(db);
  }

  /**
   * The office's settings, defaults filled in; read by every round of the outbox and every ticket
   * message, so one read. Its `pickupWindow` is the stored one or the default: the "ready" message
   * and the administrator read {@link shown}.
   */
  async settings(officeCode: string, t?: Transaction): Promise<MessageSettings> {
    return { ...DEFAULT_MESSAGE_SETTINGS, ...(await this.stored(officeCode, t)) };
  }

  /**
   * The settings as the administrator and the "ready" message see them: until an administrator
   * chose one, the pickup window is the first window serving the kiosk's pickup service (the
   * default named window 1, which in the demo office never calls a pickup ticket).
   */
  async shown(officeCode: string, t?: Transaction): Promise<MessageSettings> {
    const own = await this.stored(officeCode, t);
    const pickupWindow = own.pickupWindow ?? (await this.pickupWindow(officeCode, t));
    return { ...DEFAULT_MESSAGE_SETTINGS, pickupWindow, ...own };
  }

  private async stored(officeCode: string, t?: Transaction): Promise<Partial<MessageSettings>> {
    const stored = MessageSettings.partial().safeParse(await this.repo.settings(officeCode, t));
    return stored.success ? stored.data : {};
  }

  private async pickupWindow(officeCode: string, t?: Transaction): Promise<string> {
    const services = await this.offices.listServices(officeCode, t);
    const pickup = services.find((s) => s.code === PICKUP_SERVICE);
    const windows = pickup ? await this.offices.listCounters(officeCode, t) : [];
    const serving = windows.find((w) => pickup && w.serviceIds.includes(pickup.id));
    return serving?.number ?? DEFAULT_MESSAGE_SETTINGS.pickupWindow;
  }

  /** Every office's stored settings (JSON text) by office: the worker compares them round to round. */
  allStored(): Promise<Map<string, string>> {
    return this.repo.allStored();
  }

  async setSettings(
    officeCode: string,
    settings: MessageSettings,
    admin?: StaffPrincipal,
  ): Promise<void> {
    // "Ready" sends citizens to this window: it must be one the office has.
    const windows = await this.offices.listCounters(officeCode);
    if (!windows.some((w) => w.number === settings.pickupWindow)) {
      const message = `no window ${settings.pickupWindow} in this office`;
      throw validationFailed(`pickupWindow: ${message}`, {
        issues: [{ field: 'pickupWindow', message, reason: 'unknown_window' }],
      });
    }
    const before = await this.shown(officeCode);
    const now = this.now();
    await this.repo.setSettings(officeCode, settings, now, async (t) => {
      if (!admin) return;
      await new AuditRepository(this.db).append(
        {
          officeCode,
          at: now,
          actor: admin.username,
          userId: admin.id,
          action: 'office.message_settings',
          entity: 'office',
          entityId: officeCode,
          before: diffOf(before, settings),
          after: diffOf(settings, before),
        },
        t,
      );
    });
    // New quiet hours apply to what the old ones hold back: the next round decides again.
    for (const table of this.tables()) await table.releaseHeld(officeCode, this.now());
  }

  /** Every template of an office: its own text or the default. */
  async templates(officeCode: string): Promise<OfficeTemplate[]> {
    const own = await this.repo.templates(officeCode);
    const out: OfficeTemplate[] = [];
    for (const key of Object.keys(DEFAULT_TEMPLATES) as TemplateKey[]) {
      for (const language of Language.options) {
        const mine = own.find((o) => o.template === key && o.language === language);
        out.push({
          key,
          language,
          text: mine?.text ?? DEFAULT_TEMPLATES[key][language],
          custom: !!mine,
        });
      }
    }
    return out;
  }

  setTemplate(
    officeCode: string,
    key: TemplateKey,
    language: Language,
    text: string | null,
  ): Promise<void> {
    return this.repo.setTemplate(officeCode, key, language, text, this.now());
  }

  /** The office's time zone (its days are cut at its midnight). */
  async timeZone(officeCode: string): Promise<string> {
    const office = await this.offices.findOffice(officeCode);
    if (!office) throw notFound(`office ${officeCode}`);
    return office.timeZone;
  }

  /**
   * A message's text: the office's own template (else the default) with `values` filled in; an
   * `{office}` the caller did not fill is the office's name in the message's language (as the kiosk
   * and the paper name it), never its code.
   */
  async render(
    officeCode: string,
    key: TemplateKey,
    language: Language,
    values: TemplateValues,
    t?: Transaction,
  ): Promise<string> {
    const own = (await this.repo.templates(officeCode, t)).find(
      (x) => x.template === key && x.language === language,
    );
    const text = own?.text ?? DEFAULT_TEMPLATES[key][language];
    if (values.office === undefined && text.includes('{office}')) {
      const office = await this.offices.findOffice(officeCode, t);
      values = { ...values, office: office?.names[language] ?? officeCode };
    }
    return renderTemplate(text, values);
  }
}
