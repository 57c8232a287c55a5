import { secondLanguage } from '../../protocol';
import { ticketLabels } from './catalogue';
import {
  formatIssuedAt,
  layoutText,
  PAPER_COLUMNS,
  ticketLayout,
  TicketPrintInput,
  wrapText,
  type TextBlock,
  type TicketLayout,
  type TicketLineRole,
} from './layout';
import { elderlyPriority, sampleTicket } from '../testing/ticket-fixtures';

function lines(layout: TicketLayout, role: TicketLineRole): TextBlock[] {
  return layout.blocks.filter((b): b is TextBlock => b.kind === 'text' && b.role === role);
}

describe('ticketLayout', () => {
  it('shows the issue time on the office clock in Asia/Dushanbe (UTC+5)', () => {
    const layout = ticketLayout(sampleTicket, { width: 80 });
    expect(lines(layout, 'issuedAt').map((l) => l.text)).toEqual(['25.11.2026 09:05']);
  });

  it('puts the office day, not the UTC day, on a ticket issued just after local midnight', () => {
    expect(formatIssuedAt('2026-11-24T19:30:00Z', 'Asia/Dushanbe')).toBe('25.11.2026 00:30');
  });

  it('prints office, service and labels in the citizen language and the number six times larger', () => {
    const layout = ticketLayout(sampleTicket, { width: 80 });
    expect(lines(layout, 'office')[0]).toMatchObject({
      text: sampleTicket.officeName.tg,
      bold: true,
    });
    expect(lines(layout, 'service')[0]?.text).toBe('Бақайдгирии ақди никоҳ');
    expect(lines(layout, 'yourTicket')[0]?.text).toBe('Рақами навбати шумо');
    expect(lines(layout, 'number')).toEqual([
      { kind: 'text', role: 'number', text: 'B014', align: 'center', scale: 6, bold: true },
    ]);
    expect(layout.blocks).toContainEqual({ kind: 'qr', data: sampleTicket.publicUrl });
  });

  it('adds a Tajik line for Russian, Uzbek and English tickets and a Russian line for Tajik ones', () => {
    const second = (language: TicketPrintInput['language']) =>
      lines(ticketLayout({ ...sampleTicket, language }, { width: 80 }), 'secondLanguage')
        .map((l) => l.text)
        .join(' ');
    expect(second('tg')).toBe('Талон B014: Регистрация брака');
    expect(second('uz')).toBe('Навбат B014: Бақайдгирии ақди никоҳ');
    expect(second('en')).toBe('Навбат B014: Бақайдгирии ақди никоҳ');
    expect(second('ru')).toBe('Навбат B014: Бақайдгирии ақди никоҳ');
    expect(secondLanguage('ru')).toBe('tg');
    expect(secondLanguage('uz')).toBe('tg');
    expect(secondLanguage('en')).toBe('tg');
    expect(secondLanguage('tg')).toBe('ru');
  });

  it('has no priority line for an ordinary ticket (priority none → null or absent)', () => {
    expect(lines(ticketLayout(sampleTicket, { width: 80 }), 'priority')).toEqual([]);
    const { priority: _omitted, ...withoutPriority } = sampleTicket;
    expect(lines(ticketLayout(withoutPriority, { width: 80 }), 'priority')).toEqual([]);
  });

  it('prints a checked-in booking’s time on the office clock, and nothing for a walk-in', () => {
    expect(lines(ticketLayout(sampleTicket, { width: 80 }), 'appointment')).toEqual([]);
    const layout = ticketLayout(
      { ...sampleTicket, language: 'ru', appointmentStart: '2026-12-03T06:20:00.000Z' },
      { width: 80 },
    );
    expect(lines(layout, 'appointment').map((l) => l.text)).toEqual(['Запись на 11:20']);
  });

  it('marks a priority ticket with the priority name in the citizen language', () => {
    const layout = ticketLayout(
      { ...sampleTicket, language: 'ru', priority: elderlyPriority },
      { width: 80 },
    );
    expect(lines(layout, 'priority').map((l) => l.text)).toEqual(['* Инвалиды и пожилые *']);
  });

  it('shows people ahead and the wait rounded up to whole minutes', () => {
    const layout = ticketLayout({ ...sampleTicket, language: 'en' }, { width: 80 });
    expect(lines(layout, 'peopleAhead')[0]?.text).toBe('People ahead: 3');
    expect(lines(layout, 'wait')[0]?.text).toBe('Wait ~15 min');
  });

  it('says "you are next" instead of a wait when nobody is ahead', () => {
    const layout = ticketLayout(
      { ...sampleTicket, language: 'uz', peopleAhead: 0, estimatedWaitMinutes: 0 },
      { width: 80 },
    );
    expect(lines(layout, 'peopleAhead')[0]?.text).toBe(ticketLabels.uz.youAreNext);
    expect(lines(layout, 'wait')).toEqual([]);
  });

  it('leaves out the wait lines when the kiosk does not know them', () => {
    const { peopleAhead: _p, estimatedWaitMinutes: _w, ...bare } = sampleTicket;
    const layout = ticketLayout(bare, { width: 58 });
    expect(lines(layout, 'peopleAhead')).toEqual([]);
    expect(lines(layout, 'wait')).toEqual([]);
  });

  it('wraps every line to the paper: 48 columns on 80 mm, 32 on 58 mm, a third of that for the number', () => {
    const long = {
      ...sampleTicket,
      language: 'ru' as const,
      serviceName: {
        ...sampleTicket.serviceName,
        ru: 'Выдача повторных свидетельств и справок о государственной регистрации актов гражданского состояния',
      },
    };
    for (const width of [58, 80] as const) {
      const layout = ticketLayout(long, { width });
      for (const block of layout.blocks) {
        if (block.kind !== 'text') continue;
        expect([...block.text].length).toBeLessThanOrEqual(PAPER_COLUMNS[width] / block.scale);
      }
      expect(lines(layout, 'service').length).toBe(width === 58 ? 4 : 3);
    }
  });

  it('reads back as plain text lines for logs', () => {
    const text = layoutText(ticketLayout({ ...sampleTicket, language: 'ru' }, { width: 58 }));
    expect(text).toContain('Регистрация брака');
    expect(text).toContain('-'.repeat(32));
    expect(text).toContain(`[QR ${sampleTicket.publicUrl}]`);
  });
});

