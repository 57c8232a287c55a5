/** What a queue ticket says, line by line: pure, no I/O, the same for every printer. */
import { z } from 'zod';
import { Language, secondLanguage, waitWording } from '../../protocol';
import { zonedParts } from '../queue/office-day';
import { ticketLabels } from './catalogue';

/** Paper roll width in millimetres. */
export type PaperWidth = 58 | 80;

/** Characters per line of the printer's standard font (12×24 dots) at normal size. */
export const PAPER_COLUMNS: Readonly<Record<PaperWidth, number>> = { 58: 32, 80: 48 };

/** Horizontal placement of a line on the paper. */
export type Align = 'left' | 'center' | 'right';

/** Character magnification (`GS !`): 1 normal … 8 times the width and height. */
export type TextScale = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

/**
 * The number's magnification: the largest element of the ticket, 6 × 24 dots = 18 mm on 80 mm paper,
 * 5 × 24 dots = 15 mm on 58 mm (read from across a hall; still one line for a number like `A014`).
 */
export const NUMBER_SCALE: Readonly<Record<PaperWidth, TextScale>> = { 58: 5, 80: 6 };

/** Which part of the ticket a line is; lets tests and previews find lines without parsing text. */
export type TicketLineRole =
  | 'office'
  | 'service'
  | 'yourTicket'
  | 'number'
  | 'priority'
  | 'appointment'
  | 'issuedAt'
  | 'peopleAhead'
  | 'wait'
  | 'scanToFollow'
  | 'secondLanguage';

/** One printed line, already wrapped to the paper. */
export interface TextBlock {
  readonly kind: 'text';
  readonly role: TicketLineRole;
  readonly text: string;
  readonly align: Align;
  readonly scale: TextScale;
  readonly bold: boolean;
}

/** A QR code the printer draws itself. */
export interface QrBlock {
  readonly kind: 'qr';
  readonly data: string;
}

/** A dashed separator across the paper. */
export interface RuleBlock {
  readonly kind: 'rule';
}

/** A line of text, a QR code or a separator. */
export type TicketBlock = TextBlock | QrBlock | RuleBlock;

/** A ticket laid out for one paper width. */
export interface TicketLayout {
  readonly width: PaperWidth;
  readonly language: Language;
  readonly blocks: readonly TicketBlock[];
}

/** A text in every kiosk language, as offices enter names of offices, services and priorities. */
export const Localized = z.object({
  tg: z.string(),
  ru: z.string(),
  uz: z.string(),
  en: z.string(),
});
export type Localized = z.infer<typeof Localized>;

/** What the kiosk knows about a freshly issued ticket; also the print job's stored payload. */
export const TicketPrintInput = z.object({
  officeName: Localized,
  serviceName: Localized,
  /** The display number, e.g. `A014`. */
  number: z.string().min(1).max(16),
  /** The priority group's name; null or absent for an ordinary ticket. */
  priority: Localized.nullish(),
  language: Language,
  /** ISO instant the ticket was issued. */
  issuedAt: z.iso.datetime({ offset: true }),
  /** The office's IANA zone, e.g. `Asia/Dushanbe`. */
  timeZone: z.string().min(1),
  peopleAhead: z.number().int().min(0).optional(),
  /** Open windows with a clerk serving the service now (0: no wait is told). */
  servingWindows: z.number().int().min(0).optional(),
  estimatedWaitMinutes: z.number().min(0).optional(),
  /** A checked-in booking's slot start (ISO instant): printed as "Appointment at HH:MM". */
  appointmentStart: z.iso.datetime({ offset: true }).optional(),
  /** The public ticket page, encoded in the QR code. */
  publicUrl: z.url(),
});
export type TicketPrintInput = z.infer<typeof TicketPrintInput>;

/** The paper the layout is wrapped for. */
export interface TicketLayoutOptions {
  readonly width: PaperWidth;
}

