/** One wording of the wait for the kiosk screen, the phone page and the paper. */
import type { Language } from '../server/protocol';
import { waitWording } from '../server/protocol/wait-wording';
import { ticketLabels } from '../server/src/printing/catalogue';
import { ticketLayout } from '../server/src/printing/layout';
import { sampleTicket } from '../server/src/testing/ticket-fixtures';
import { waitText } from '../ui/wait-text';

const LANGUAGES: Language[] = ['tg', 'ru', 'uz', 'en'];

describe('the wait in words', () => {
  it('says "you are next" when nobody is ahead, never "~0 min", and at least a minute otherwise', () => {
    expect(waitWording(0, 0)).toEqual({ kind: 'next' });
    expect(waitWording(0, 7)).toEqual({ kind: 'next' });
    expect(waitWording(2, 0)).toEqual({ kind: 'minutes', minutes: 1 });
    expect(waitWording(2, 4.2)).toEqual({ kind: 'minutes', minutes: 5 });
    expect(waitWording(undefined, undefined)).toEqual({ kind: 'unknown' });
    expect(waitText('en', 0, 0)).toBe('You are next');
    expect(waitText('en', 3, 0)).toBe('~1 min');
  });

  it.each(LANGUAGES)("uses the paper's words on the screen in %s", (language) => {
    const paper = ticketLayout(
      { ...sampleTicket, language, peopleAhead: 0, estimatedWaitMinutes: 0 },
      { width: 80 },
    ).blocks.flatMap((b) => (b.kind === 'text' && b.role === 'peopleAhead' ? [b.text] : []));
    expect(paper).toEqual([ticketLabels[language].youAreNext]);
    expect(waitText(language, 0, 0)).toBe(ticketLabels[language].youAreNext);
  });

  it.each(LANGUAGES)(
    'tells no wait while no window serves the line, on the paper and the screen, in %s',
    (language) => {
      expect(waitWording(0, 0, 0)).toEqual({ kind: 'noWindow' });
      expect(waitWording(4, 20, 0)).toEqual({ kind: 'noWindow' });
      expect(waitWording(0, 0, 2)).toEqual({ kind: 'next' });
      const lines = ticketLayout(
        { ...sampleTicket, language, peopleAhead: 4, estimatedWaitMinutes: 20, servingWindows: 0 },
        { width: 80 },
      ).blocks.flatMap((b) =>
        b.kind === 'text' && (b.role === 'peopleAhead' || b.role === 'wait') ? [b.text] : [],
      );
      const labels = ticketLabels[language];
      // People ahead still count; the minutes and "you are next" do not.
      expect(lines[0]).toBe(labels.peopleAhead(4));
      expect(lines.slice(1).join(' ')).toBe(labels.noWindowYet);
      expect(waitText(language, 0, 0, 0)).toBe(labels.noWindowYet);
    },
  );
});
