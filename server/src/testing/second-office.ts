/** A second office (`vose`) beside the demo one, with its own staff, for tests of office boundaries. */
import bcrypt from 'bcrypt';
import type { Database } from '../../../db/database';

/** Staff of the second office, all with the demo password `demo`. */
export const VOSE_STAFF = [
  { username: 'vclerk', role: 'clerk' },
  { username: 'vback', role: 'back_office' },
  { username: 'vadmin', role: 'admin' },
] as const;

/** Seeds office `vose`: one service `birth` (prefix A), window 1, kiosk K1, display D1, three staff. */
export async function seedSecondOffice(db: Database): Promise<void> {
  const m = db.models;
  const passwordHash = await bcrypt.hash('demo', 4);
  const names = { tg: 'Восеъ', ru: 'Восе', uz: 'Vose', en: 'Vose' };
  await db.transaction(async (t) => {
    await m.Office.create(
      {
        code: 'vose',
        names: JSON.stringify(names),
        casePrefix: 'VOS',
        timeZone: 'Asia/Dushanbe',
        languages: JSON.stringify(['tg', 'ru']),
        priorities: JSON.stringify([]),
        ticker: null,
        openingHours: null,
      },
      { transaction: t },
    );
    await m.OfficeState.create({ officeCode: 'vose', seq: 0 }, { transaction: t });
    const service = await m.Service.create(
      {
        officeCode: 'vose',
        code: 'birth',
        prefix: 'A',
        names: JSON.stringify(names),
        documents: JSON.stringify([]),
        closedReason: null,
        sortOrder: 10,
      },
      { transaction: t },
    );
    const counter = await m.Counter.create(
      { officeCode: 'vose', number: '1', name: null, pauseReason: null },
      { transaction: t },
    );
    await m.CounterService.create(
      { counterId: counter.id, serviceId: service.id },
      { transaction: t },
    );
    for (const [code, kind] of [
      ['K1', 'kiosk'],
      ['D1', 'display'],
    ] as const) {
      await m.Device.create(
        {
          officeCode: 'vose',
          code,
          kind,
          name: code,
          printerUrl: kind === 'kiosk' ? 'virtual' : null,
          tokenHash: null,
        },
        { transaction: t },
      );
    }
    for (const s of VOSE_STAFF) {
      await m.User.create(
        { officeCode: 'vose', username: s.username, passwordHash, role: s.role, name: s.username },
        { transaction: t },
      );
    }
  });
}
