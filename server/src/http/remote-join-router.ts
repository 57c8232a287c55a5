/**
 * Remote join routes (issue #19): public, limited per address like the booking routes — the read
 * of whether an office takes joins today, the join and its confirmation.
 */
import { Router } from 'express';
import { addressLimit } from './address-limit';
import type { RateStore } from '../security/rate-store';
import { z } from 'zod';
import { apiRoute, Endpoints } from '../../protocol/endpoints';
import { OfficeCode } from '../../protocol';
import { ConfirmRemoteJoin, CreateRemoteJoin, RemoteJoinCode } from '../../protocol/remote-join';
import type { RemoteJoinService } from '../bookings/remote-join';
import { parse, parseParams } from './errors';

const OfficeParam = z.object({ office: OfficeCode });
const JoinParams = z.object({ office: OfficeCode, code: RemoteJoinCode });

export interface RemoteJoinRouterDeps {
  /** Where the per-address counts live (Redis when several nodes share them). */
  rates: RateStore;
  remoteJoins: RemoteJoinService;
  /** Joins and code attempts per address per 10 minutes (default 20). */
  attemptsPerAddress?: number;
  /** Reads of whether the office takes joins, per address per 10 minutes (default 120). */
  readsPerAddress?: number;
}

export function remoteJoinRouter(deps: RemoteJoinRouterDeps): Router {
  const { remoteJoins } = deps;
  const r = Router();
  // Every join sends an SMS and every confirmation is a guess at a code: both are limited.
  const limited = addressLimit(
    deps.rates,
    'join',
    10 * 60_000,
    deps.attemptsPerAddress ?? 20,
    'too many requests: try again in a few minutes',
  );

  // Each page load reads it once; many phones may share one carrier address, so a budget of its own.
  const reads = addressLimit(
    deps.rates,
    'join-reads',
    10 * 60_000,
    deps.readsPerAddress ?? 120,
    'too many requests: try again in a few minutes',
  );

  r.get(apiRoute(Endpoints.remoteJoinAvailability), reads, async (req, res) => {
    const { office } = parseParams(OfficeParam, req);
    res.set('Cache-Control', 'no-store');
    res.json({ remoteJoin: await remoteJoins.availability(office) });
  });

  r.post(apiRoute(Endpoints.createRemoteJoin), limited, async (req, res) => {
    const { office } = parseParams(OfficeParam, req);
    const join = await remoteJoins.create(office, parse(CreateRemoteJoin, req.body));
    res.status(201).json({ join });
  });

  r.post(apiRoute(Endpoints.confirmRemoteJoin), limited, async (req, res) => {
    const { office, code } = parseParams(JoinParams, req);
    const { otp } = parse(ConfirmRemoteJoin, req.body);
    const { created, ...answer } = await remoteJoins.confirm(office, code, otp);
    res.status(created ? 201 : 200).json(answer);
  });

  return r;
}
