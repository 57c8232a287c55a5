/** Kiosks and their printers: the printer's last known state, its address, the jobs it still owes. */
import { Op, type Transaction } from 'sequelize';
import type { Database } from '../database';

type Tx = Transaction | undefined;

export class KioskPrinterRepository {
  constructor(readonly db: Database) {}

  private get m() {
    return this.db.models;
  }

  /**
   * The office's kiosks, their printers' addresses (none: a kiosk without a printer) and the
   * printers' last known state.
   */
  async listKiosks(
    officeCode: string,
    t?: Tx,
  ): Promise<Array<{ code: string; printerUrl: string | null; printerStatus: string | null }>> {
    const rows = await this.m.Device.findAll({
      where: { officeCode, kind: 'kiosk' },
      attributes: ['code', 'printerUrl', 'printerStatus'],
      transaction: t,
      raw: true,
    });
    return rows.map((r) => ({
      code: r.code,
      printerUrl: r.printerUrl,
      printerStatus: r.printerStatus ?? null,
    }));
  }

  /** Kiosks with a printer, with the printer's last known state (and jobs waiting for it). */
  async kioskPrinters(
    officeCode: string | undefined,
    t?: Tx,
  ): Promise<
    Array<{ officeCode: string; code: string; printerUrl: string; status: string | null }>
  > {
    const rows = await this.m.Device.findAll({
      where: {
        kind: 'kiosk',
        printerUrl: { [Op.ne]: null },
        ...(officeCode ? { officeCode } : {}),
      },
      order: [['code', 'ASC']],
      transaction: t,
    });
    return rows.map((r) => ({
      officeCode: r.officeCode,
      code: r.code,
      printerUrl: r.printerUrl ?? '',
      status: r.printerStatus ?? null,
    }));
  }

  async setPrinterStatus(
    officeCode: string,
    code: string,
    status: string,
    now: Date,
    t: Transaction,
  ): Promise<void> {
    await this.m.Device.update(
      { printerStatus: status, printerCheckedAt: now },
      { where: { officeCode, code, kind: 'kiosk' }, transaction: t },
    );
  }

  /** Print jobs of a kiosk still queued (not yet printed nor given up). */
  async pendingPrintJobs(officeCode: string, code: string, t?: Tx): Promise<number> {
    return this.m.PrintJob.count({
      where: { officeCode, deviceCode: code, status: 'queued' },
      transaction: t,
    });
  }

  /** A kiosk or display of an office, with its printer. */
  async findDevice(
    officeCode: string,
    code: string,
    kind: string,
    t?: Tx,
  ): Promise<{ code: string; printerUrl: string | null } | undefined> {
    const row = await this.m.Device.findOne({ where: { officeCode, code, kind }, transaction: t });
    return row ? { code: row.code, printerUrl: row.printerUrl } : undefined;
  }
}
