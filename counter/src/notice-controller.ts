/**
 * The console's banners: the refusal shown until it is dismissed (or stops being true), a short note
 * that goes by itself, and the "undo" of a no-show for as long as the server takes it back.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { StaffTicket } from '../../server/protocol';
import { NETWORK_ERROR } from '../../ui/api';
import type { ShownError } from '../../ui/errors';
import type { MessageKey } from '../../ui/i18n/staff';
import type { MessageParams } from '../../ui/controllers/localize-controller';

const INFO_SHOWN_MS = 6_000;
/** How long a no-show can be undone (the server's limit, less a margin for the request). */
const UNDO_SHOWN_MS = 9_000;

/** A short note for the clerk that is not an error ("nobody is waiting"). */
export type Info = MessageKey;

/** A no-show that can still be taken back. */
export interface UndoOffer {
  id: string;
  number: string;
}

/** What {@link NoticeController.review} checks the banners against, read only when needed. */
export interface NoticeFacts {
  connected: boolean;
  ready: boolean;
  /** Whether the window is paused. */
  paused: () => boolean;
  /** Waiting tickets this window may call. */
  callable: () => number;
}

/** The banners' state; every change re-renders the host. */
export class NoticeController implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private shownError: ShownError | undefined;
  private shownInfo: Info | undefined;
  /** What the note's words are filled in with: it is put in words when shown, in the page's language. */
  private params: MessageParams | undefined;
  private offer: UndoOffer | undefined;
  private infoTimer?: ReturnType<typeof setTimeout>;
  private undoTimer?: ReturnType<typeof setTimeout>;
  /** The socket was lost since the last network error (its banner goes when it is back). */
  private wasOffline = false;

  constructor(host: ReactiveControllerHost) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    clearTimeout(this.infoTimer);
    clearTimeout(this.undoTimer);
  }

  /** The refusal on screen, if any. */
  get error(): ShownError | undefined {
    return this.shownError;
  }
  set error(error: ShownError | undefined) {
    this.shownError = error;
    this.host.requestUpdate();
  }

  /** The note on screen, if any. */
  get info(): Info | undefined {
    return this.shownInfo;
  }

  /** What the note is filled in with ("A006" of "A006 was sent back"), if anything. */
  get infoParams(): MessageParams | undefined {
    return this.params;
  }

  /** The no-show that can still be taken back. */
  get undo(): UndoOffer | undefined {
    return this.offer;
  }

  /**
   * Shows a note filled in with `params` (or with undefined takes it away); it goes by itself after
   * a few seconds. It is kept as a key, so a switch of the console's language turns it too.
   */
  setInfo(info: Info | undefined, params?: MessageParams): void {
    clearTimeout(this.infoTimer);
    this.params = params;
    this.shownInfo = info;
    if (info) this.infoTimer = setTimeout(() => this.setShownInfo(undefined), INFO_SHOWN_MS);
    this.host.requestUpdate();
  }

  /** Offers "undo" for a no-show for as long as the server takes it back. */
  offerUndo(ticket: Pick<StaffTicket, 'id' | 'number'>): void {
    clearTimeout(this.undoTimer);
    this.offer = { id: ticket.id, number: ticket.number };
    this.undoTimer = setTimeout(() => this.setOffer(undefined), UNDO_SHOWN_MS);
    this.host.requestUpdate();
  }

  /** The undo offered, withdrawn now that the clerk took it (undefined: none was). */
  takeUndo(): UndoOffer | undefined {
    const offer = this.offer;
    clearTimeout(this.undoTimer);
    this.setOffer(undefined);
    return offer;
  }

  /** Clears the refusal and the note (the session ended). */
  clear(): void {
    this.shownError = undefined;
    this.setInfo(undefined);
  }

  /** A message stops showing once it is no longer true; called before each render. */
  review(facts: NoticeFacts): void {
    if (this.shownError?.code === NETWORK_ERROR && facts.connected && this.wasOffline) {
      this.error = undefined;
    }
    if (!facts.connected && facts.ready) this.wasOffline = true;
    if (facts.connected) this.wasOffline = false;
    if (this.shownError?.key === 'windowPausedCallHint' && !facts.paused()) this.error = undefined;
    if (this.shownInfo === 'nobodyWaitingHere' && facts.callable() > 0) this.setInfo(undefined);
  }

  private setShownInfo(info: Info | undefined): void {
    this.shownInfo = info;
    this.host.requestUpdate();
  }

  private setOffer(offer: UndoOffer | undefined): void {
    this.offer = offer;
    this.host.requestUpdate();
  }
}
