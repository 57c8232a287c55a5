/**
 * The zod schemas of each endpoint in server/protocol/endpoints.ts — the same schema objects the
 * routers parse with — for the generated OpenAPI document. Path parameters are described by name.
 */
import { z } from 'zod';
import {
  AuditQuery,
  CallReasons,
  CallTicket,
  Case,
  CaseQuery,
  CaseTransition,
  Code,
  ConfirmIdentity,
  CounterNumber,
  CounterState,
  CreateCase,
  CreateDevice,
  CreateService,
  CreateUser,
  DeviceCode,
  IssueTicket,
  Language,
  Login,
  MessageQuery,
  MessageSettings,
  NotifyTicket,
  TicketNotifyStatus,
  OfficeCode,
  OfficeInfo,
  OfficeSettings,
  PatchCase,
  PauseCounter,
  PutCounter,
  QueueSnapshot,
  ReportQuery,
  Service,
  StaffTicket,
  StaffUser,
  TakeCounter,
  TemplateKey,
  TemplateText,
  TestMessage,
  Ticket,
  TicketId,
  Transfer,
  UpdateDevice,
  UpdateService,
  UpdateUser,
  Username,
} from '../../../protocol';
import {
  BookingSettings,
  BookingSettingsChange,
  ConfirmRemoteJoin,
  CreateRemoteJoin,
  RemoteJoinAvailability,
  RemoteJoinCode,
} from '../../../protocol/remote-join';
import {
  BookingCode,
  BookingResourceInput,
  ServiceBookingPlan,
  CancelBooking,
  CancelOnBehalf,
  CheckInBooking,
  ConfirmBooking,
  CreateBooking,
  DayBookingsQuery,
  SlotsQuery,
} from '../../../protocol/bookings';
import type { EndpointName } from '../../../protocol/endpoints';

/** What one endpoint takes and answers; absent parts take or answer nothing described. */
export interface EndpointSchemas {
  body?: z.ZodType;
  query?: z.ZodType;
  response?: z.ZodType;
  /** Request headers beyond authentication: name → description. */
  headers?: Record<string, string>;
}

const undetailed: Array<readonly [string, z.ZodType]> = [];
/** A DTO that has a TypeScript type in the protocol but no zod schema (yet): named, not detailed. */
function described(id: string, where: string): z.ZodType {
  const schema = z.looseObject({}).describe(`See the type \`${id}\` in ${where}.`);
  undetailed.push([id, schema]);
  return schema;
}
const AdminService = described('AdminService', 'server/protocol/admin.ts');
const AdminCounter = described('AdminCounter', 'server/protocol/admin.ts');
const AdminUser = described('AdminUser', 'server/protocol/admin.ts');
const AdminDevice = described('AdminDevice', 'server/protocol/admin.ts');
const AdminOfficeSettings = described('AdminOfficeSettings', 'server/protocol/admin.ts');
const ReportSummary = described('ReportSummary', 'server/protocol/admin.ts');
const AuditEntry = described('AuditEntry', 'server/protocol/admin.ts');
const Booking = described('Booking', 'server/protocol/bookings.ts');
const Slot = described('SlotDto', 'server/protocol/bookings.ts');
const StaffBooking = described('StaffBooking', 'server/protocol/bookings.ts');
const BookingResource = BookingResourceInput.extend({
  code: z.string(),
  services: z.array(z.string()),
});
const MessageDto = described('MessageDto', 'server/protocol/messages.ts');
const GatewayHealth = described('GatewayHealthDto', 'server/protocol/messages.ts');
const RemoteJoinDto = described('RemoteJoin', 'server/protocol/remote-join.ts');

/** The shared DTOs, named in the document's components. */
export const NamedSchemas: ReadonlyArray<readonly [string, z.ZodType]> = [
  ['Ticket', Ticket],
  ['StaffTicket', StaffTicket],
  ['Service', Service],
  ['OfficeInfo', OfficeInfo],
  ['CounterState', CounterState],
  ['QueueSnapshot', QueueSnapshot],
  ['StaffUser', StaffUser],
  ['Case', Case],
  ...undetailed,
];

const ticket = z.object({ ticket: Ticket });
const staffTicket = z.object({ ticket: StaffTicket });
const counter = z.object({ counter: CounterState });
const oneCase = z.object({ case: Case });
const link = z.object({ link: z.url() });
const templates = z.object({ templates: z.array(z.looseObject({})) });
const LanguageOnly = z.strictObject({ language: Language.optional() });

