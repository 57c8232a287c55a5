/**
 * Back to the start after a time without a touch. The time is read on every
 * arm: the office's `kioskIdleSeconds` arrives with the first snapshot and may change live.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel'] as const;

/** Idle countdown that runs while {@link sync} is told the kiosk is away from its rest state. */
export class KioskIdleController implements ReactiveController {
  private readonly timeoutMs: () => number;
  private readonly onIdle: () => void;
  private timer?: ReturnType<typeof setTimeout>;
  private armed = false;
  private readonly activity = (): void => {
    if (this.armed) this.restart();
  };

  constructor(host: ReactiveControllerHost, timeoutMs: () => number, onIdle: () => void) {
    this.timeoutMs = timeoutMs;
    this.onIdle = onIdle;
    host.addController(this);
  }

  hostConnected(): void {
    for (const type of ACTIVITY_EVENTS) {
      window.addEventListener(type, this.activity, { capture: true, passive: true });
    }
  }

  hostDisconnected(): void {
    for (const type of ACTIVITY_EVENTS) {
      window.removeEventListener(type, this.activity, { capture: true });
    }
    this.stop();
  }

  /** Counts down while `away` (keeping a running countdown), stops at rest. */
  sync(away: boolean): void {
    if (!away) this.stop();
    else if (!this.armed) {
      this.armed = true;
      this.restart();
    }
  }

  /** Starts the countdown again from the full time (a new screen was shown). */
  restartIfArmed(): void {
    if (this.armed) this.restart();
  }

  private stop(): void {
    this.armed = false;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private restart(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.armed = false;
      this.onIdle();
    }, this.timeoutMs());
  }
}
