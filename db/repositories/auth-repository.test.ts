/** The session lookup every staff request and command makes: live, to the millisecond, plain rows. */
import { freshDatabase, testDialects, type TestDatabase } from '../../server/src/testing/harness';
import { AuthRepository } from './auth-repository';

const OPENED = new Date('2026-12-05T04:00:00.000Z');
const ENDS = new Date('2026-12-05T16:00:00.250Z');

describe.each(testDialects())('staff sessions on %s', (dialect) => {
  let tdb: TestDatabase;
  let repo: AuthRepository;
  beforeAll(async () => {
    tdb = await freshDatabase(dialect);
    repo = new AuthRepository(tdb.db);
  });
  afterAll(async () => {
    await tdb.drop();
  });

  async function newUser(username: string): Promise<number> {
    const user = await repo.createUser({
      officeCode: null,
      username,
      passwordHash: '$2b$04$not-a-real-hash-but-never-read-here',
      role: 'back_office',
      name: 'Зарина Раҳимова',
      disabled: false,
    });
    return user.id;
  }

  it('finds the user of a live session and when it ends, until the last millisecond', async () => {
    const id = await newUser('registrar7');
    await repo.createSession('live-hash', id, OPENED, ENDS);
    const found = await repo.findSessionUser('live-hash', new Date(ENDS.getTime() - 1));
    expect(found).toEqual({
      id,
      officeCode: null,
      username: 'registrar7',
      role: 'back_office',
      name: 'Зарина Раҳимова',
      expiresAt: ENDS,
    });
    expect(found).not.toHaveProperty('passwordHash');
    expect(await repo.findSessionUser('live-hash', ENDS)).toBeUndefined();
    expect(await repo.findSessionUser('no-such-hash', OPENED)).toBeUndefined();
  });

  it('finds nobody behind a revoked session or a disabled user', async () => {
    const revokedId = await newUser('registrar8');
    await repo.createSession('revoked-hash', revokedId, OPENED, ENDS);
    await repo.revokeSession('revoked-hash', OPENED);
    expect(await repo.findSessionUser('revoked-hash', OPENED)).toBeUndefined();

    const disabledId = await newUser('registrar9');
    await repo.createSession('disabled-hash', disabledId, OPENED, ENDS);
    expect(await repo.findSessionUser('disabled-hash', OPENED)).toBeDefined();
    await tdb.db.transaction((t) => repo.updateUser(disabledId, { disabled: true }, t));
    expect(await repo.findSessionUser('disabled-hash', OPENED)).toBeUndefined();
  });
});