const paramSchemas: Record<string, z.ZodType> = {
  office: OfficeCode,
  counter: CounterNumber,
  id: TicketId,
  number: z.string().min(1).max(40).describe('case number, like KUL-2026-000123'),
  username: Username,
  service: Code,
  resource: Code,
  key: TemplateKey,
  language: Language,
  index: z.coerce.number().int().min(0).max(1000),
  action: z.enum(['recall', 'start', 'no-show', 'complete']),
};
const codeBySegment: Record<string, z.ZodType> = {
  services: Code,
  devices: DeviceCode,
  kiosks: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
  bookings: BookingCode,
  'remote-joins': RemoteJoinCode,
};

/** The schema of path parameter `name` in `path` (`:code` depends on the segment before it). */
export function paramSchema(path: string, name: string): z.ZodType {
  if (name === 'code') {
    const segments = path.split('/');
    const before = segments[segments.indexOf(':code') - 1] ?? '';
    const schema = codeBySegment[before];
    if (schema) return schema;
  }
  const schema = paramSchemas[name];
  if (!schema) throw new Error(`${path}: no schema for :${name}`);
  return schema;
}

const HOLDER_KEY =
  'The ticket’s holder key (the issue’s `holderKey`, the `#…` of the ticket page’s link): required once someone follows the ticket’s messages (403 `forbidden`, reason `ticket_key`, without it)';

