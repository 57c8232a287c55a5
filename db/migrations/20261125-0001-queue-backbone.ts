/** Offices, services, counters, staff, devices, tickets, event sequence, idempotency keys, audit log. */
import { DataTypes, type QueryInterface } from 'sequelize';

const tableOptions = { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' };

function timestamps() {
  return {
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  };
}

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await createOffices(qi);
  await createOfficeStates(qi);
  await createServices(qi);
  await createCounters(qi);
  await createCounterServices(qi);
  await createDevices(qi);
  await createUsers(qi);
  await createSessions(qi);
  await createTickets(qi);
  await createNumberSeries(qi);
  await createIdempotencyKeys(qi);
  await createAuditLog(qi);
}

/** Offices: names, languages, priorities and the rules call-next follows. */
async function createOffices(qi: QueryInterface): Promise<void> {
  await qi.createTable(
    'offices',
    {
      code: { type: DataTypes.STRING(40), primaryKey: true },
      names: { type: DataTypes.TEXT, allowNull: false },
      case_prefix: { type: DataTypes.STRING(8), allowNull: false },
      time_zone: { type: DataTypes.STRING(64), allowNull: false },
      languages: { type: DataTypes.TEXT, allowNull: false },
      priorities: { type: DataTypes.TEXT, allowNull: false },
      fairness_n: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 2 },
      max_recalls: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 3 },
      ticker: { type: DataTypes.TEXT, allowNull: true },
      kiosk_idle_seconds: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 30 },
      opening_hours: { type: DataTypes.TEXT, allowNull: true },
      require_devices: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      ...timestamps(),
    },
    tableOptions,
  );
}

/** One row per office: the event sequence every committed command takes its numbers from. */
async function createOfficeStates(qi: QueryInterface): Promise<void> {
  await qi.createTable(
    'office_states',
    {
      office_code: {
        type: DataTypes.STRING(40),
        primaryKey: true,
        references: { model: 'offices', key: 'code' },
        onDelete: 'CASCADE',
      },
      seq: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
    },
    tableOptions,
  );
}

/** The services an office offers; code and ticket prefix are unique in an office. */
async function createServices(qi: QueryInterface): Promise<void> {
  await qi.createTable(
    'services',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      office_code: {
        type: DataTypes.STRING(40),
        allowNull: false,
        references: { model: 'offices', key: 'code' },
        onDelete: 'CASCADE',
      },
      code: { type: DataTypes.STRING(40), allowNull: false },
      prefix: { type: DataTypes.STRING(1), allowNull: false },
      names: { type: DataTypes.TEXT, allowNull: false },
      documents: { type: DataTypes.TEXT, allowNull: false },
      is_open: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      closed_reason: { type: DataTypes.TEXT, allowNull: true },
      sort_order: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      ...timestamps(),
    },
    tableOptions,
  );
  await qi.addIndex('services', ['office_code', 'code'], {
    unique: true,
    name: 'services_office_code',
  });
  await qi.addIndex('services', ['office_code', 'prefix'], {
    unique: true,
    name: 'services_office_prefix',
  });
}

/** An office's windows (counters), numbered uniquely in the office. */
async function createCounters(qi: QueryInterface): Promise<void> {
  await qi.createTable(
    'counters',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      office_code: {
        type: DataTypes.STRING(40),
        allowNull: false,
        references: { model: 'offices', key: 'code' },
        onDelete: 'CASCADE',
      },
      number: { type: DataTypes.STRING(8), allowNull: false },
      name: { type: DataTypes.STRING(100), allowNull: true },
      status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'open' },
      pause_reason: { type: DataTypes.TEXT, allowNull: true },
      priority_streak: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      ...timestamps(),
    },
    tableOptions,
  );
  await qi.addIndex('counters', ['office_code', 'number'], {
    unique: true,
    name: 'counters_office_number',
  });
}

/** Which services each counter serves. */
async function createCounterServices(qi: QueryInterface): Promise<void> {
  await qi.createTable(
    'counter_services',
    {
      counter_id: {
        type: DataTypes.INTEGER,
        primaryKey: true,
        references: { model: 'counters', key: 'id' },
        onDelete: 'CASCADE',
      },
      service_id: {
        type: DataTypes.INTEGER,
        primaryKey: true,
        references: { model: 'services', key: 'id' },
        onDelete: 'CASCADE',
      },
    },
    tableOptions,
  );
}

/** Kiosks and displays, coded uniquely in the office. */
async function createDevices(qi: QueryInterface): Promise<void> {
  await qi.createTable(
    'devices',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      office_code: {
        type: DataTypes.STRING(40),
        allowNull: false,
        references: { model: 'offices', key: 'code' },
        onDelete: 'CASCADE',
      },
      code: { type: DataTypes.STRING(40), allowNull: false },
      kind: { type: DataTypes.STRING(16), allowNull: false },
      name: { type: DataTypes.STRING(100), allowNull: true },
      printer_url: { type: DataTypes.TEXT, allowNull: true },
      token_hash: { type: DataTypes.STRING(64), allowNull: true },
      ...timestamps(),
    },
    tableOptions,
  );
  await qi.addIndex('devices', ['office_code', 'code'], {
    unique: true,
    name: 'devices_office_code',
  });
}

