import { formatTicketNumber } from './numbering';

describe('formatTicketNumber', () => {
  it('pads the sequence to three digits after the service prefix', () => {
    expect(formatTicketNumber('A', 7)).toBe('A007');
    expect(formatTicketNumber('A', 42)).toBe('A042');
    expect(formatTicketNumber('B', 999)).toBe('B999');
  });

  it('numbers the first ticket of the day 001', () => {
    expect(formatTicketNumber('A', 1)).toBe('A001');
  });

  it('lets the number grow past 999 instead of wrapping or truncating', () => {
    expect(formatTicketNumber('A', 1000)).toBe('A1000');
    expect(formatTicketNumber('A', 12345)).toBe('A12345');
  });

  it('keeps a multi-letter or empty prefix as given', () => {
    expect(formatTicketNumber('ZG', 5)).toBe('ZG005');
    expect(formatTicketNumber('', 5)).toBe('005');
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses the sequence %p, which no office day can produce',
    (sequence) => {
      expect(() => formatTicketNumber('A', sequence)).toThrow(RangeError);
      expect(() => formatTicketNumber('A', sequence)).toThrow('sequence must be ≥ 1');
    },
  );
});
