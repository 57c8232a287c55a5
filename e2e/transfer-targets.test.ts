/** The windows the transfer dialog offers (counter/src/transfer-targets.ts), a pure function. */
import type { CounterState } from '../server/protocol';
import { translate } from '../ui/i18n/staff';
import {
  targetLabelKey,
  targetWarning,
  transferTargets,
  warningKey,
} from '../counter/src/transfer-targets';

const clerk = (name: string) => ({ id: name.length, name });
const counters: CounterState[] = [
  { number: '10', status: 'open', clerk: clerk('Ten') },
  { number: '1', status: 'open', clerk: null },
  { number: '2', status: 'paused', clerk: clerk('Two'), pauseReason: 'Lunch' },
  { number: '3', status: 'open', clerk: clerk('Three') },
  { number: '4', status: 'closed', clerk: null },
  { number: '5', status: 'paused' },
  { number: '6', status: 'open', clerk: clerk('Own') },
];

describe('the windows a ticket can be transferred to', () => {
  it('lists staffed open windows first, then paused, then nobody there, then closed', () => {
    expect(transferTargets(counters, '6').map((t) => t.number)).toEqual([
      '3',
      '10',
      '2',
      '1',
      '5',
      '4',
    ]);
  });

  it('never offers the window the ticket is at', () => {
    expect(transferTargets(counters, '3').map((t) => t.number)).not.toContain('3');
  });

  it('warns about a window nobody holds, a paused and a closed one, not a staffed open one', () => {
    const warnings = Object.fromEntries(
      transferTargets(counters, undefined).map((t) => [t.number, targetWarning(t) ?? 'none']),
    );
    expect(warnings).toEqual({
      '1': 'empty',
      '2': 'paused',
      '3': 'none',
      '4': 'closed',
      '5': 'empty',
      '6': 'none',
      '10': 'none',
    });
  });

  it('says who is at each window, or why nobody will call there', () => {
    const words = transferTargets(counters, '6').map((t) =>
      translate('en', targetLabelKey(t), { n: t.number, name: t.clerk ?? '' }),
    );
    expect(words).toEqual([
      'Window 3 — Three',
      'Window 10 — Ten',
      'Window 2 — Two, paused',
      'Window 1 — nobody at this window',
      'Window 5 — nobody at this window',
      'Window 4 — closed',
    ]);
    expect(translate('tg', warningKey('empty'), { n: '1' })).toContain('Дар равзанаи 1 касе');
  });
});
