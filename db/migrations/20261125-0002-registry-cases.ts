/**
 * Registration cases (single window): cases, their visits (tickets), history, and the number series
 * for case numbers, act records and certificates. Self-contained, so the registry can live in its
 * own MySQL database (REGISTRY_DATABASE_URL): no foreign keys into the queue's tables.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

const tableOptions = { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' };

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await createCases(qi);
  await createCaseTickets(qi);
  await createCaseHistory(qi);
  await createRegistrySeries(qi);
}

/** Cases, with their worklist index and unique act record numbers. */
async function createCases(qi: QueryInterface): Promise<void> {
  await qi.createTable(
    'cases',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      number: { type: DataTypes.STRING(32), allowNull: false, unique: 'cases_number' },
      office_code: { type: DataTypes.STRING(40), allowNull: false },
      type: { type: DataTypes.STRING(20), allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      version: { type: DataTypes.INTEGER, allowNull: false },
      applicant: { type: DataTypes.TEXT, allowNull: true },
      subjects: { type: DataTypes.TEXT, allowNull: false },
      documents: { type: DataTypes.TEXT, allowNull: false },
      details: { type: DataTypes.TEXT, allowNull: false },
      fee: { type: DataTypes.TEXT, allowNull: true },
      // Lower-cased names and document numbers, ё→е, for search.
      search_text: { type: DataTypes.TEXT, allowNull: false },
      act_record_year: { type: DataTypes.INTEGER, allowNull: true },
      act_record_number: { type: DataTypes.INTEGER, allowNull: true },
      act_record_date: { type: DataTypes.STRING(10), allowNull: true },
      certificate_series: { type: DataTypes.STRING(16), allowNull: true },
      certificate_number: { type: DataTypes.STRING(16), allowNull: true },
      created_by: { type: DataTypes.STRING(100), allowNull: false },
      submitted_at: { type: DataTypes.DATE(3), allowNull: true },
      registered_at: { type: DataTypes.DATE(3), allowNull: true },
      issued_at: { type: DataTypes.DATE(3), allowNull: true },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
      updated_at: { type: DataTypes.DATE(3), allowNull: false },
    },
    tableOptions,
  );
  await qi.addIndex('cases', ['office_code', 'status', 'updated_at'], { name: 'cases_worklist' });
  // An act record number is never given twice in an office, act type and year.
  await qi.addIndex('cases', ['office_code', 'type', 'act_record_year', 'act_record_number'], {
    unique: true,
    name: 'cases_act_record',
  });
}

/** Every visit (ticket) that touched a case; a ticket belongs to one case at most. */
async function createCaseTickets(qi: QueryInterface): Promise<void> {
  await qi.createTable(
    'case_tickets',
    {
      case_id: {
        type: DataTypes.INTEGER,
        primaryKey: true,
        references: { model: 'cases', key: 'id' },
        onDelete: 'CASCADE',
      },
      ticket_id: { type: DataTypes.STRING(36), primaryKey: true },
      ticket_number: { type: DataTypes.STRING(8), allowNull: false },
      linked_at: { type: DataTypes.DATE(3), allowNull: false },
    },
    tableOptions,
  );
  await qi.addIndex('case_tickets', ['ticket_id'], { unique: true, name: 'case_tickets_ticket' });
}

/** Each case's history: who did what, when. */
async function createCaseHistory(qi: QueryInterface): Promise<void> {
  await qi.createTable(
    'case_history',
    {
      id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
      case_id: {
        type: DataTypes.INTEGER,
        allowNull: false,
        references: { model: 'cases', key: 'id' },
        onDelete: 'CASCADE',
      },
      at: { type: DataTypes.DATE(3), allowNull: false },
      username: { type: DataTypes.STRING(100), allowNull: false },
      action: { type: DataTypes.STRING(40), allowNull: false },
      from_status: { type: DataTypes.STRING(16), allowNull: true },
      to_status: { type: DataTypes.STRING(16), allowNull: true },
      note: { type: DataTypes.TEXT, allowNull: true },
      changes: { type: DataTypes.TEXT, allowNull: true },
    },
    tableOptions,
  );
  await qi.addIndex('case_history', ['case_id', 'at'], { name: 'case_history_case' });
}

/** Last number given per series: (office, 'case', year), (office, act type, year), certificates. */
async function createRegistrySeries(qi: QueryInterface): Promise<void> {
  await qi.createTable(
    'registry_series',
    {
      office_code: { type: DataTypes.STRING(40), primaryKey: true },
      series: { type: DataTypes.STRING(32), primaryKey: true },
      year: { type: DataTypes.INTEGER, primaryKey: true },
      last: { type: DataTypes.INTEGER, allowNull: false },
    },
    tableOptions,
  );
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const table of ['registry_series', 'case_history', 'case_tickets', 'cases']) {
    await qi.dropTable(table);
  }
}
