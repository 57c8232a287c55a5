/** What a node prints once it listens: where it runs, its pages, and where phones' links lead. */
import type http from 'node:http';
import type { Config } from '../config';
import { DEMO_PASSWORD, DEMO_STAFF } from '../../../db/seed/demo-office';
import { publicUrlOf } from '../public-url';
import { describeDatabase } from './start-up';

export function printBanner(server: http.Server, config: Config): void {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const base = `http://localhost:${port}`;
  const lines = [
    `Navbat is running on ${base} (database: ${describeDatabase(config.databaseUrl)}` +
      (config.registryDatabaseUrl
        ? `, registry: ${describeDatabase(config.registryDatabaseUrl)}`
        : '') +
      `${config.redisUrl ? ', Redis adapter on' : ''})`,
    `  kiosk    ${base}/kiosk/?office=kulob&kiosk=K1`,
    `  display  ${base}/display/?office=kulob`,
    `  counter  ${base}/counter/?office=kulob`,
    `  admin    ${base}/admin/?office=kulob`,
    `  booking  ${base}/book/?office=kulob`,
    `  join     ${base}/join/?office=kulob (remote join: off until an admin switches it on)`,
  ];
  if (config.demo) {
    lines.push(
      `  demo logins (password "${DEMO_PASSWORD}"): ` +
        DEMO_STAFF.map((s) => `${s.username} (${s.role})`).join(', '),
    );
  }
  const link = publicUrlOf(config.publicUrl, server);
  lines.push(
    link.configured
      ? `  phones   ${link.url} (PUBLIC_URL: QR codes and links)`
      : `  PUBLIC_URL is not set: QR codes and links lead to ${link.url}, which phones on mobile data cannot open`,
  );
  process.stdout.write(lines.join('\n') + '\n');
}
