/**
 * Ignores the second half of a double tap: a step that has just appeared under the finger does not
 * take the tap that was meant for the step before it. Once taps count, the host carries a
 * `data-armed` attribute (what a browser test waits for instead of sleeping).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Milliseconds after a step appears during which taps are ignored. */
export const GHOST_TAP_MS = 450;

/** Knows when its host appeared, and whether a tap now is too soon after. */
export class GhostTapController implements ReactiveController {
  private shownAt = 0;
  private readonly quietMs: number;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & Partial<Element>,
    quietMs = GHOST_TAP_MS,
  ) {
    this.quietMs = quietMs;
    host.addController(this);
  }

  hostConnected(): void {
    this.shownAt = performance.now();
    this.host.removeAttribute?.('data-armed');
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.host.setAttribute?.('data-armed', ''), this.quietMs);
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
  }

  /** True while a tap is likely the ghost of the one that brought this step up. */
  get tooSoon(): boolean {
    return performance.now() - this.shownAt < this.quietMs;
  }
}
