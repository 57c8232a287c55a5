/** REST routes of registration cases (CONTRACT §4): staff only, thin — parse, call, answer. */
import { Router } from 'express';
import { apiRoute, Endpoints } from '../../protocol/endpoints';
import { z } from 'zod';
import {
  CaseQuery,
  CaseTransition,
  ConfirmIdentity,
  CreateCase,
  OfficeCode,
  TicketId,
} from '../../protocol';
import type { AuthService } from '../auth/auth-service';
import type { CaseService } from '../registry/case-service';
import { parse, parseParams } from './errors';
import { requireStaff, staffOf } from './auth-middleware';

const NumberParam = z.object({ number: z.string().min(1).max(40) });
const TicketParam = z.object({ id: TicketId });
const ListQuery = CaseQuery.extend({ office: OfficeCode.optional() });

export function caseRouter(deps: { auth: AuthService; cases: CaseService }): Router {
  const { cases } = deps;
  const r = Router();
  const staff = requireStaff(deps.auth);

  r.post(apiRoute(Endpoints.createCase), staff, async (req, res) => {
    const body = parse(CreateCase, req.body);
    res.status(201).json({ case: await cases.create(staffOf(res), body) });
  });

  r.get(apiRoute(Endpoints.cases), staff, async (req, res) => {
    const query = parse(ListQuery, req.query, '(query)');
    res.json({ cases: await cases.list(staffOf(res), query, query.office) });
  });

  r.get(apiRoute(Endpoints.case), staff, async (req, res) => {
    const { number } = parseParams(NumberParam, req);
    res.json({ case: await cases.get(staffOf(res), number) });
  });

  r.patch(apiRoute(Endpoints.patchCase), staff, async (req, res) => {
    const { number } = parseParams(NumberParam, req);
    res.json({ case: await cases.patch(staffOf(res), number, req.body) });
  });

  r.post(apiRoute(Endpoints.transitionCase), staff, async (req, res) => {
    const { number } = parseParams(NumberParam, req);
    const body = parse(CaseTransition, req.body);
    res.json({ case: await cases.transition(staffOf(res), number, body) });
  });

  r.post(apiRoute(Endpoints.confirmIdentity), staff, async (req, res) => {
    const { number } = parseParams(NumberParam, req);
    const { version } = parse(ConfirmIdentity, req.body);
    res.json({ case: await cases.confirmIdentity(staffOf(res), number, version) });
  });

  r.get(apiRoute(Endpoints.ticketCase), staff, async (req, res) => {
    const { id } = parseParams(TicketParam, req);
    res.json({ case: await cases.ofTicket(staffOf(res), id) });
  });

  return r;
}
