/** What every message gateway offers the outbox (SMPP, HTTP, log, Telegram), and its errors. */

/** A message as a gateway takes it. */
export interface OutgoingMessage {
  /** The outbox id (an HTTP gateway may use it to drop a repeat). */
  id: string;
  to: string;
  text: string;
}

export interface SendResult {
  /** SMS parts the text went out in (1 for Telegram). */
  parts: number;
  /** The gateway's id of the message, matched by delivery reports. */
  providerId: string | null;
  /** The gateway confirmed delivery at once (the log channel). */
  delivered?: boolean;
}

/** A refusal: `retryable` ones are tried again later, the others end the message as failed. */
export class ChannelError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    /**
     * The message left for the gateway and no answer came (a timeout, a link lost meanwhile): it
     * may have been taken, so it is not sent again, and it counts toward its number's cap.
     */
    readonly inDoubt = false,
    /**
     * The gateway is not taking messages now (away, busy, failing): its health line goes red.
     * A refusal of this one message alone (a bad number) leaves it working.
     */
    readonly gatewayAway = retryable || inDoubt,
  ) {
    super(message);
    this.name = 'ChannelError';
  }
}

/** Reports that arrive from the gateway on their own. */
export interface ChannelListener {
  /** A delivery report of the message the gateway knows as `providerId`. */
  receipt(providerId: string, delivered: boolean, error?: string): void;
  /** A citizen's reply (an SMS "STOP", a Telegram /start code). */
  inbound(from: string, text: string): void;
}

export interface Channel {
  readonly name: 'smpp' | 'http' | 'log' | 'telegram';
  send(message: OutgoingMessage): Promise<SendResult>;
  close(): Promise<void>;
}
