/** Builds the gateways from the environment: SMS_URL (smpp://, https://, log) and Telegram. */
import type { Logger } from 'pino';
import type { Channel, ChannelListener } from './channel';
import { HttpChannel } from './http-channel';
import { LogChannel } from './log-channel';
import { SmppChannel, parseSmppUrl } from './smpp-channel';
import { TelegramChannel } from './telegram-channel';

/** The message gateways' settings (config.ts reads them from the environment). */
export interface MessagingConfig {
  /** `smpp://id:pw@host:port?source=NAVBAT`, `https://…`, `log` (default), or `off`. */
  smsUrl?: string;
  /** For an HTTP gateway: `Name: value` sent with every request. */
  smsHttpHeader?: string;
  telegramBotToken?: string;
  telegramApiUrl?: string;
}

/** Checks SMS_URL without connecting; throws with what is wrong. */
export function checkSmsUrl(value: string | undefined): void {
  const v = value?.trim() ?? '';
  if (v === '' || v === 'log' || v === 'off') return;
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    throw new Error('must be smpp://id:password@host:port?source=NAME, https://…, log or off');
  }
  if (url.protocol === 'smpp:') {
    if (!url.hostname || !url.username) throw new Error('an smpp URL needs system_id@host');
  } else if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`unknown scheme ${url.protocol} (smpp:, https: or log)`);
  }
}

export function createChannels(
  config: MessagingConfig,
  listener: ChannelListener,
  logger: Logger,
): { sms?: Channel; telegram?: TelegramChannel } {
  const v = config.smsUrl?.trim() || 'log';
  let sms: Channel | undefined;
  if (v === 'log') sms = new LogChannel(logger);
  else if (v !== 'off') {
    const url = new URL(v);
    sms =
      url.protocol === 'smpp:'
        ? new SmppChannel({ ...parseSmppUrl(url), listener })
        : new HttpChannel({ url: v, header: config.smsHttpHeader });
  }
  const telegram = config.telegramBotToken
    ? new TelegramChannel({
        token: config.telegramBotToken,
        apiUrl: config.telegramApiUrl,
        listener,
        logger,
      })
    : undefined;
  return { sms, telegram };
}