describe('ticket labels', () => {
  it('writes Tajik with its own letters and Uzbek in Latin', () => {
    const tajik = Object.values(ticketLabels.tg)
      .map((v: unknown) => (typeof v === 'function' ? (v as (n: number) => string)(5) : v))
      .join(' ');
    expect(tajik).toMatch(/[ғӣқӯҳҷ]/);
    const uzbek = [ticketLabels.uz.yourTicket, ticketLabels.uz.peopleAhead(2)].join(' ');
    expect(uzbek).toMatch(/^[A-Za-zʻ'0-9 :.~-]+$/);
  });
});

describe('wrapText', () => {
  it('breaks between words and cuts a word longer than a line', () => {
    expect(wrapText('Бақайдгирии ақди никоҳ', 12)).toEqual(['Бақайдгирии', 'ақди никоҳ']);
    expect(wrapText('ABCDEFGHIJ KL', 4)).toEqual(['ABCD', 'EFGH', 'IJ', 'KL']);
    expect(wrapText('   ', 10)).toEqual(['']);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(wrapText('ҷҷҷҷ ҷҷ', 4)).toEqual(['ҷҷҷҷ', 'ҷҷ']);
  });
});

describe('TicketPrintInput schema', () => {
  it('accepts a kiosk ticket and refuses one without a valid URL or language', () => {
    expect(TicketPrintInput.parse(sampleTicket)).toEqual(sampleTicket);
    expect(TicketPrintInput.safeParse({ ...sampleTicket, publicUrl: 'not a url' }).success).toBe(
      false,
    );
    expect(TicketPrintInput.safeParse({ ...sampleTicket, language: 'fa' }).success).toBe(false);
  });
});
