/**
 * One request at a time for a component: the busy flag that disables its buttons, the refusal shown
 * in the page's language, and "session expired" when the server no longer takes the token.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ErrorCode } from '../../server/protocol/constants';
import { ApiError } from '../api';
import { toShownError, type ShownError } from '../errors';

/** How a host wants refusals handled. */
export interface RequestOptions {
  /** The server refused the token: the host ends its session (no error is shown then). */
  onUnauthorized?: () => void;
  /** Runs after every request, answered or refused (a queued key, a remote change to apply). */
  onSettled?: () => void;
}

/** Whether an error means the staff session is over. */
export function isUnauthorized(error: unknown): boolean {
  return error instanceof ApiError && error.code === ErrorCode.unauthorized;
}

/** The busy flag and the last refusal of a host's requests. */
export class RequestController implements ReactiveController {
  /** True while a request runs. */
  busy = false;
  /** The last refusal, in words the page shows; cleared when the next request starts. */
  error: ShownError | undefined;
  private readonly host: ReactiveControllerHost;
  private readonly options: RequestOptions;

  constructor(host: ReactiveControllerHost, options: RequestOptions = {}) {
    this.host = host;
    this.options = options;
    host.addController(this);
  }

  hostConnected(): void {}

  /**
   * Runs `work` unless a request is running already; a refusal becomes `error` (through `explain`
   * when the host words some refusals its own way). True when the work finished.
   */
  async run(work: () => Promise<void>, explain?: (error: unknown) => ShownError): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.error = undefined;
    this.host.requestUpdate();
    try {
      await work();
      return true;
    } catch (error) {
      if (isUnauthorized(error) && this.options.onUnauthorized) this.options.onUnauthorized();
      else this.error = explain ? explain(error) : toShownError(error);
      return false;
    } finally {
      this.busy = false;
      this.options.onSettled?.();
      this.host.requestUpdate();
    }
  }

  /** Shows a message as the host's error (or clears it with `undefined`). */
  show(error: ShownError | undefined): void {
    this.error = error;
    this.host.requestUpdate();
  }
}
