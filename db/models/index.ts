/** Sequelize models. Instances stay inside db/: repositories hand plain records out. */
import { DataTypes, type Sequelize } from 'sequelize';
import {
  OfficeModel,
  OfficeStateModel,
  ServiceModel,
  CounterModel,
  CounterServiceModel,
  DeviceModel,
  UserModel,
  SessionModel,
  NumberSeriesModel,
  IdempotencyKeyModel,
  AuditEntryModel,
  PrintJobModel,
} from './model-classes';
import { TicketModel } from './ticket-model';

export {
  OfficeModel,
  OfficeStateModel,
  ServiceModel,
  CounterModel,
  CounterServiceModel,
  DeviceModel,
  UserModel,
  SessionModel,
  NumberSeriesModel,
  IdempotencyKeyModel,
  AuditEntryModel,
  PrintJobModel,
  TicketModel,
};

/** All models of one Sequelize instance. */
export interface Models {
  Office: typeof OfficeModel;
  OfficeState: typeof OfficeStateModel;
  Service: typeof ServiceModel;
  Counter: typeof CounterModel;
  CounterService: typeof CounterServiceModel;
  Device: typeof DeviceModel;
  User: typeof UserModel;
  Session: typeof SessionModel;
  Ticket: typeof TicketModel;
  NumberSeries: typeof NumberSeriesModel;
  IdempotencyKey: typeof IdempotencyKeyModel;
  AuditEntry: typeof AuditEntryModel;
  PrintJob: typeof PrintJobModel;
}

const str = (n: number) => DataTypes.STRING(n);
const time = DataTypes.DATE(3);

/**
 * Binds the models to one Sequelize instance (the schema itself comes from the migrations), with a
 * subclass per Sequelize instance, so two databases can live in one process.
 */
export function initModels(sequelize: Sequelize): Models {
  return {
    Office: initOfficeModel(sequelize),
    OfficeState: initOfficeStateModel(sequelize),
    Service: initServiceModel(sequelize),
    Counter: initCounterModel(sequelize),
    CounterService: initCounterServiceModel(sequelize),
    Device: initDeviceModel(sequelize),
    User: initUserModel(sequelize),
    Session: initSessionModel(sequelize),
    Ticket: initTicketModel(sequelize),
    NumberSeries: initNumberSeriesModel(sequelize),
    IdempotencyKey: initIdempotencyKeyModel(sequelize),
    AuditEntry: initAuditEntryModel(sequelize),
    PrintJob: initPrintJobModel(sequelize),
  };
}

/** An office: its names, languages, priorities and the rules call-next follows. */
function initOfficeModel(sequelize: Sequelize): typeof OfficeModel {
  const Office = class extends OfficeModel {};
  Office.init(
    {
      code: { type: str(40), primaryKey: true },
      names: { type: DataTypes.TEXT, allowNull: false },
      casePrefix: { type: str(8), allowNull: false },
      timeZone: { type: str(64), allowNull: false },
      languages: { type: DataTypes.TEXT, allowNull: false },
      priorities: { type: DataTypes.TEXT, allowNull: false },
      fairnessN: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 2 },
      maxRecalls: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 3 },
      ticker: { type: DataTypes.TEXT, allowNull: true },
      kioskIdleSeconds: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 30 },
      openingHours: { type: DataTypes.TEXT, allowNull: true },
      requireDevices: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      priorityByClerk: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      createdAt: time,
      updatedAt: time,
    },
    { sequelize, underscored: true, tableName: 'offices' },
  );
  return Office;
}

/** An office's event sequence (one row per office). */
function initOfficeStateModel(sequelize: Sequelize): typeof OfficeStateModel {
  const OfficeState = class extends OfficeStateModel {};
  OfficeState.init(
    {
      officeCode: { type: str(40), primaryKey: true },
      seq: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
    },
    { sequelize, underscored: true, tableName: 'office_states', timestamps: false },
  );
  return OfficeState;
}

