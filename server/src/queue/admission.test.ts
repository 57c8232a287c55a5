/**
 * Command admission: a hard bound on an office's commands in flight, and a wait bound — with
 * several in flight, a new command is refused while the oldest has run too long, and admitted
 * again once the backlog drains. Other offices are not affected.
 */
import { AppError } from '../errors';
import { CommandAdmission } from './admission';

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('command admission', () => {
  let now = 0;
  const clock = () => now;

  it('refuses beyond the bound of commands in flight, with Retry-After', () => {
    const a = new CommandAdmission({ maxInFlight: 3, maxWaitMs: 1e9 }, 2, clock);
    const leaves = [a.enter('kulob'), a.enter('kulob'), a.enter('kulob')];
    const refused = refusal(() => a.enter('kulob'));
    expect(refused.code).toBe('overloaded');
    expect(refused.details).toEqual({ retryAfterSeconds: 2 });
    expect(a.refused).toBe(1);
    // Another office has its own bound.
    a.enter('dushanbe')();
    leaves[0]!();
    a.enter('kulob');
    expect(a.inFlight).toBe(3);
  });

  it('by default holds 16 commands of an office in flight, however fresh, and refuses the 17th', () => {
    // A bounded queue: 64 fresh commands in flight made the last one wait for 63 others (the
    // overload bench: accepted p99 over ten times the unloaded one at 2× the ceiling).
    now = 0;
    const a = new CommandAdmission({}, 1, clock);
    for (let i = 0; i < 16; i++) a.enter('kulob');
    expect(refusal(() => a.enter('kulob')).code).toBe('overloaded');
    expect(a.inFlight).toBe(16);
  });

  it('refuses while the oldest of several commands has waited too long, then admits again', () => {
    now = 1_000;
    const a = new CommandAdmission({ maxInFlight: 64, maxWaitMs: 150, minInFlight: 4 }, 1, clock);
    const first = a.enter('kulob');
    now += 10;
    const others = [a.enter('kulob'), a.enter('kulob'), a.enter('kulob')];
    now += 100; // the oldest has run 110 ms: still admitted
    others.push(a.enter('kulob'));
    now += 50; // 160 ms
    expect(refusal(() => a.enter('kulob')).message).toMatch(/waited over 150 ms/);
    expect(a.enter('elsewhere')).toEqual(expect.any(Function));
    // The slow one finishes: the oldest is now 150 ms old, not over.
    first();
    expect(a.enter('kulob')).toEqual(expect.any(Function));
    expect(a.refused).toBe(1);
  });

  it('never refuses because of one slow command alone', async () => {
    now = 0;
    const a = new CommandAdmission({ maxWaitMs: 150, minInFlight: 4 }, 1, clock);
    const slow = a.enter('kulob');
    now += 10_000;
    const leaves = [a.enter('kulob'), a.enter('kulob'), a.enter('kulob')];
    expect(() => a.enter('kulob')).toThrow(AppError);
    let idle = false;
    const done = a.idle().then(() => (idle = true));
    slow();
    for (const leave of leaves) leave();
    await done;
    expect(idle).toBe(true);
    expect(a.inFlight).toBe(0);
  });
});

describe('admission at the door', () => {
  it("lets the office's next command run on the door's slot, and counts one refusal", async () => {
    let now = 0;
    const a = new CommandAdmission(
      { maxInFlight: 64, maxWaitMs: 100, minInFlight: 2 },
      1,
      () => now,
    );
    const door = a.atDoor('kulob');
    // Later, after the body and the session were read: the same slot, not a second one.
    await new Promise((resolve) => setTimeout(resolve, 1));
    const inner = a.enter('kulob');
    expect(a.inFlight).toBe(1);
    inner();
    expect(a.inFlight).toBe(1); // the door's slot is given back by the door
    const other = a.enter('kulob'); // the door's slot was claimed: a slot of its own
    expect(a.inFlight).toBe(2);
    now = 150;
    expect(() => a.enter('kulob')).toThrow(AppError); // two in flight, the oldest 150 ms old
    expect(() => a.enter('elsewhere')).not.toThrow();
    expect(a.refused).toBe(1);
    door();
    other();
    expect(a.inFlight).toBe(1); // 'elsewhere' still holds its own
  });

  it('drops an unclaimed door slot when its request ends without a command', () => {
    const a = new CommandAdmission({ maxInFlight: 2, maxWaitMs: 100, minInFlight: 8 });
    const door = a.atDoor('kulob'); // a request refused before its command (a bad body, say)
    door();
    expect(a.inFlight).toBe(0);
    // No claim left behind: the next two commands take a slot each, and the third is refused.
    const first = a.enter('kulob');
    const second = a.enter('kulob');
    expect(a.inFlight).toBe(2);
    expect(() => a.enter('kulob')).toThrow(AppError);
    first();
    second();
  });

  it('never holds more slots than doors and commands in flight when another command claims first', () => {
    const a = new CommandAdmission({ maxInFlight: 3, maxWaitMs: 100, minInFlight: 8 });
    const door = a.atDoor('kulob'); // a call-next, reading its body
    const complete = a.enter('kulob'); // a complete (no door) claims the door's slot
    expect(a.inFlight).toBe(1);
    const callNext = a.enter('kulob'); // the call-next's own command takes a slot of its own
    expect(a.inFlight).toBe(2);
    complete();
    callNext();
    door();
    expect(a.inFlight).toBe(0);
    expect(a.enter('kulob')).toBeInstanceOf(Function); // nothing left claimed or held
    expect(a.inFlight).toBe(1);
  });
});