export const Schemas: { readonly [K in EndpointName]: EndpointSchemas } = {
  health: { response: z.object({ status: z.literal('ok') }) },
  ready: { response: z.object({ status: z.literal('ready') }) },
  metrics: {},
  openapi: { response: z.looseObject({ openapi: z.string() }) },
  docs: {},
  docsScript: {},
  office: { response: z.object({ office: OfficeInfo }) },
  services: { response: z.array(Service) },
  issueTicket: {
    body: z.union([IssueTicket, CheckInBooking]),
    headers: {
      'Idempotency-Key':
        'The same key again answers 200 and the same ticket (printable ASCII, ≤ 100)',
      'X-Device-Token': 'A paired kiosk’s device token (offices that require paired devices)',
    },
    response: z.object({
      ticket: Ticket,
      print: z.object({ status: z.enum(['queued', 'printed', 'failed', 'none']) }),
      /** The holder's key (X-Ticket-Key): changes or stops the ticket's messages once followed. */
      holderKey: z.string(),
      /** A booking checked in after its window: an ordinary ticket. */
      late: z.literal(true).optional(),
    }),
  },
  ticket: { response: ticket },
  queue: { response: QueueSnapshot },
  login: { body: Login, response: z.object({ token: z.string(), user: StaffUser }) },
  logout: {},
  me: { response: z.object({ user: StaffUser }) },
  takeWindow: { body: TakeCounter, response: counter },
  leaveWindow: { response: counter },
  callNext: {
    response: z.object({ ticket: StaffTicket.nullable(), reason: z.enum(CallReasons).optional() }),
  },
  callTicket: { body: CallTicket, response: staffTicket },
  pauseCounter: { body: PauseCounter, response: counter },
  resumeCounter: { response: counter },
  transferTicket: { body: Transfer, response: staffTicket },
  undoNoShow: { response: staffTicket },
  ticketAction: { response: staffTicket },
  createCase: { body: CreateCase, response: oneCase },
  cases: {
    query: CaseQuery.extend({ office: OfficeCode.optional() }),
    response: z.object({ cases: z.array(Case) }),
  },
  case: { response: oneCase },
  patchCase: { body: PatchCase, response: oneCase },
  transitionCase: { body: CaseTransition, response: oneCase },
  confirmIdentity: { body: ConfirmIdentity, response: oneCase },
  ticketCase: { response: oneCase },
  caseTelegram: { response: link },
  notifyTicket: {
    body: NotifyTicket,
    headers: { 'X-Ticket-Key': HOLDER_KEY },
    response: z.object({ notify: z.looseObject({}) }),
  },
  ticketNotifyStatus: {
    headers: {
      'X-Ticket-Key': 'The ticket’s holder key, if the asker has it (answered as `holder`)',
    },
    response: z.object({ notify: TicketNotifyStatus }),
  },
  stopNotify: { headers: { 'X-Ticket-Key': HOLDER_KEY } },
  ticketTelegram: { body: LanguageOnly, headers: { 'X-Ticket-Key': HOLDER_KEY }, response: link },
  messages: {
    query: MessageQuery,
    response: z.object({
      messages: z.array(MessageDto),
      channels: z.looseObject({}),
      gateways: z.array(GatewayHealth),
    }),
  },
  testMessage: { body: TestMessage, response: z.object({ message: MessageDto }) },
  messageTotals: {
    query: z.object({ days: z.coerce.number().int().min(1).max(366).optional() }),
    response: z.object({ totals: z.array(z.looseObject({})) }),
  },
  messageTemplates: { response: templates },
  putMessageTemplate: { body: TemplateText, response: templates },
  resetMessageTemplate: { response: templates },
  messageSettings: { response: z.object({ settings: MessageSettings }) },
  putMessageSettings: { body: MessageSettings, response: z.object({ settings: MessageSettings }) },
  slots: { query: SlotsQuery, response: z.object({ slots: z.array(Slot) }) },
  bookableServices: { response: z.object({ services: z.array(z.string()) }) },
  serviceDocuments: {
    response: z.object({
      documents: z.array(
        z.object({ code: z.string(), name: z.looseObject({}), required: z.boolean() }),
      ),
    }),
  },
  createBooking: { body: CreateBooking, response: z.object({ booking: Booking }) },
  confirmBooking: { body: ConfirmBooking, response: z.object({ booking: Booking }) },
  cancelBooking: { body: CancelBooking, response: z.object({ booking: Booking }) },
  dayBookings: { query: DayBookingsQuery, response: z.object({ bookings: z.array(StaffBooking) }) },
  cancelBookingOnBehalf: { body: CancelOnBehalf, response: z.object({ booking: StaffBooking }) },
  bookingPlans: { response: z.object({ plans: z.record(z.string(), ServiceBookingPlan) }) },
  remoteJoinAvailability: { response: z.object({ remoteJoin: RemoteJoinAvailability }) },
  createRemoteJoin: { body: CreateRemoteJoin, response: z.object({ join: RemoteJoinDto }) },
  confirmRemoteJoin: {
    body: ConfirmRemoteJoin,
    response: z.object({
      join: RemoteJoinDto,
      ticket: Ticket,
      comeBy: z.string(),
      holderKey: z.string(),
    }),
  },
  bookingSettings: { response: z.object({ settings: BookingSettings }) },
  putBookingSettings: {
    body: BookingSettingsChange,
    response: z.object({ settings: BookingSettings }),
  },
  putBookingPlan: {
    body: ServiceBookingPlan.nullable(),
    response: z.object({ plan: ServiceBookingPlan.nullable() }),
  },
  deleteBookingPlan: { response: z.object({ plan: z.null() }) },
  bookingResources: { response: z.object({ resources: z.array(BookingResource) }) },
  putBookingResource: {
    body: BookingResourceInput,
    response: z.object({ resource: BookingResource }),
  },
  deleteBookingResource: { response: z.object({ resource: BookingResource }) },
  kioskPrinter: {
    response: z.object({
      printer: z.object({
        kind: z.string(),
        status: z.enum(['online', 'offline', 'none']),
        pending: z.number().int(),
      }),
    }),
  },
  testPrint: { response: z.object({ status: z.literal('printed') }) },
  kioskPaper: {
    response: z.object({
      jobs: z.array(
        z.object({
          index: z.number().int(),
          at: z.string(),
          lines: z.array(z.string()),
          width: z.number(),
        }),
      ),
    }),
  },
  kioskPaperPng: {},
  adminServices: { response: z.object({ services: z.array(AdminService) }) },
  createService: { body: CreateService, response: z.object({ service: AdminService }) },
  updateService: { body: UpdateService, response: z.object({ service: AdminService }) },
  counters: { response: z.object({ counters: z.array(AdminCounter) }) },
  putCounter: { body: PutCounter, response: z.object({ counter: AdminCounter }) },
  users: { response: z.object({ users: z.array(AdminUser) }) },
  createUser: { body: CreateUser, response: z.object({ user: AdminUser }) },
  updateUser: { body: UpdateUser, response: z.object({ user: AdminUser }) },
  clearLoginLock: { response: z.object({ user: AdminUser }) },
  devices: { response: z.object({ devices: z.array(AdminDevice) }) },
  createDevice: { body: CreateDevice, response: z.object({ device: AdminDevice }) },
  pairDevice: { response: z.looseObject({ token: z.string() }) },
  unpairDevice: { response: z.object({ device: AdminDevice }) },
  deleteDevice: { response: z.object({ device: AdminDevice }) },
  updateDevice: { body: UpdateDevice, response: z.object({ device: AdminDevice }) },
  settings: { response: z.object({ settings: AdminOfficeSettings }) },
  putSettings: { body: OfficeSettings, response: z.object({ settings: AdminOfficeSettings }) },
  closeDay: { response: z.looseObject({}) },
  reportSummary: { query: ReportQuery, response: ReportSummary },
  audit: { query: AuditQuery, response: z.object({ entries: z.array(AuditEntry) }) },
};
