/**
 * Failed logins are counted per client address and per username (both in the shared rate store):
 * either count at the limit refuses further attempts until its window ends, so neither many
 * addresses against one username nor many usernames from one address get far. A stranger who
 * spends a username's attempts must not lock its owner out of their own window, though: an
 * address where that user logged in within 30 days is a known one for that user. From a new
 * address the owner waits the window out, unless an administrator clears the username's count
 * (`clear`).
 *
 * At a known address a user is held back by their own failures there (the pair's count), not by
 * the username's or the address's: a whole office reaching a central server through one NAT
 * address is one address, and a clerk who mistypes a password ten times must not lock every
 * colleague out of their windows for a quarter of an hour. The pair's failures still count
 * against the address, so names never seen there stay held back by it.
 */
import { AppError } from '../errors';
import { countTry, type CountedTry, type RateStore } from './rate-store';

/** A login attempt counted up front ({@link LoginThrottle.attempt}); `undo`: it was no failed login. */
export type LoginAttempt = Pick<CountedTry, 'undo'>;

const WINDOW_MS = 15 * 60_000;
/** How long an address where a user logged in stays known for that user. */
const KNOWN_MS = 30 * 24 * 60 * 60_000;

export class LoginThrottle {
  constructor(
    private readonly store: RateStore,
    /** Failed attempts allowed per address, and per username, per 15 minutes. */
    private readonly limit: number,
  ) {}

  /**
   * Counts a login attempt before its password is checked, and throws `rate_limited` (the attempt
   * not counted) when the address or the username has used up its attempts. Counting first makes
   * the limit hold for attempts sent at the same moment: checked first and counted after the
   * password, 20 attempts sent together all passed a limit of 10. The right password, or an
   * answer that is no wrong password, takes the attempt back ({@link LoginAttempt.undo}).
   */
  async attempt(address: string, username: string): Promise<LoginAttempt> {
    const known = (await this.store.count(knownKey(username, address))) > 0;
    // At a known address only the pair's failures hold the user back; they count against the
    // address too. Elsewhere the address's, the username's and the pair's.
    const keys = known
      ? [pairKey(username, address), addressKey(address)]
      : [addressKey(address), userKey(username), pairKey(username, address)];
    const { counts, undo } = await countTry(this.store, keys, WINDOW_MS);
    // Which counts refuse, in this order (the pair's at a known address; else the address's and
    // the username's), and how the refusal names them.
    const limits: [number, string][] = known
      ? [[0, 'for this user at this address']]
      : [
          [0, 'from this address'],
          [1, 'for this user'],
        ];
    const over = limits.find(([i]) => counts[i]! > this.limit);
    if (over) {
      await undo();
      throw await this.refusal(keys[over[0]]!, over[1]);
    }
    return { undo };
  }

  /** `rate_limited`, with the seconds until the count's window ends (the answer's `Retry-After`). */
  private async refusal(key: string, which: string): Promise<AppError> {
    const seconds = Math.max(1, Math.ceil((await this.store.remainingMs(key)) / 1000));
    return new AppError('rate_limited', `too many failed logins ${which}; wait a few minutes`, {
      retryAfterSeconds: seconds,
    });
  }

  /** Failed logins counted against `username` in its current window. */
  failures(username: string): Promise<number> {
    return this.store.count(userKey(username));
  }

  /** Whether `username` is held back at addresses it has not logged in from. */
  async locked(username: string): Promise<boolean> {
    return (await this.failures(username)) >= this.limit;
  }

  /** When the hold on `username` ends by itself (undefined: it is not held back). */
  async lockedUntil(username: string, now: Date): Promise<Date | undefined> {
    if (!(await this.locked(username))) return undefined;
    return new Date(now.getTime() + (await this.store.remainingMs(userKey(username))));
  }

  /** Clears the username's count: its owner may log in from anywhere again (addresses keep theirs). */
  async clear(username: string): Promise<void> {
    await this.store.reset(userKey(username));
  }

  /**
   * The right password clears the username's count and its count at this address (the address
   * keeps its own) and makes the address a known one for this user for the next 30 days.
   */
  async succeeded(address: string, username: string): Promise<void> {
    await this.store.reset(userKey(username));
    await this.store.reset(pairKey(username, address));
    await this.store.reset(knownKey(username, address));
    await this.store.increment(knownKey(username, address), KNOWN_MS);
  }
}

function addressKey(address: string): string {
  return `login:ip:${address}`;
}

function userKey(username: string): string {
  return `login:user:${username.trim().toLowerCase()}`;
}

function pairKey(username: string, address: string): string {
  return `login:pair:${username.trim().toLowerCase()}:${address}`;
}

function knownKey(username: string, address: string): string {
  return `login:known:${username.trim().toLowerCase()}:${address}`;
}
