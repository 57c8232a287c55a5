/**
 * The booking page's steps in the browser's history: a phone's Back button goes back one step
 * (time → day → service) instead of leaving the page and losing the choices made (tester). The
 * choosing steps are entries of their own; the code and the booking replace the last one, so Back
 * from them goes to the choice of a time.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The booking page's steps. */
export type Step = 'service' | 'day' | 'time' | 'phone' | 'code' | 'done' | 'cancel' | 'cancelled';
/** Steps that take the history entry of the one before (Back from the code: choose a time). */
export const LAST: Step[] = ['code', 'done', 'cancel', 'cancelled'];

export class StepHistory<S extends string> implements ReactiveController {
  constructor(
    host: ReactiveControllerHost,
    /** The page's step now, and how to go to another. */
    private readonly step: { get(): S; go(step: S): void },
    /** The page's first step: the entry the page was opened with. */
    private readonly first: S,
    /** Steps that take the last entry's place instead of adding one. */
    private readonly replacing: readonly S[],
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('popstate', this.onPop);
  }

  hostDisconnected(): void {
    window.removeEventListener('popstate', this.onPop);
  }

  /** After each render: a step the page moved to becomes the history's (the same adds nothing). */
  hostUpdated(): void {
    const step = this.step.get();
    if (step === this.shown()) return;
    if (this.replacing.includes(step)) history.replaceState({ step }, '');
    else if (step !== this.first) history.pushState({ step }, '');
  }

  /** The page's own Back button: the browser's, while the previous step is an entry. */
  back(to: S): void {
    if ((history.state as { step?: S } | null)?.step) history.back();
    else this.step.go(to);
  }

  private shown(): S {
    return (history.state as { step?: S } | null)?.step ?? this.first;
  }

  private readonly onPop = (event: PopStateEvent): void => {
    this.step.go((event.state as { step?: S } | null)?.step ?? this.first);
  };
}
