/** The report's CSV: what was not measured is an empty cell, as the page shows "—", never 0 s. */
import { summaryCsv } from './report-csv';

const zero = { avg: 0, p50: 0, p90: 0 };

it('leaves the times of a service nobody was called for empty, and keeps measured ones', () => {
  const csv = summaryCsv(
    {
      byServiceDay: [
        {
          day: '2026-12-06',
          service: 'consultation',
          issued: 1,
          served: 0,
          noShow: 0,
          waitSeconds: zero,
          serviceSeconds: zero,
          measured: 0,
          withinTarget: 0,
          share: null,
        },
        {
          day: '2026-12-06',
          service: 'birth',
          issued: 2,
          served: 1,
          noShow: 0,
          waitSeconds: { avg: 90.4, p50: 90.4, p90: 90.4 },
          serviceSeconds: zero,
          measured: 1,
          withinTarget: 1,
          share: 1,
        },
      ],
    },
    new Map(),
  );
  const [, waiting, called] = csv
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');
  expect(waiting).toBe('2026-12-06,consultation,consultation,1,0,0,,,,,,,');
  // Called and still being served: its wait is known, its service time not yet.
  expect(called).toBe('2026-12-06,birth,birth,2,1,0,90,90,90,,,,100');
});
