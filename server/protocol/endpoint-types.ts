/**
 * What each endpoint of endpoints.ts takes and answers, as TypeScript types for the typed client
 * (ui/api-client.ts). Type-only imports: nothing here exists at run time, so no zod reaches a bundle.
 */
import type { AdminCounter, AdminDevice, AdminOfficeSettings, AdminService } from './admin';
import type { AdminUser, AuditEntry, AuditQuery, CreateDevice, CreateService } from './admin';
import type { CreateUser, DevicePairing, OfficeSettings, PutCounter, ReportQuery } from './admin';
import type { ReportSummary, UpdateDevice, UpdateService, UpdateUser } from './admin';
import type { Booking, CancelBooking, ConfirmBooking } from './bookings';
import type { CancelOnBehalf, CheckInBooking } from './bookings';
import type { DayBookingsQuery, StaffBooking } from './bookings';
import type { BookingResource, BookingResourceInput, ServiceBookingPlan } from './bookings';
import type { CreateBooking, SlotDto, SlotsQuery } from './bookings';
import type { Case, CaseTransition, ConfirmIdentity, CreateCase, PatchCase } from './case';
import type { CallReason } from './constants';
import type { BookingSettings, ConfirmRemoteJoin, CreateRemoteJoin } from './remote-join';
import type { RemoteJoin, RemoteJoinAvailability, RemoteJoinTicket } from './remote-join';
import type { EndpointName } from './endpoints';
import type {
  GatewayHealthDto,
  MessageDto,
  MessageQuery,
  MessageSettings,
  NotifyTicket,
} from './messages';
import type { TemplateKey, TemplateText, TestMessage, TicketNotifyStatus } from './messages';
import type { CallTicket, CounterState, IssueTicket, Login, OfficeInfo } from './schemas';
import type { PauseCounter, QueueSnapshot, Service, StaffTicket, StaffUser } from './schemas';
import type { Language, TakeCounter, Ticket, Transfer } from './schemas';

/** What the printer did with a freshly issued ticket. */
export type PrintStatus = 'queued' | 'printed' | 'failed' | 'none';

/** Answer of POST /api/offices/:office/tickets. */
export interface IssuedTicket {
  ticket: Ticket;
  print: { status: PrintStatus };
  /**
   * The holder's key (`X-Ticket-Key`): it changes or stops the ticket's messages once someone
   * follows them; the ticket page's link carries it as `/t/<id>#<key>`.
   */
  holderKey: string;
  /** A booking checked in after its window: an ordinary ticket. */
  late?: true;
}

/** Answer of POST /api/auth/login. */
export interface LoginResult {
  token: string;
  user: StaffUser;
}

/** One sheet of a kiosk's virtual printer (GET …/kiosks/:code/paper). */
export interface PaperJob {
  /** Position in the printer's memory, oldest first; shifts as old sheets are forgotten. */
  index: number;
  /** When it was printed (ISO). */
  at: string;
  /** The sheet's text, line by line. */
  lines: string[];
  /** Paper width in mm. */
  width: number;
}

export interface MessageTemplate {
  key: TemplateKey;
  language: Language;
  text: string;
  custom: boolean;
}

type Query = Readonly<Record<string, string | number | undefined>>;
type Plain = Record<string, unknown>;