/** A service an office offers, with the prefix of its ticket numbers. */
function initServiceModel(sequelize: Sequelize): typeof ServiceModel {
  const Service = class extends ServiceModel {};
  Service.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      officeCode: { type: str(40), allowNull: false },
      code: { type: str(40), allowNull: false },
      prefix: { type: str(1), allowNull: false },
      names: { type: DataTypes.TEXT, allowNull: false },
      documents: { type: DataTypes.TEXT, allowNull: false },
      isOpen: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      closedReason: { type: DataTypes.TEXT, allowNull: true },
      sortOrder: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      targetWaitMinutes: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 15 },
      createdAt: time,
      updatedAt: time,
    },
    { sequelize, underscored: true, tableName: 'services' },
  );
  return Service;
}

/** A window (counter) of an office. */
function initCounterModel(sequelize: Sequelize): typeof CounterModel {
  const Counter = class extends CounterModel {};
  Counter.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      officeCode: { type: str(40), allowNull: false },
      number: { type: str(8), allowNull: false },
      name: { type: str(100), allowNull: true },
      status: { type: str(16), allowNull: false, defaultValue: 'open' },
      pauseReason: { type: DataTypes.TEXT, allowNull: true },
      priorityStreak: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      createdAt: time,
      updatedAt: time,
    },
    { sequelize, underscored: true, tableName: 'counters' },
  );
  return Counter;
}

/** Which services a counter serves. */
function initCounterServiceModel(sequelize: Sequelize): typeof CounterServiceModel {
  const CounterService = class extends CounterServiceModel {};
  CounterService.init(
    {
      counterId: { type: DataTypes.INTEGER, primaryKey: true },
      serviceId: { type: DataTypes.INTEGER, primaryKey: true },
    },
    { sequelize, underscored: true, tableName: 'counter_services', timestamps: false },
  );
  return CounterService;
}

/** A kiosk or display of an office. */
function initDeviceModel(sequelize: Sequelize): typeof DeviceModel {
  const Device = class extends DeviceModel {};
  Device.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      officeCode: { type: str(40), allowNull: false },
      code: { type: str(40), allowNull: false },
      kind: { type: str(16), allowNull: false },
      name: { type: str(100), allowNull: true },
      printerUrl: { type: DataTypes.TEXT, allowNull: true },
      tokenHash: { type: str(64), allowNull: true },
      printerStatus: { type: str(16), allowNull: true },
      printerCheckedAt: { type: time, allowNull: true },
      createdAt: time,
      updatedAt: time,
    },
    { sequelize, underscored: true, tableName: 'devices' },
  );
  return Device;
}

/** A staff account. */
function initUserModel(sequelize: Sequelize): typeof UserModel {
  const User = class extends UserModel {};
  User.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      officeCode: { type: str(40), allowNull: true },
      username: { type: str(100), allowNull: false },
      passwordHash: { type: str(100), allowNull: false },
      role: { type: str(16), allowNull: false },
      name: { type: str(200), allowNull: false },
      disabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      createdAt: time,
      updatedAt: time,
    },
    { sequelize, underscored: true, tableName: 'users' },
  );
  return User;
}

/** A staff member's login session. */
function initSessionModel(sequelize: Sequelize): typeof SessionModel {
  const Session = class extends SessionModel {};
  Session.init(
    {
      tokenHash: { type: str(64), primaryKey: true },
      userId: { type: DataTypes.INTEGER, allowNull: false },
      createdAt: time,
      expiresAt: { type: time, allowNull: false },
      revokedAt: { type: time, allowNull: true },
    },
    { sequelize, underscored: true, tableName: 'sessions', timestamps: false },
  );
  return Session;
}

