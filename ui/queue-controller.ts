/** Ties a {@link QueueStore} to a Lit element's lifecycle: connect when attached, re-render on change. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Ticket } from '../server/protocol';
import {
  EMPTY_QUEUE_STATE,
  QueueStore,
  type QueueState,
  type QueueStoreOptions,
} from './queue-store';

/** Live queue of one namespace for one element; `connect(options)` (re)opens it. */
export class QueueController<T extends Ticket = Ticket> implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private store?: QueueStore<T>;
  private options?: QueueStoreOptions;
  private unsubscribe?: () => void;
  private attached = false;

  /** `options` may come later through {@link connect} (the counter knows its token after login). */
  constructor(host: ReactiveControllerHost, options?: QueueStoreOptions) {
    this.host = host;
    this.options = options;
    host.addController(this);
  }

  /** The live queue, or the empty state while not connected. */
  get state(): QueueState<T> {
    return this.store?.state ?? EMPTY_QUEUE_STATE;
  }

  hostConnected(): void {
    this.attached = true;
    this.open();
  }

  hostDisconnected(): void {
    this.attached = false;
    this.close();
  }

  /** Replaces the connection options and reconnects. */
  connect(options: QueueStoreOptions): void {
    this.close();
    this.options = options;
    if (this.attached) this.open();
  }

  /** Closes the connection until the next {@link connect}. */
  disconnect(): void {
    this.close();
    this.options = undefined;
    this.host.requestUpdate();
  }

  private open(): void {
    if (!this.options || this.store) return;
    const store = new QueueStore<T>(this.options);
    this.store = store;
    this.unsubscribe = store.subscribe(() => this.host.requestUpdate());
    store.connect();
    this.host.requestUpdate();
  }

  private close(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.store?.disconnect();
    this.store = undefined;
  }
}