/** body: the JSON sent (absent: none); query: the query string; response: the JSON answered. */
export interface EndpointIo {
  health: { response: { status: 'ok' } };
  ready: { response: { status: 'ready' } };
  metrics: { response: string };
  openapi: { response: Plain };
  docs: { response: string };
  docsScript: { response: string };
  office: { response: { office: OfficeInfo } };
  services: { response: Service[] };
  issueTicket: { body: IssueTicket | CheckInBooking; response: IssuedTicket };
  ticket: { response: { ticket: Ticket } };
  queue: { response: QueueSnapshot };
  login: { body: Login; response: LoginResult };
  logout: { response: undefined };
  me: { response: { user: StaffUser } };
  takeWindow: { body: TakeCounter; response: { counter: CounterState } };
  leaveWindow: { response: { counter: CounterState } };
  callNext: { response: { ticket: StaffTicket | null; reason?: CallReason } };
  callTicket: { body: CallTicket; response: { ticket: StaffTicket } };
  pauseCounter: { body: PauseCounter; response: { counter: CounterState } };
  resumeCounter: { response: { counter: CounterState } };
  transferTicket: { body: Transfer; response: { ticket: StaffTicket } };
  undoNoShow: { response: { ticket: StaffTicket } };
  ticketAction: { response: { ticket: StaffTicket } };
  createCase: { body: CreateCase; response: { case: Case } };
  cases: { query: Partial<Record<'status' | 'q' | 'office', string>>; response: { cases: Case[] } };
  case: { response: { case: Case } };
  patchCase: { body: PatchCase; response: { case: Case } };
  transitionCase: { body: CaseTransition; response: { case: Case } };
  confirmIdentity: { body: ConfirmIdentity; response: { case: Case } };
  ticketCase: { response: { case: Case } };
  caseTelegram: { response: { link: string } };
  notifyTicket: { body: NotifyTicket; response: { notify: Plain } };
  ticketNotifyStatus: { response: { notify: TicketNotifyStatus } };
  stopNotify: { response: undefined };
  ticketTelegram: { body: { language?: Language }; response: { link: string } };
  messages: {
    query: Partial<MessageQuery>;
    response: {
      messages: MessageDto[];
      channels: { sms: string | null; telegram: boolean };
      gateways: GatewayHealthDto[];
    };
  };
  testMessage: { body: TestMessage; response: { message: MessageDto } };
  messageTotals: { query: { days?: number }; response: { totals: Plain[] } };
  messageTemplates: { response: { templates: MessageTemplate[] } };
  putMessageTemplate: { body: TemplateText; response: { templates: MessageTemplate[] } };
  resetMessageTemplate: { response: { templates: MessageTemplate[] } };
  messageSettings: { response: { settings: MessageSettings } };
  putMessageSettings: { body: MessageSettings; response: { settings: MessageSettings } };
  slots: { query: SlotsQuery; response: { slots: SlotDto[] } };
  bookableServices: { response: { services: string[] } };
  serviceDocuments: {
    response: { documents: Array<{ code: string; name: Plain; required: boolean }> };
  };
  createBooking: { body: CreateBooking; response: { booking: Booking } };
  confirmBooking: { body: ConfirmBooking; response: { booking: Booking } };
  cancelBooking: { body: CancelBooking; response: { booking: Booking } };
  dayBookings: { query: DayBookingsQuery; response: { bookings: StaffBooking[] } };
  cancelBookingOnBehalf: { body: CancelOnBehalf; response: { booking: StaffBooking } };
  bookingPlans: { response: { plans: Record<string, ServiceBookingPlan> } };
  remoteJoinAvailability: { response: { remoteJoin: RemoteJoinAvailability } };
  createRemoteJoin: { body: CreateRemoteJoin; response: { join: RemoteJoin } };
  confirmRemoteJoin: { body: ConfirmRemoteJoin; response: RemoteJoinTicket };
  bookingSettings: { response: { settings: BookingSettings } };
  putBookingSettings: { body: BookingSettings; response: { settings: BookingSettings } };
  putBookingPlan: {
    body: ServiceBookingPlan | null;
    response: { plan: ServiceBookingPlan | null };
  };
  deleteBookingPlan: { response: { plan: null } };
  bookingResources: { response: { resources: BookingResource[] } };
  putBookingResource: { body: BookingResourceInput; response: { resource: BookingResource } };
  deleteBookingResource: { response: { resource: BookingResource } };
  kioskPrinter: { response: { printer: { kind: string; status: string; pending: number } } };
  testPrint: { response: { status: 'printed' } };
  kioskPaper: { response: { jobs: PaperJob[] } };
  kioskPaperPng: { response: Blob };
  adminServices: { response: { services: AdminService[] } };
  createService: { body: CreateService; response: { service: AdminService } };
  updateService: { body: UpdateService; response: { service: AdminService } };
  counters: { response: { counters: AdminCounter[] } };
  putCounter: { body: PutCounter; response: { counter: AdminCounter } };
  users: { response: { users: AdminUser[] } };
  createUser: { body: CreateUser; response: { user: AdminUser } };
  updateUser: { body: UpdateUser; response: { user: AdminUser } };
  clearLoginLock: { response: { user: AdminUser } };
  devices: { response: { devices: AdminDevice[] } };
  createDevice: { body: CreateDevice; response: { device: AdminDevice } };
  pairDevice: { response: DevicePairing };
  unpairDevice: { response: { device: AdminDevice } };
  deleteDevice: { response: { device: AdminDevice } };
  updateDevice: { body: UpdateDevice; response: { device: AdminDevice } };
  settings: { response: { settings: AdminOfficeSettings } };
  putSettings: { body: OfficeSettings; response: { settings: AdminOfficeSettings } };
  closeDay: { response: Plain };
  reportSummary: { query: Partial<Record<keyof ReportQuery, string>>; response: ReportSummary };
  audit: {
    query: Partial<Record<keyof AuditQuery, string | number>>;
    response: { entries: AuditEntry[] };
  };
}

/** A compile error names any endpoint that has no entry above. */
type Missing = Exclude<EndpointName, keyof EndpointIo>;
export const ENDPOINT_IO_COMPLETE: [Missing] extends [never] ? true : Missing = true;

/** The query type of an endpoint (a loose record where none is declared). */
export type QueryOf<K extends EndpointName> = EndpointIo[K] extends { query: infer Q } ? Q : Query;