/** Lays out a ticket: office, service, big number, priority, time, wait, QR, second-language line. */
export function ticketLayout(input: TicketPrintInput, options: TicketLayoutOptions): TicketLayout {
  const { width } = options;
  const lang = input.language;
  const labels = ticketLabels[lang];
  const blocks: TicketBlock[] = [];
  const text = (role: TicketLineRole, value: string, style: Partial<TextStyle> = {}) => {
    const s: TextStyle = { align: 'center', scale: 1, bold: false, ...style };
    for (const line of wrapText(value, Math.floor(PAPER_COLUMNS[width] / s.scale))) {
      blocks.push({ kind: 'text', role, text: line, ...s });
    }
  };

  text('office', input.officeName[lang], { bold: true });
  text('service', input.serviceName[lang]);
  blocks.push({ kind: 'rule' });
  text('yourTicket', labels.yourTicket);
  text('number', input.number, { scale: NUMBER_SCALE[width], bold: true });
  const priority = input.priority?.[lang].trim();
  if (priority) text('priority', `* ${priority} *`, { bold: true });
  if (input.appointmentStart) {
    const time = formatIssuedAt(input.appointmentStart, input.timeZone).slice(-5);
    text('appointment', labels.appointment(time), { bold: true });
  }
  text('issuedAt', formatIssuedAt(input.issuedAt, input.timeZone));
  const wait = waitWording(input.peopleAhead, input.estimatedWaitMinutes, input.servingWindows);
  if (wait.kind === 'noWindow') {
    if (input.peopleAhead) text('peopleAhead', labels.peopleAhead(input.peopleAhead));
    text('wait', labels.noWindowYet, { bold: true });
  } else if (wait.kind === 'next') {
    text('peopleAhead', labels.youAreNext, { bold: true });
  } else {
    if (input.peopleAhead !== undefined) text('peopleAhead', labels.peopleAhead(input.peopleAhead));
    if (wait.kind === 'minutes') text('wait', labels.wait(wait.minutes));
  }
  blocks.push({ kind: 'rule' });
  blocks.push({ kind: 'qr', data: input.publicUrl });
  text('scanToFollow', labels.scanToFollow);
  const other = secondLanguage(lang);
  text(
    'secondLanguage',
    `${ticketLabels[other].ticket} ${input.number}: ${input.serviceName[other]}`,
  );
  return { width, language: lang, blocks };
}

/** The ticket's lines as plain text, for logs and the virtual printer's job list. */
export function layoutText(layout: TicketLayout): string[] {
  const columns = PAPER_COLUMNS[layout.width];
  return layout.blocks.map((block) => {
    switch (block.kind) {
      case 'text':
        return block.text;
      case 'rule':
        return '-'.repeat(columns);
      case 'qr':
        return `[QR ${block.data}]`;
    }
  });
}

/** `DD.MM.YYYY HH:MM` on the office's clock. */
export function formatIssuedAt(issuedAt: string, timeZone: string): string {
  const instant = new Date(issuedAt);
  if (Number.isNaN(instant.getTime())) throw new Error(`issuedAt is not a date: "${issuedAt}"`);
  const p = zonedParts(instant, timeZone);
  return `${pad(p.day)}.${pad(p.month)}.${p.year} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** Word-wraps to `columns` characters; a word longer than a line is cut. Never returns no line. */
export function wrapText(value: string, columns: number): string[] {
  const flat = value.replace(/\s+/g, ' ').trim();
  // Most lines fit: no fewer characters than UTF-16 units, so a short string needs no counting.
  if (flat.length <= columns) return [flat];
  const words = flat.split(' ');
  const lines: string[] = [];
  let line = '';
  for (let word of words) {
    while ([...word].length > columns) {
      if (line) {
        lines.push(line);
        line = '';
      }
      const chars = [...word];
      lines.push(chars.slice(0, columns).join(''));
      word = chars.slice(columns).join('');
    }
    if (!line) line = word;
    else if ([...line].length + 1 + [...word].length <= columns) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

interface TextStyle {
  align: Align;
  scale: TextScale;
  bold: boolean;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
