/** The demo channel (SMS_URL=log): nothing leaves the server; the admin's Messages tab shows it all. */
import type { Logger } from 'pino';
import { splitSms } from '../../protocol';
import type { Channel, OutgoingMessage, SendResult } from './channel';

export class LogChannel implements Channel {
  readonly name = 'log' as const;

  constructor(private readonly logger: Logger) {}

  send(message: OutgoingMessage): Promise<SendResult> {
    const parts = splitSms(message.text).parts.length;
    this.logger.info({ message: message.id, parts }, 'message kept by the log channel');
    return Promise.resolve({ parts, providerId: `log-${message.id}` });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
