/**
 * A ticket's holder key. A ticket's id is public: the hall's display and the kiosk receive it with
 * every ticket (CONTRACT §5). So the id alone may read a ticket and ask for its first messages, but
 * changing or stopping the messages of a ticket that someone already follows takes the ticket's
 * key: a short HMAC of its id under the deployment's `ticket_holder` secret (made by the migration
 * 20261205-2001, shared by every node). Only the ticket's holder has it: on the paper's QR code, on
 * the kiosk's screen after the tap, in the links of the ticket's own messages. Nothing is stored per
 * ticket, and nothing is added to issuing's transaction.
 */
import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { QueryTypes, type Transaction } from 'sequelize';
import type { Database } from '../../../db/database';

/** Characters of base64url kept: 72 bits, against a public endpoint limited to a few tries. */
const KEY_LENGTH = 12;

const cache = new WeakMap<Database, TicketKeys>();

/** Keys remembered: a kiosk ticket's key is asked for twice (its answer, its paper's QR code). */
const RECENT_KEYS = 256;

/** The holder keys of the tickets in `db` (one reader of the secret per database). */
export function ticketKeys(db: Database): TicketKeys {
  let keys = cache.get(db);
  if (!keys) {
    keys = new TicketKeys(db);
    cache.set(db, keys);
  }
  return keys;
}

export class TicketKeys {
  private secret: Promise<KeyObject> | undefined;
  private readonly recent = new Map<string, string>();

  constructor(private readonly db: Database) {}

  /**
   * The key of ticket `id`. Inside a transaction, pass it: the secret, until this node has read it
   * once, is read there (a second connection could wait for a pool the transactions hold).
   */
  async keyOf(id: string, t?: Transaction): Promise<string> {
    const known = this.recent.get(id);
    if (known !== undefined) return known;
    const mac = createHmac('sha256', await this.read(t)).update(`ticket:${id}`);
    const key = mac.digest('base64url').slice(0, KEY_LENGTH);
    if (this.recent.size >= RECENT_KEYS) this.recent.clear();
    this.recent.set(id, key);
    return key;
  }

  /** Whether `key` is ticket `id`'s key. */
  async matches(id: string, key: string | undefined): Promise<boolean> {
    if (key === undefined || key.length !== KEY_LENGTH) return false;
    const expected = Buffer.from(await this.keyOf(id));
    const given = Buffer.from(key);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** The ticket page's address for the holder: `/t/<id>#<key>` (the key never reaches a server log). */
  async holderLink(base: string, id: string, t?: Transaction): Promise<string> {
    return `${base.replace(/\/$/, '')}/t/${id}#${await this.keyOf(id, t)}`;
  }

  private read(t: Transaction | undefined): Promise<KeyObject> {
    this.secret ??= this.db.sequelize
      .query<{ value: string }>(`SELECT value FROM server_secrets WHERE name = 'ticket_holder'`, {
        type: QueryTypes.SELECT,
        transaction: t,
      })
      .then((rows) => {
        const value = rows[0]?.value;
        if (!value) throw new Error('server_secrets has no ticket_holder: run the migrations');
        return createSecretKey(Buffer.from(value, 'base64url'));
      })
      .catch((err: unknown) => {
        // Read again next time (the database may have been away).
        this.secret = undefined;
        throw err;
      });
    return this.secret;
  }
}