/** A ticket in an office day's queue. */
function initTicketModel(sequelize: Sequelize): typeof TicketModel {
  const Ticket = class extends TicketModel {};
  Ticket.init(
    {
      id: { type: str(36), primaryKey: true },
      officeCode: { type: str(40), allowNull: false },
      day: { type: str(10), allowNull: false },
      number: { type: str(8), allowNull: false },
      serviceId: { type: DataTypes.INTEGER, allowNull: false },
      priority: { type: str(40), allowNull: false },
      language: { type: str(2), allowNull: true },
      kiosk: { type: str(40), allowNull: true },
      status: { type: str(16), allowNull: false },
      issuedAt: { type: time, allowNull: false },
      calledAt: { type: time, allowNull: true },
      startedAt: { type: time, allowNull: true },
      finishedAt: { type: time, allowNull: true },
      counterNumber: { type: str(8), allowNull: true },
      targetCounter: { type: str(8), allowNull: true },
      transferNote: { type: DataTypes.TEXT, allowNull: true },
      calledBy: { type: DataTypes.INTEGER, allowNull: true },
      recalls: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      queueTime: { type: time, allowNull: true },
      appointmentCode: { type: str(8), allowNull: true },
      remote: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    },
    {
      sequelize,
      underscored: true,
      tableName: 'tickets',
      timestamps: false,
      // A walk-in stands in the queue from its issue time (the column is nullable only for old rows).
      hooks: {
        beforeCreate: (ticket: TicketModel) => {
          if (!ticket.queueTime) ticket.queueTime = ticket.issuedAt;
        },
      },
    },
  );
  return Ticket;
}

/** The last ticket number per office, office day and prefix. */
function initNumberSeriesModel(sequelize: Sequelize): typeof NumberSeriesModel {
  const NumberSeries = class extends NumberSeriesModel {};
  NumberSeries.init(
    {
      officeCode: { type: str(40), primaryKey: true },
      day: { type: str(10), primaryKey: true },
      prefix: { type: str(1), primaryKey: true },
      last: { type: DataTypes.INTEGER, allowNull: false },
    },
    { sequelize, underscored: true, tableName: 'number_series', timestamps: false },
  );
  return NumberSeries;
}

/** The ticket an issue request's idempotency key already made: a retried request gets it back. */
function initIdempotencyKeyModel(sequelize: Sequelize): typeof IdempotencyKeyModel {
  const IdempotencyKey = class extends IdempotencyKeyModel {};
  IdempotencyKey.init(
    {
      officeCode: { type: str(40), primaryKey: true },
      idemKey: { type: str(100), primaryKey: true },
      ticketId: { type: str(36), allowNull: false },
      createdAt: time,
    },
    { sequelize, underscored: true, tableName: 'idempotency_keys', timestamps: false },
  );
  return IdempotencyKey;
}

/** One line of the audit log. */
function initAuditEntryModel(sequelize: Sequelize): typeof AuditEntryModel {
  const AuditEntry = class extends AuditEntryModel {};
  AuditEntry.init(
    {
      id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
      officeCode: { type: str(40), allowNull: true },
      at: { type: time, allowNull: false },
      actor: { type: str(100), allowNull: false },
      userId: { type: DataTypes.INTEGER, allowNull: true },
      action: { type: str(60), allowNull: false },
      entity: { type: str(40), allowNull: false },
      entityId: { type: str(64), allowNull: false },
      before: { type: DataTypes.TEXT, allowNull: true },
      after: { type: DataTypes.TEXT, allowNull: true },
      subject: { type: str(40), allowNull: true },
    },
    { sequelize, underscored: true, tableName: 'audit_log', timestamps: false },
  );
  return AuditEntry;
}

/** A ticket's print job for a kiosk's network printer, retried until printed. */
function initPrintJobModel(sequelize: Sequelize): typeof PrintJobModel {
  const PrintJob = class extends PrintJobModel {};
  PrintJob.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      officeCode: { type: str(40), allowNull: false },
      ticketId: { type: str(36), allowNull: false },
      deviceCode: { type: str(40), allowNull: false },
      printerUrl: { type: DataTypes.TEXT, allowNull: false },
      payload: { type: DataTypes.TEXT, allowNull: false },
      status: { type: str(16), allowNull: false },
      attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      nextAttemptAt: { type: time, allowNull: false },
      claimedUntil: { type: time, allowNull: true },
      lastError: { type: DataTypes.TEXT, allowNull: true },
      createdAt: { type: time, allowNull: false },
      printedAt: { type: time, allowNull: true },
    },
    { sequelize, underscored: true, tableName: 'print_jobs', timestamps: false },
  );
  return PrintJob;
}
