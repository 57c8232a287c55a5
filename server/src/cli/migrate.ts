/** `npm run migrate`: applies pending migrations to DATABASE_URL and exits. */
import { Database, parseDatabaseUrl } from '../../../db/database';

async function run(): Promise<void> {
  let db: Database;
  try {
    db = new Database(parseDatabaseUrl(process.env.DATABASE_URL));
    await db.connect();
  } catch (err) {
    process.stderr.write(
      `navbat: cannot open the database: ${(err as Error).message.split('\n')[0]}\n`,
    );
    process.exit(1);
  }
  const applied = await db.migrate();
  process.stdout.write(
    applied.length ? `applied: ${applied.join(', ')}\n` : 'schema is up to date\n',
  );
  await db.close();
}

void run().catch((err: unknown) => {
  process.stderr.write(`navbat: migration failed: ${(err as Error).message}\n`);
  process.exit(1);
});
