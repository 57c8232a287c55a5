/** Plain records that repositories hand out (no Sequelize instances past db/). */
import type { WeeklyHours } from '../server/protocol/opening-hours';
import type { Names } from '../server/protocol';
import type { CounterStatus, Role, TicketStatus } from '../server/protocol/constants';

export interface PriorityCategory {
  code: string;
  names: Names;
}

export interface OfficeRecord {
  code: string;
  names: Names;
  casePrefix: string;
  timeZone: string;
  languages: string[];
  priorities: PriorityCategory[];
  fairnessN: number;
  maxRecalls: number;
  ticker: string | null;
  kioskIdleSeconds: number;
  /** `null`: always open. */
  openingHours: WeeklyHours | null;
  requireDevices: boolean;
  /** The kiosk does not ask about priority: the clerk does, at the window. */
  priorityByClerk: boolean;
}

export interface ServiceRecord {
  id: number;
  officeCode: string;
  code: string;
  prefix: string;
  names: Names;
  documents: string[];
  isOpen: boolean;
  closedReason: string | null;
  sortOrder: number;
  /** The wait the office aims at (minutes): the reports measure calls against it. */
  targetWaitMinutes: number;
}

export interface CounterRecord {
  id: number;
  officeCode: string;
  number: string;
  name: string | null;
  status: CounterStatus;
  pauseReason: string | null;
  priorityStreak: number;
  serviceIds: number[];
}

export interface TicketRecord {
  id: string;
  officeCode: string;
  day: string;
  number: string;
  serviceId: number;
  priority: string;
  language: string | null;
  kiosk: string | null;
  status: TicketStatus;
  issuedAt: Date;
  calledAt: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  counterNumber: string | null;
  targetCounter: string | null;
  /** What the clerk who transferred the ticket wrote for the next window. */
  transferNote?: string | null;
  calledBy: number | null;
  recalls: number;
  /** When call-next counts it as arrived: `issuedAt`, or a checked-in booking's slot start. */
  queueTime?: Date;
  /** The booking code of a ticket checked in on time (`appointment` in the DTOs). */
  appointmentCode?: string | null;
  /** Taken from the phone (remote join), not at the kiosk (`remote` in the DTOs). */
  remote?: boolean;
}

export interface UserRecord {
  id: number;
  officeCode: string | null;
  username: string;
  passwordHash: string;
  role: Role;
  name: string;
  disabled: boolean;
}

export interface AuditInput {
  officeCode: string | null;
  at: Date;
  actor: string;
  userId: number | null;
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  /** What the row is about in searchable words (a ticket's number). */
  subject?: string | null;
}
