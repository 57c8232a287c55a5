/** Calls back when nobody touched the screen or a key for a while (kiosk: back to the start). */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel'] as const;

/** Idle timer of an element; `arm()` starts it, any activity restarts it, `disarm()` stops it. */
export class IdleController implements ReactiveController {
  private readonly timeoutMs: number;
  private readonly onIdle: () => void;
  private timer?: ReturnType<typeof setTimeout>;
  private armed = false;
  private readonly activity = (): void => {
    if (this.armed) this.restart();
  };

  constructor(host: ReactiveControllerHost, timeoutMs: number, onIdle: () => void) {
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
    this.disarm();
  }

  /** Starts (or restarts) the countdown. */
  arm(): void {
    this.armed = true;
    this.restart();
  }

  /** Stops the countdown. */
  disarm(): void {
    this.armed = false;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private restart(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.armed = false;
      this.onIdle();
    }, this.timeoutMs);
  }
}
