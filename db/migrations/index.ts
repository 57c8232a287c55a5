/** Every migration, in order. A merged migration is never edited: add a new one. */
import type { QueryInterface } from 'sequelize';
import * as queueBackbone from './20261125-0001-queue-backbone';

export interface MigrationModule {
  up(params: { context: QueryInterface }): Promise<void>;
  down(params: { context: QueryInterface }): Promise<void>;
}

export const migrations: ReadonlyArray<{ name: string; module: MigrationModule }> = [
  { name: '20261125-0001-queue-backbone', module: queueBackbone },
];
