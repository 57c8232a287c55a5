/**
 * The node's Prometheus figures (`GET /metrics`), each read where it lives only when scraped:
 * sockets per namespace, the print and message queues and gateways, snapshot builds, dropped sockets, event gaps
 * and refused commands.
 */
import type { Database } from '../../../db/database';
import { Metrics } from '../metrics';
import type { SocketServer } from './socket-io';
import type { Realtime } from '../realtime/socket-server';
import type { Services } from './services';

export function nodeMetrics(
  db: Database,
  sockets: Pick<SocketServer, 'io' | 'refusedByAddress'>,
  services: Pick<Services, 'messages' | 'admission'>,
  realtime: Realtime,
  /** `/metrics` can be read (METRICS_TOKEN is set): else nothing is collected. */
  on: boolean,
): Metrics {
  const { io } = sockets;
  return new Metrics(
    {
      sockets: () =>
        Object.fromEntries(
          ['/display', '/kiosk', '/counter'].map((ns) => [ns, io.of(ns).sockets.size]),
        ),
      printQueue: () => db.models.PrintJob.count({ where: { status: 'queued' } }),
      messageQueue: () => services.messages.queued(),
      messageGateways: () => services.messages.gateways(),
      snapshotBuilds: () => realtime.snapshots.builds,
      socketsDropped: () => realtime.dropped,
      socketsRefused: sockets.refusedByAddress,
      eventGaps: () => realtime.sequencer.gaps,
      commandsRefused: () => services.admission.refused,
    },
    on,
  );
}
