/**
 * The office clock's parts, kept per zone for the UTC minute they were read in, against the zone's
 * formatter itself: across 2026's offset changes of zones with whole-hour, half-hour and
 * quarter-hour offsets and shifts, second by second steps, and back and forth in time.
 */
import { formattedParts, zonedParts } from './zoned-time';

const ZONES = [
  'Asia/Dushanbe',
  'Europe/Berlin',
  'America/New_York',
  'Asia/Kathmandu', // +5:45
  'Australia/Lord_Howe', // +10:30, a half-hour shift in summer
  'Pacific/Chatham', // +12:45 / +13:45
  'America/St_Johns', // −3:30 / −2:30
];

/** Instants of 2026 where the zone's offset changes (found every 6 h, then by halving). */
function changes(zone: string): number[] {
  const offset = (ms: number) => {
    const p = formattedParts(new Date(ms), zone);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - ms;
  };
  const found: number[] = [];
  const step = 6 * 3_600_000;
  for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += step) {
    if (offset(t) === offset(t + step)) continue;
    let [lo, hi] = [t, t + step];
    while (hi - lo > 1_000) {
      const mid = lo + Math.floor((hi - lo) / 2_000) * 1_000;
      if (offset(mid) === offset(lo)) lo = mid;
      else hi = mid;
    }
    found.push(hi);
  }
  return found;
}

describe('zoned parts', () => {
  it.each(ZONES)('match the formatter around each offset change of 2026 in %s', (zone) => {
    const moments = changes(zone);
    if (zone !== 'Asia/Dushanbe' && zone !== 'Asia/Kathmandu') expect(moments).toHaveLength(2);
    const around = [...moments, Date.UTC(2026, 5, 30, 18, 59, 30)];
    const mismatches: string[] = [];
    for (const at of around) {
      // Forward in 13 s steps (several calls in each minute), then back: the kept minute is
      // replaced whichever way time goes.
      const steps: number[] = [];
      for (let ms = at - 2 * 3_600_000; ms <= at + 2 * 3_600_000; ms += 13_000) steps.push(ms);
      for (const ms of [...steps, ...steps.reverse()]) {
        for (const extra of [0, 999]) {
          const instant = new Date(ms + extra);
          const got = zonedParts(instant, zone);
          const want = formattedParts(instant, zone);
          if (JSON.stringify(got) !== JSON.stringify(want)) {
            mismatches.push(
              `${instant.toISOString()}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`,
            );
          }
        }
      }
    }
    expect(mismatches.slice(0, 3)).toEqual([]);
  });

  it('keeps each zone apart when calls alternate between zones in one minute', () => {
    const at = new Date(Date.UTC(2026, 2, 29, 0, 59, 10));
    for (let i = 0; i < 3; i++) {
      expect(zonedParts(at, 'Asia/Dushanbe')).toEqual(formattedParts(at, 'Asia/Dushanbe'));
      expect(zonedParts(at, 'Europe/Berlin')).toEqual(formattedParts(at, 'Europe/Berlin'));
      expect(zonedParts(at, 'Asia/Dushanbe').hour).toBe(5);
      expect(zonedParts(at, 'Europe/Berlin').hour).toBe(1);
    }
  });
});
