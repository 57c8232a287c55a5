/** Kiosks and displays of an office as the administrator manages them: list, add, pair, change. */
import type { Transaction } from 'sequelize';
import type { DeviceKind } from '../../server/protocol/constants';
import type { Database } from '../database';

type Tx = Transaction | undefined;

export interface DeviceRecord {
  code: string;
  kind: DeviceKind;
  name: string | null;
  printerUrl: string | null;
  printerStatus: string | null;
  paired: boolean;
}

export class DeviceRepository {
  constructor(private readonly db: Database) {}

  async listDevices(officeCode: string, t?: Tx): Promise<DeviceRecord[]> {
    const rows = await this.db.models.Device.findAll({
      where: { officeCode },
      order: [
        ['kind', 'DESC'],
        ['code', 'ASC'],
      ],
      transaction: t,
    });
    return rows.map((r) => ({
      code: r.code,
      kind: r.kind,
      name: r.name,
      printerUrl: r.printerUrl,
      printerStatus: r.printerStatus ?? null,
      paired: r.tokenHash !== null,
    }));
  }

  /** A new device; a duplicate code in the office is the unique key's error (the caller maps it). */
  async createDevice(
    officeCode: string,
    device: Pick<DeviceRecord, 'code' | 'kind' | 'name' | 'printerUrl'>,
    t: Transaction,
  ): Promise<void> {
    const { code, kind, name, printerUrl } = device;
    await this.db.models.Device.create(
      { officeCode, code, kind, name, printerUrl, tokenHash: null },
      { transaction: t },
    );
  }

  /** Stores the hash of a device's new token (`null`: unpaired). */
  async setDeviceToken(
    officeCode: string,
    code: string,
    tokenHash: string | null,
    t: Transaction,
  ): Promise<void> {
    await this.db.models.Device.update(
      { tokenHash },
      { where: { officeCode, code }, transaction: t },
    );
  }

  /** Removes the device's row (its token with it); tickets and print jobs keep its code. */
  async deleteDevice(officeCode: string, code: string, t: Transaction): Promise<void> {
    await this.db.models.Device.destroy({ where: { officeCode, code }, transaction: t });
  }

  async updateDevice(
    officeCode: string,
    code: string,
    fields: { printerUrl?: string | null; name?: string | null },
    t: Transaction,
  ): Promise<void> {
    // A new address says nothing yet about whether that printer answers.
    const unknownState =
      fields.printerUrl === undefined ? {} : { printerStatus: null, printerCheckedAt: null };
    await this.db.models.Device.update(
      { ...fields, ...unknownState },
      { where: { officeCode, code }, transaction: t },
    );
  }
}
