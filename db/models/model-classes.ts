/** The models' classes: the columns each model declares (bound by initModels in index.ts). */
import {
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
} from 'sequelize';
import type { CounterStatus, DeviceKind, Role } from '../../server/protocol/constants';

export class OfficeModel extends Model<
  InferAttributes<OfficeModel>,
  InferCreationAttributes<OfficeModel>
> {
  declare code: string;
  declare names: string;
  declare casePrefix: string;
  declare timeZone: string;
  declare languages: string;
  declare priorities: string;
  declare fairnessN: CreationOptional<number>;
  declare maxRecalls: CreationOptional<number>;
  declare ticker: string | null;
  declare kioskIdleSeconds: CreationOptional<number>;
  declare openingHours: string | null;
  declare requireDevices: CreationOptional<boolean>;
  declare priorityByClerk: CreationOptional<boolean>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class OfficeStateModel extends Model<
  InferAttributes<OfficeStateModel>,
  InferCreationAttributes<OfficeStateModel>
> {
  declare officeCode: string;
  declare seq: CreationOptional<number>;
}

export class ServiceModel extends Model<
  InferAttributes<ServiceModel>,
  InferCreationAttributes<ServiceModel>
> {
  declare id: CreationOptional<number>;
  declare officeCode: string;
  declare code: string;
  declare prefix: string;
  declare names: string;
  declare documents: string;
  declare isOpen: CreationOptional<boolean>;
  declare closedReason: string | null;
  declare sortOrder: CreationOptional<number>;
  /** The wait the office aims at for this service (minutes; the reports' SLA). */
  declare targetWaitMinutes: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class CounterModel extends Model<
  InferAttributes<CounterModel>,
  InferCreationAttributes<CounterModel>
> {
  declare id: CreationOptional<number>;
  declare officeCode: string;
  declare number: string;
  declare name: string | null;
  declare status: CreationOptional<CounterStatus>;
  declare pauseReason: string | null;
  declare priorityStreak: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class CounterServiceModel extends Model<
  InferAttributes<CounterServiceModel>,
  InferCreationAttributes<CounterServiceModel>
> {
  declare counterId: number;
  declare serviceId: number;
}

export class DeviceModel extends Model<
  InferAttributes<DeviceModel>,
  InferCreationAttributes<DeviceModel>
> {
  declare id: CreationOptional<number>;
  declare officeCode: string;
  declare code: string;
  declare kind: DeviceKind;
  declare name: string | null;
  declare printerUrl: string | null;
  declare tokenHash: string | null;
  declare printerStatus: CreationOptional<string | null>;
  declare printerCheckedAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class UserModel extends Model<
  InferAttributes<UserModel>,
  InferCreationAttributes<UserModel>
> {
  declare id: CreationOptional<number>;
  declare officeCode: string | null;
  declare username: string;
  declare passwordHash: string;
  declare role: Role;
  declare name: string;
  declare disabled: CreationOptional<boolean>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class SessionModel extends Model<
  InferAttributes<SessionModel>,
  InferCreationAttributes<SessionModel>
> {
  declare tokenHash: string;
  declare userId: number;
  declare createdAt: Date;
  declare expiresAt: Date;
  declare revokedAt: Date | null;
}

export class NumberSeriesModel extends Model<
  InferAttributes<NumberSeriesModel>,
  InferCreationAttributes<NumberSeriesModel>
> {
  declare officeCode: string;
  declare day: string;
  declare prefix: string;
  declare last: number;
}

export class IdempotencyKeyModel extends Model<
  InferAttributes<IdempotencyKeyModel>,
  InferCreationAttributes<IdempotencyKeyModel>
> {
  declare officeCode: string;
  declare idemKey: string;
  declare ticketId: string;
  declare createdAt: Date;
}

export class AuditEntryModel extends Model<
  InferAttributes<AuditEntryModel>,
  InferCreationAttributes<AuditEntryModel>
> {
  declare id: CreationOptional<number>;
  declare officeCode: string | null;
  declare at: Date;
  declare actor: string;
  declare userId: number | null;
  declare action: string;
  declare entity: string;
  declare entityId: string;
  declare before: string | null;
  declare after: string | null;
  /** What the row is about in searchable words: a ticket's number. */
  declare subject: CreationOptional<string | null>;
}

export class PrintJobModel extends Model<
  InferAttributes<PrintJobModel>,
  InferCreationAttributes<PrintJobModel>
> {
  declare id: CreationOptional<number>;
  declare officeCode: string;
  declare ticketId: string;
  declare deviceCode: string;
  declare printerUrl: string;
  declare payload: string;
  declare status: string;
  declare attempts: CreationOptional<number>;
  declare nextAttemptAt: Date;
  declare claimedUntil: Date | null;
  declare lastError: string | null;
  declare createdAt: Date;
  declare printedAt: Date | null;
}
