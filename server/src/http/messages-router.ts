/** REST routes of citizen messages (CONTRACT §6 "Messages"): thin — parse, call the outbox, answer. */
import { Router, type RequestHandler, type Response } from 'express';
import { apiRoute, Endpoints } from '../../protocol/endpoints';
import { ipKeyGenerator } from 'express-rate-limit';
import { sharedLimit } from './address-limit';
import type { RateStore } from '../security/rate-store';
import { z } from 'zod';
import {
  Language,
  MessageQuery,
  MessageSettings,
  NotifyTicket,
  OfficeCode,
  TemplateKey,
  TemplateText,
  templateProblem,
  describeTemplateProblem,
  TestMessage,
  TICKET_KEY_HEADER,
  TicketId,
} from '../../protocol';
import type { AuthService } from '../auth/auth-service';
import type { Outbox } from '../messages/outbox';
import { AppError, forbidden, validationFailed } from '../errors';
import { parse, parseParams } from './errors';
import { requireStaff, staffOf } from './auth-middleware';
import type { StaffPrincipal } from '../auth/actor';

const OfficeParam = z.object({ office: OfficeCode });
const TicketParam = z.object({ id: TicketId });
const CaseParam = z.object({ number: z.string().min(1).max(40) });
const TemplateParams = z.object({ office: OfficeCode, key: TemplateKey, language: Language });
const TotalsQuery = z.strictObject({ days: z.coerce.number().int().min(1).max(366).optional() });

export function messagesRouter(deps: {
  auth: AuthService;
  messages: Outbox;
  /** Where the public routes' per-address counts live (Redis when several nodes share them). */
  rates: RateStore;
}): Router {
  const { messages, rates } = deps;
  const r = Router();
  const admins = requireStaff(deps.auth, ['admin']);
  const staff = requireStaff(deps.auth);
  mountTicketHolderRoutes(r, messages, rates);
  // Staff: the case receipt's Telegram link.
  r.post(apiRoute(Endpoints.caseTelegram), staff, async (req, res) => {
    const { number } = parseParams(CaseParam, req);
    const link = await messages.caseTelegramLink(number.toUpperCase(), staffOf(res).officeCode);
    if (!link)
      throw new AppError('not_found', 'no Telegram bot, or no consent recorded for this case');
    res.json({ link });
  });
  mountOutboxRoutes(r, messages, admins);
  mountTemplateRoutes(r, messages, admins);
  mountSettingsRoutes(r, messages, admins);
  return r;
}

/** An administrator of one office works on that office's messages only. */
function ownOffice(user: StaffPrincipal, office: string): void {
  if (user.officeCode !== null && user.officeCode !== office)
    throw forbidden(`you work for office ${user.officeCode}`);
}

/** Requests for messages per 15 minutes: from an address without a ticket's key, and with one. */
const STRANGER_REQUESTS = 5;
const HOLDER_REQUESTS = 60;
/** A ticket's holder changing its messages, per 15 minutes. */
const REQUESTS_PER_TICKET = 5;

/** Whether the request carries the key of the ticket it names (set by `holderOnly` below). */
const isHolder = (res: Response): boolean => res.locals.ticketHolder === true;

/**
 * The limits of the public message routes. Public and cheap to call: a few numbers per address
 * without a ticket's key, so nobody floods strangers with SMS. The holders of tickets (the hall's
 * kiosk signing up one citizen after another from one address, phones behind the office's Wi-Fi)
 * prove it with the key: more per address, and a few per ticket.
 */
function notifyLimits(messages: Outbox, rates: RateStore): RequestHandler[] {
  const refusal = 'too many requests for messages; wait a few minutes';
  const windowMs = 15 * 60_000;
  const holder: RequestHandler = async (req, res, next) => {
    const id = typeof req.params.id === 'string' ? req.params.id : '';
    res.locals.ticketHolder = await messages.isTicketHolder(id, req.get(TICKET_KEY_HEADER));
    next();
  };
  const perAddress = sharedLimit(rates, 'notify-address', refusal, {
    windowMs,
    limit: (_req, res) => (isHolder(res) ? HOLDER_REQUESTS : STRANGER_REQUESTS),
    keyGenerator: (req, res) =>
      `${isHolder(res) ? 'holder' : 'anyone'}:${ipKeyGenerator(req.ip ?? '')}`,
  });
  const perTicket = sharedLimit(rates, 'notify-ticket', refusal, {
    windowMs,
    limit: REQUESTS_PER_TICKET,
    // Strangers never spend a ticket's own budget: that would lock its holder out.
    skip: (_req, res) => !isHolder(res),
    keyGenerator: (req) => `ticket:${String(req.params.id)}`,
  });
  return [holder, perAddress, perTicket];
}

