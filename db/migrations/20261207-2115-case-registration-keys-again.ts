/**
 * The registered events keyed anew once more (server/protocol/case-identity.ts, later on
 * 2026-12-07): names fold hyphens, spaces and apostrophes within a name (a double name written
 * "Муҳаммад-Алӣ" or "Муҳаммад Алӣ") and the old Tajik fonts' letters (Ѓ, Ї, Ќ, Ў, Њ, Љ). The same
 * work as the first keying, with the identities of now.
 */
import type { QueryInterface } from 'sequelize';
import { up as keyRegistrations } from './20261207-2010-case-registration-keys';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await keyRegistrations({ context: qi });
}

export async function down(): Promise<void> {
  // As the first keying: the keys of before cannot be told from these.
}