/** Staff accounts; a username is unique across offices. */
async function createUsers(qi: QueryInterface): Promise<void> {
  await qi.createTable(
    'users',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      office_code: {
        type: DataTypes.STRING(40),
        allowNull: true,
        references: { model: 'offices', key: 'code' },
        onDelete: 'SET NULL',
      },
      username: { type: DataTypes.STRING(100), allowNull: false, unique: 'users_username' },
      password_hash: { type: DataTypes.STRING(100), allowNull: false },
      role: { type: DataTypes.STRING(16), allowNull: false },
      name: { type: DataTypes.STRING(200), allowNull: false },
      disabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      ...timestamps(),
    },
    tableOptions,
  );
}

/** Staff login sessions. */
async function createSessions(qi: QueryInterface): Promise<void> {
  await qi.createTable(
    'sessions',
    {
      token_hash: { type: DataTypes.STRING(64), primaryKey: true },
      user_id: {
        type: DataTypes.INTEGER,
        allowNull: false,
        references: { model: 'users', key: 'id' },
        onDelete: 'CASCADE',
      },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
      expires_at: { type: DataTypes.DATE(3), allowNull: false },
      revoked_at: { type: DataTypes.DATE(3), allowNull: true },
    },
    tableOptions,
  );
  await qi.addIndex('sessions', ['user_id'], { name: 'sessions_user' });
}

/** Tickets: unique number per office day, indexed for the queue and per counter. */
async function createTickets(qi: QueryInterface): Promise<void> {
  await qi.createTable(
    'tickets',
    {
      id: { type: DataTypes.STRING(36), primaryKey: true },
      office_code: {
        type: DataTypes.STRING(40),
        allowNull: false,
        references: { model: 'offices', key: 'code' },
        onDelete: 'CASCADE',
      },
      day: { type: DataTypes.STRING(10), allowNull: false },
      number: { type: DataTypes.STRING(8), allowNull: false },
      service_id: {
        type: DataTypes.INTEGER,
        allowNull: false,
        references: { model: 'services', key: 'id' },
      },
      priority: { type: DataTypes.STRING(40), allowNull: false, defaultValue: 'none' },
      language: { type: DataTypes.STRING(2), allowNull: true },
      kiosk: { type: DataTypes.STRING(40), allowNull: true },
      status: { type: DataTypes.STRING(16), allowNull: false },
      issued_at: { type: DataTypes.DATE(3), allowNull: false },
      called_at: { type: DataTypes.DATE(3), allowNull: true },
      started_at: { type: DataTypes.DATE(3), allowNull: true },
      finished_at: { type: DataTypes.DATE(3), allowNull: true },
      counter_number: { type: DataTypes.STRING(8), allowNull: true },
      target_counter: { type: DataTypes.STRING(8), allowNull: true },
      called_by: {
        type: DataTypes.INTEGER,
        allowNull: true,
        references: { model: 'users', key: 'id' },
        onDelete: 'SET NULL',
      },
      recalls: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    },
    tableOptions,
  );
  await qi.addIndex('tickets', ['office_code', 'day', 'number'], {
    unique: true,
    name: 'tickets_office_day_number',
  });
  await qi.addIndex('tickets', ['office_code', 'day', 'status', 'issued_at'], {
    name: 'tickets_queue',
  });
  await qi.addIndex('tickets', ['office_code', 'counter_number', 'status'], {
    name: 'tickets_counter',
  });
}

/** The last number given per office, office day and prefix; its row lock serialises numbering. */
async function createNumberSeries(qi: QueryInterface): Promise<void> {
  await qi.createTable(
    'number_series',
    {
      office_code: { type: DataTypes.STRING(40), primaryKey: true },
      day: { type: DataTypes.STRING(10), primaryKey: true },
      prefix: { type: DataTypes.STRING(1), primaryKey: true },
      last: { type: DataTypes.INTEGER, allowNull: false },
    },
    tableOptions,
  );
}

/** The ticket each issue request's idempotency key made. */
async function createIdempotencyKeys(qi: QueryInterface): Promise<void> {
  await qi.createTable(
    'idempotency_keys',
    {
      office_code: { type: DataTypes.STRING(40), primaryKey: true },
      idem_key: { type: DataTypes.STRING(100), primaryKey: true },
      ticket_id: {
        type: DataTypes.STRING(36),
        allowNull: false,
        references: { model: 'tickets', key: 'id' },
        onDelete: 'CASCADE',
      },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
    },
    tableOptions,
  );
}

/** The audit log, searched by office and time or by entity. */
async function createAuditLog(qi: QueryInterface): Promise<void> {
  await qi.createTable(
    'audit_log',
    {
      id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
      office_code: { type: DataTypes.STRING(40), allowNull: true },
      at: { type: DataTypes.DATE(3), allowNull: false },
      actor: { type: DataTypes.STRING(100), allowNull: false },
      user_id: { type: DataTypes.INTEGER, allowNull: true },
      action: { type: DataTypes.STRING(60), allowNull: false },
      entity: { type: DataTypes.STRING(40), allowNull: false },
      entity_id: { type: DataTypes.STRING(64), allowNull: false },
      before: { type: DataTypes.TEXT, allowNull: true },
      after: { type: DataTypes.TEXT, allowNull: true },
    },
    tableOptions,
  );
  await qi.addIndex('audit_log', ['office_code', 'at'], { name: 'audit_office_at' });
  await qi.addIndex('audit_log', ['entity', 'entity_id'], { name: 'audit_entity' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const table of [
    'audit_log',
    'idempotency_keys',
    'number_series',
    'tickets',
    'sessions',
    'users',
    'devices',
    'counter_services',
    'counters',
    'services',
    'office_states',
    'offices',
  ]) {
    await qi.dropTable(table);
  }
}
