/**
 * Bookable rooms (admin): the marriage ceremony hall and the like, each with names and its own
 * calendar (ceremony slots), booked by the services whose plan names it. Every change is audited;
 * a room that services still book cannot be removed (409 `conflict` naming them).
 */
import type { BookingResource, BookingResourceInput } from '../../protocol/bookings';
import { appendAudit } from '../../../db/repositories/audit-repository';
import { BookingResourceRepository } from '../../../db/repositories/booking-resource-repository';
import type { Database } from '../../../db/database';
import { actorName, actorUserId, type Actor } from '../auth/actor';
import { AppError, notFound } from '../errors';
import type { BookingOffices } from './booking-service';

export interface BookingResourceDeps {
  db: Database;
  offices: BookingOffices;
  now?: () => Date;
}

export class BookingResourceService {
  private readonly repo: BookingResourceRepository;
  private readonly now: () => Date;

  constructor(private readonly deps: BookingResourceDeps) {
    this.repo = new BookingResourceRepository(deps.db);
    this.now = deps.now ?? (() => new Date());
  }

  /** The office's rooms, each with the services that book it. */
  async list(officeCode: string): Promise<BookingResource[]> {
    await this.office(officeCode);
    return this.repo.list(officeCode);
  }

  /** Creates or changes a room (its names and calendar). */
  async put(
    officeCode: string,
    code: string,
    input: BookingResourceInput,
    actor: Actor,
  ): Promise<BookingResource> {
    await this.office(officeCode);
    return this.deps.db.transaction(async (t) => {
      const before = await this.repo.find(officeCode, code, t);
      const now = this.now();
      await this.repo.put(officeCode, code, input, now, t);
      await appendAudit(
        this.deps.db.models,
        {
          officeCode,
          at: now,
          actor: actorName(actor),
          userId: actorUserId(actor),
          action: before ? 'resource.update' : 'resource.create',
          entity: 'booking_resource',
          entityId: code,
          subject: code,
          before: before && { names: before.names, plan: before.plan },
          after: input,
        },
        t,
      );
      return { code, ...input, services: before?.services ?? [] };
    });
  }

  /** Removes a room that no service books any more. */
  async remove(officeCode: string, code: string, actor: Actor): Promise<BookingResource> {
    await this.office(officeCode);
    return this.deps.db.transaction(async (t) => {
      const room = await this.repo.find(officeCode, code, t);
      if (!room) throw notFound(`resource ${code}`);
      if (room.services.length > 0)
        throw new AppError('conflict', `services still book ${code}: ${room.services.join(', ')}`, {
          reason: 'booked_by_services',
          services: room.services,
        });
      await this.repo.remove(officeCode, code, t);
      await appendAudit(
        this.deps.db.models,
        {
          officeCode,
          at: this.now(),
          actor: actorName(actor),
          userId: actorUserId(actor),
          action: 'resource.remove',
          entity: 'booking_resource',
          entityId: code,
          subject: code,
          before: { names: room.names, plan: room.plan },
        },
        t,
      );
      return room;
    });
  }

  private async office(code: string): Promise<void> {
    if (!(await this.deps.offices.office(code))) throw notFound(`office ${code}`);
  }
}
