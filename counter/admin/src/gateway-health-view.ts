/**
 * The message gateways as the answering server saw them: "SMPP: working, last message taken at …"
 * or, in the page's danger colours, "SMPP: not taking messages since …: the error". A gateway shows
 * once the server has submitted to it; a server that has not tried one yet says so.
 */
import { html } from 'lit';
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

/** One line per gateway the server has submitted to (`role="status"`: read out when it changes). */
function renderGatewayHealth(gateways: readonly GatewayHealthDto[], t: Translate) {
  if (gateways.length === 0)
    return html`<p class="muted" role="status" data-testid="gateway-health">
      ${t('adminGatewayNoneYet')}
    </p>`;
  return html`<ul class="gateway-health" role="status" data-testid="gateway-health">
    ${gateways.map((g) => {
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
    })}
  </ul>`;
}