/** The ticket holder's (public): SMS when the turn nears, stopping them, a Telegram link. */
function mountTicketHolderRoutes(r: Router, messages: Outbox, rates: RateStore): void {
  const notifyLimiter = notifyLimits(messages, rates);

  r.post(apiRoute(Endpoints.notifyTicket), ...notifyLimiter, async (req, res) => {
    const { id } = parseParams(TicketParam, req);
    const body = parse(NotifyTicket, req.body);
    res.status(202).json({
      notify: await messages.notifyTicket(id, body.phone, body.language, isHolder(res)),
    });
  });

  // A read that writes nothing, asked once per page load: outside the limit.
  r.get(apiRoute(Endpoints.ticketNotifyStatus), async (req, res) => {
    const { id } = parseParams(TicketParam, req);
    res.json({ notify: await messages.ticketNotifyStatus(id, req.get(TICKET_KEY_HEADER)) });
  });

  r.delete(apiRoute(Endpoints.stopNotify), ...notifyLimiter, async (req, res) => {
    const { id } = parseParams(TicketParam, req);
    await messages.unsubscribeTicket(id, isHolder(res));
    res.status(204).end();
  });

  r.post(apiRoute(Endpoints.ticketTelegram), ...notifyLimiter, async (req, res) => {
    const { id } = parseParams(TicketParam, req);
    const body = parse(z.strictObject({ language: Language.optional() }), req.body ?? {});
    const link = await messages.ticketTelegramLink(id, body.language, isHolder(res));
    if (!link) throw new AppError('not_found', 'this office has no Telegram bot');
    res.json({ link });
  });
}

/** The office's sent and queued messages, a test message, and the daily totals (admin). */
function mountOutboxRoutes(r: Router, messages: Outbox, admins: RequestHandler): void {
  r.get(apiRoute(Endpoints.messages), admins, async (req, res) => {
    const { office } = parseParams(OfficeParam, req);
    ownOffice(staffOf(res), office);
    const query = parse(MessageQuery, req.query, '(query)');
    res.json({
      messages: await messages.list(office, query),
      channels: messages.channels(),
      gateways: messages.gateways(),
    });
  });

  r.post(apiRoute(Endpoints.testMessage), admins, async (req, res) => {
    const { office } = parseParams(OfficeParam, req);
    ownOffice(staffOf(res), office);
    const body = parse(TestMessage, req.body);
    res.status(201).json({
      message: await messages.sendTest(office, body.phone, body.language ?? 'tg', body.text),
    });
  });

  r.get(apiRoute(Endpoints.messageTotals), admins, async (req, res) => {
    const { office } = parseParams(OfficeParam, req);
    ownOffice(staffOf(res), office);
    const { days } = parse(TotalsQuery, req.query, '(query)');
    res.json({ totals: await messages.totals(office, days ?? 14) });
  });
}

/** The office's message wording per template and language: read, replace, reset (admin). */
function mountTemplateRoutes(r: Router, messages: Outbox, admins: RequestHandler): void {
  r.get(apiRoute(Endpoints.messageTemplates), admins, async (req, res) => {
    const { office } = parseParams(OfficeParam, req);
    ownOffice(staffOf(res), office);
    res.json({ templates: await messages.templates(office) });
  });

  r.put(apiRoute(Endpoints.putMessageTemplate), admins, async (req, res) => {
    const { office, key, language } = parseParams(TemplateParams, req);
    ownOffice(staffOf(res), office);
    const { text } = parse(TemplateText, req.body);
    const problem = templateProblem(key, text);
    if (problem) {
      const message = describeTemplateProblem(key, problem);
      throw validationFailed(`text: ${message}`, { issues: [{ field: 'text', message }] });
    }
    await messages.setTemplate(office, key, language, text);
    res.json({ templates: await messages.templates(office) });
  });

  r.delete(apiRoute(Endpoints.resetMessageTemplate), admins, async (req, res) => {
    const { office, key, language } = parseParams(TemplateParams, req);
    ownOffice(staffOf(res), office);
    await messages.setTemplate(office, key, language, null);
    res.json({ templates: await messages.templates(office) });
  });
}

/** The office's message settings (admin). */
function mountSettingsRoutes(r: Router, messages: Outbox, admins: RequestHandler): void {
  r.get(apiRoute(Endpoints.messageSettings), admins, async (req, res) => {
    const { office } = parseParams(OfficeParam, req);
    ownOffice(staffOf(res), office);
    res.json({ settings: await messages.shownSettings(office) });
  });

  r.put(apiRoute(Endpoints.putMessageSettings), admins, async (req, res) => {
    const { office } = parseParams(OfficeParam, req);
    ownOffice(staffOf(res), office);
    const settings = parse(MessageSettings, req.body);
    await messages.setSettings(office, settings, staffOf(res));
    res.json({ settings: await messages.shownSettings(office) });
  });
}
