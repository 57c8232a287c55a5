/** Sequelize models of the registry (cases); bound per Sequelize instance like the queue's. */
import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';
import type { CaseHistoryAction, CaseStatus, CaseType } from '../../server/protocol/case-enums';

export class CaseModel extends Model<
  InferAttributes<CaseModel>,
  InferCreationAttributes<CaseModel>
> {
  declare id: CreationOptional<number>;
  declare number: string;
  declare officeCode: string;
  declare type: CaseType;
  declare status: CaseStatus;
  declare version: number;
  declare applicant: string | null;
  declare subjects: string;
  declare documents: string;
  declare details: string;
  declare fee: string | null;
  declare searchText: string;
  declare actRecordYear: number | null;
  declare actRecordNumber: number | null;
  declare actRecordDate: string | null;
  declare certificateSeries: string | null;
  declare certificateNumber: string | null;
  declare createdBy: string;
  declare pickupCode: string | null;
  declare identityCheck: string | null;
  declare submittedAt: Date | null;
  declare registeredAt: Date | null;
  declare issuedAt: Date | null;
  declare createdAt: Date;
  declare updatedAt: Date;
}

export class CaseTicketModel extends Model<
  InferAttributes<CaseTicketModel>,
  InferCreationAttributes<CaseTicketModel>
> {
  declare caseId: number;
  declare ticketId: string;
  declare ticketNumber: string;
  declare linkedAt: Date;
}

export class CaseHistoryModel extends Model<
  InferAttributes<CaseHistoryModel>,
  InferCreationAttributes<CaseHistoryModel>
> {
  declare id: CreationOptional<number>;
  declare caseId: number;
  declare at: Date;
  declare username: string;
  declare action: CaseHistoryAction;
  declare fromStatus: CaseStatus | null;
  declare toStatus: CaseStatus | null;
  declare note: string | null;
  declare changes: string | null;
}

export class RegistrySeriesModel extends Model<
  InferAttributes<RegistrySeriesModel>,
  InferCreationAttributes<RegistrySeriesModel>
> {
  declare officeCode: string;
  declare series: string;
  declare year: number;
  declare last: number;
}

export interface RegistryModels {
  Case: typeof CaseModel;
  CaseTicket: typeof CaseTicketModel;
  CaseHistory: typeof CaseHistoryModel;
  RegistrySeries: typeof RegistrySeriesModel;
}

const time = DataTypes.DATE(3);

/** Binds the registry's models to one Sequelize instance (a subclass per instance, as initModels). */
export function initRegistryModels(sequelize: Sequelize): RegistryModels {
  return {
    Case: initCaseModel(sequelize),
    CaseTicket: initCaseTicketModel(sequelize),
    CaseHistory: initCaseHistoryModel(sequelize),
    RegistrySeries: initRegistrySeriesModel(sequelize),
  };
}

/** A registration case (single window), with its act record and certificate once registered. */
function initCaseModel(sequelize: Sequelize): typeof CaseModel {
  const Case = class extends CaseModel {};
  Case.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      number: { type: DataTypes.STRING(32), allowNull: false },
      officeCode: { type: DataTypes.STRING(40), allowNull: false },
      type: { type: DataTypes.STRING(20), allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      version: { type: DataTypes.INTEGER, allowNull: false },
      applicant: { type: DataTypes.TEXT, allowNull: true },
      subjects: { type: DataTypes.TEXT, allowNull: false },
      documents: { type: DataTypes.TEXT, allowNull: false },
      details: { type: DataTypes.TEXT, allowNull: false },
      fee: { type: DataTypes.TEXT, allowNull: true },
      searchText: { type: DataTypes.TEXT, allowNull: false },
      actRecordYear: { type: DataTypes.INTEGER, allowNull: true },
      actRecordNumber: { type: DataTypes.INTEGER, allowNull: true },
      actRecordDate: { type: DataTypes.STRING(10), allowNull: true },
      certificateSeries: { type: DataTypes.STRING(16), allowNull: true },
      certificateNumber: { type: DataTypes.STRING(16), allowNull: true },
      createdBy: { type: DataTypes.STRING(100), allowNull: false },
      pickupCode: { type: DataTypes.STRING(12), allowNull: true },
      identityCheck: { type: DataTypes.STRING(8), allowNull: true },
      submittedAt: { type: time, allowNull: true },
      registeredAt: { type: time, allowNull: true },
      issuedAt: { type: time, allowNull: true },
      createdAt: time,
      updatedAt: time,
    },
    { sequelize, underscored: true, tableName: 'cases', timestamps: false },
  );
  return Case;
}

/** A visit (ticket) that touched a case. */
function initCaseTicketModel(sequelize: Sequelize): typeof CaseTicketModel {
  const CaseTicket = class extends CaseTicketModel {};
  CaseTicket.init(
    {
      caseId: { type: DataTypes.INTEGER, primaryKey: true },
      ticketId: { type: DataTypes.STRING(36), primaryKey: true },
      ticketNumber: { type: DataTypes.STRING(8), allowNull: false },
      linkedAt: { type: time, allowNull: false },
    },
    { sequelize, underscored: true, tableName: 'case_tickets', timestamps: false },
  );
  return CaseTicket;
}

/** One step of a case's history: who did what, and what changed. */
function initCaseHistoryModel(sequelize: Sequelize): typeof CaseHistoryModel {
  const CaseHistory = class extends CaseHistoryModel {};
  CaseHistory.init(
    {
      id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
      caseId: { type: DataTypes.INTEGER, allowNull: false },
      at: { type: time, allowNull: false },
      username: { type: DataTypes.STRING(100), allowNull: false },
      action: { type: DataTypes.STRING(40), allowNull: false },
      fromStatus: { type: DataTypes.STRING(16), allowNull: true },
      toStatus: { type: DataTypes.STRING(16), allowNull: true },
      note: { type: DataTypes.TEXT, allowNull: true },
      changes: { type: DataTypes.TEXT, allowNull: true },
    },
    { sequelize, underscored: true, tableName: 'case_history', timestamps: false },
  );
  return CaseHistory;
}

/** The last number given per series: case numbers, act records, certificates. */
function initRegistrySeriesModel(sequelize: Sequelize): typeof RegistrySeriesModel {
  const RegistrySeries = class extends RegistrySeriesModel {};
  RegistrySeries.init(
    {
      officeCode: { type: DataTypes.STRING(40), primaryKey: true },
      series: { type: DataTypes.STRING(32), primaryKey: true },
      year: { type: DataTypes.INTEGER, primaryKey: true },
      last: { type: DataTypes.INTEGER, allowNull: false },
    },
    { sequelize, underscored: true, tableName: 'registry_series', timestamps: false },
  );
  return RegistrySeries;
}
