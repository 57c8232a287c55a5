/**
 * Every migration, in order, in two sets: the queue's and the registry's (the registry may live in its
 * own database, REGISTRY_DATABASE_URL). A merged migration is never edited: add a new one.
 */
import type { QueryInterface } from 'sequelize';
import * as queueBackbone from './20261125-0001-queue-backbone';
import * as registryCases from './20261125-0002-registry-cases';
import * as printJobs from './20261125-0003-print-jobs';
import * as printerStatus from './20261125-0004-printer-status';
import * as serviceTargets from './20261125-0005-service-targets';
import * as priorityByClerk from './20261203-13-01-priority-by-clerk';
import * as counterSessions from './20261203-14a-counter-sessions';
import * as auditSubject from './20261203-14b-audit-subject';
import * as bookings from './20261203-1901-bookings';
import * as bookingsDayIndex from './20261203-1902-bookings-day-index';
import * as remoteJoin from './20261203-1903-remote-join';
import * as bookingResources from './20261203-1904-booking-resources';
import * as ticketsPriorityWait from './20261203-1605-tickets-priority-wait';
import * as messages from './20261203-18-01-messages';
import * as caseMessages from './20261203-18-02-case-messages';
import * as casePickupCodes from './20261203-15-01-case-pickup-codes';
import * as ticketQueueTime from './20261203-5c-ticket-queue-time';
import * as caseRegistrations from './20261205-2101-case-registrations';
import * as serverSecrets from './20261205-2001-server-secrets';
import * as bookingRequestedFrom from './20261206-1905-booking-requested-from';
import * as bookingIdempotency from './20261207-1906-booking-idempotency';
import * as caseRegistrationKeys from './20261207-2010-case-registration-keys';
import * as caseRegistrationKeysAgain from './20261207-2115-case-registration-keys-again';

export interface MigrationModule {
  up(params: { context: QueryInterface }): Promise<void>;
  down(params: { context: QueryInterface }): Promise<void>;
}

export interface MigrationSet {
  /** Table in which umzug records what ran. */
  storageTable: string;
  migrations: ReadonlyArray<{ name: string; module: MigrationModule }>;
}

export const queueMigrations: MigrationSet = {
  storageTable: 'schema_migrations',
  migrations: [
    { name: '20261125-0001-queue-backbone', module: queueBackbone },
    { name: '20261125-0003-print-jobs', module: printJobs },
    { name: '20261125-0004-printer-status', module: printerStatus },
    { name: '20261125-0005-service-targets', module: serviceTargets },
    { name: '20261203-13-01-priority-by-clerk', module: priorityByClerk },
    { name: '20261203-14a-counter-sessions', module: counterSessions },
    { name: '20261203-14b-audit-subject', module: auditSubject },
    { name: '20261203-1901-bookings', module: bookings },
    { name: '20261203-18-01-messages', module: messages },
    { name: '20261203-5c-ticket-queue-time', module: ticketQueueTime },
    { name: '20261203-1902-bookings-day-index', module: bookingsDayIndex },
    { name: '20261203-1903-remote-join', module: remoteJoin },
    { name: '20261203-1904-booking-resources', module: bookingResources },
    { name: '20261203-1605-tickets-priority-wait', module: ticketsPriorityWait },
    { name: '20261205-2001-server-secrets', module: serverSecrets },
    { name: '20261206-1905-booking-requested-from', module: bookingRequestedFrom },
    { name: '20261207-1906-booking-idempotency', module: bookingIdempotency },
  ],
};

export const registryMigrations: MigrationSet = {
  storageTable: 'registry_migrations',
  migrations: [
    { name: '20261125-0002-registry-cases', module: registryCases },
    { name: '20261203-18-02-case-messages', module: caseMessages },
    { name: '20261203-15-01-case-pickup-codes', module: casePickupCodes },
    { name: '20261205-2101-case-registrations', module: caseRegistrations },
    { name: '20261207-2010-case-registration-keys', module: caseRegistrationKeys },
    { name: '20261207-2115-case-registration-keys-again', module: caseRegistrationKeysAgain },
  ],
};
