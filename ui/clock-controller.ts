/** A clock that re-renders its host every second (or minute), following the server's time. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Current time for the host, corrected by the server clock offset it is given. */
export class ClockController implements ReactiveController {
  /** Server clock minus local clock, in ms (from the last queue snapshot). */
  offsetMs = 0;
  private readonly host: ReactiveControllerHost;
  private readonly intervalMs: number;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(host: ReactiveControllerHost, intervalMs = 1_000) {
    this.host = host;
    this.intervalMs = intervalMs;
    host.addController(this);
  }

  /** The server's "now". */
  get now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  hostConnected(): void {
    this.schedule();
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    // Align ticks to the wall clock so the minute changes on time.
    const delay = this.intervalMs - (this.now.getTime() % this.intervalMs);
    this.timer = setTimeout(() => {
      this.host.requestUpdate();
      this.schedule();
    }, delay + 5);
  }
}
