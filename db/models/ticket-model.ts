/** The ticket's model (bound to a Sequelize instance by initModels in index.ts). */
import {
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
} from 'sequelize';
import type { TicketStatus } from '../../server/protocol/constants';

export class TicketModel extends Model<
  InferAttributes<TicketModel>,
  InferCreationAttributes<TicketModel>
> {
  declare id: string;
  declare officeCode: string;
  declare day: string;
  declare number: string;
  declare serviceId: number;
  declare priority: string;
  declare language: string | null;
  declare kiosk: string | null;
  declare status: TicketStatus;
  declare issuedAt: Date;
  declare calledAt: Date | null;
  declare startedAt: Date | null;
  declare finishedAt: Date | null;
  declare counterNumber: string | null;
  declare targetCounter: string | null;
  declare transferNote: CreationOptional<string | null>;
  declare calledBy: number | null;
  declare recalls: CreationOptional<number>;
  /** When call-next counts the ticket as arrived: issue time, or a checked-in booking's slot start. */
  declare queueTime: CreationOptional<Date>;
  /** The booking code the ticket was checked in with (on time), if any. */
  declare appointmentCode: CreationOptional<string | null>;
  /** Taken from the phone (remote join), not at the kiosk. */
  declare remote: CreationOptional<boolean>;
}
