/**
 * The message gateways as the answering server saw them: "SMPP: working, last message taken at …"
 * or, in the page's danger colours, "SMPP: not taking messages since …: the error". A gateway shows
 * once the server has submitted to it; a server that has not tried one yet says so.
 */
import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { apiRequest } from '../../../ui/api';
import { officePath, type AdminContext } from './admin-api';
import type { GatewayHealthDto } from '../../../server/protocol';
import type { ResponseOf } from '../../../ui/api-client';
import type { MessageParams } from '../../../ui/controllers/localize-controller';
import { DEFAULT_TIME_ZONE, formatDateTime } from '../../../ui/format';
import type { MessageKey } from '../../../ui/i18n';

type Translate = (key: MessageKey, params?: MessageParams) => string;

const GATEWAY_NAMES: Readonly<Record<GatewayHealthDto['gateway'], string>> = {
  smpp: 'SMPP',
  http: 'HTTP',
  log: 'log',
  telegram: 'Telegram',
};

const at = (iso: string) => formatDateTime(new Date(iso), DEFAULT_TIME_ZONE);

/** The gateways set up on the server, then how each did ({@link renderGatewayHealth}). */
export function renderGateways(answer: Omit<ResponseOf<'messages'>, 'messages'>, t: Translate) {
  const { channels } = answer;
  return html`<p class="muted" data-testid="gateways">
      ${t('adminMessagesGateways', {
        sms: channels.sms ?? '—',
        telegram: channels.telegram ? '✓' : '—',
      })}
    </p>
    ${renderGatewayHealth(answer.gateways, t)}`;
}

/**
 * One line per gateway the server has submitted to, in one live region that stays in the page
 * (`role="status"`: read out when it changes; on the <ul> itself it would unmake the list).
 */
function renderGatewayHealth(gateways: readonly GatewayHealthDto[], t: Translate) {
  return html`<div role="status" data-testid="gateway-health">
    ${
      gateways.length === 0
        ? html`<p class="muted">${t('adminGatewayNoneYet')}</p>`
        : html`<ul class="gateway-health">
            ${gateways.map((g) => gatewayLine(g, t))}
          </ul>`
    }
  </div>`;
}

function gatewayLine(g: GatewayHealthDto, t: Translate) {
  const gateway = GATEWAY_NAMES[g.gateway];
  if (!g.up)
    return html`<li class="down" data-gateway=${g.gateway} data-up="false">
      ${t('adminGatewayDown', { gateway, since: at(g.since), error: g.lastError ?? '' })}
    </li>`;
  return html`<li class="muted" data-gateway=${g.gateway} data-up="true">
    ${
      g.lastSentAt
        ? t('adminGatewayUp', { gateway, at: at(g.lastSentAt) })
        : t('adminGatewayAnswers', { gateway })
    }
  </li>`;
}

/**
 * Reads the gateways again every `ms` while the tab is in the page and the page is seen, so an
 * open Messages tab turns red when the SMSC goes away (it said "working" until reopened). The
 * outbox table and any notice or error of the tab are left as they are.
 */
export class GatewayRefresh implements ReactiveController {
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly context: () => AdminContext | undefined,
    private readonly shown: (gateways: GatewayHealthDto[]) => void,
    private readonly ms = 10_000,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.timer = setInterval(() => void this.read(), this.ms);
  }

  hostDisconnected(): void {
    clearInterval(this.timer);
  }

  private async read(): Promise<void> {
    const c = this.context();
    if (!c || document.visibilityState !== 'visible') return;
    const path = `${officePath(c)}/messages?limit=1`;
    // A failed read changes nothing: the next one, or the tab's own load, says what is wrong.
    const answer = await apiRequest<ResponseOf<'messages'>>(path, { token: c.token }).catch(
      () => undefined,
    );
    if (answer) this.shown(answer.gateways);
  }
}
