import { percentile, secondsStats } from './summary';
import { csvField } from './report-csv';

describe('report arithmetic', () => {
  it('interpolates percentiles between the closest ranks', () => {
    expect(percentile([10, 20], 0.5)).toBe(15);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9.1);
    expect(percentile([5], 0.9)).toBe(5);
    expect(percentile([30, 10, 20], 0.5)).toBe(20);
  });

  it('gives zeros for an empty set instead of NaN', () => {
    expect(secondsStats([])).toEqual({ avg: 0, p50: 0, p90: 0 });
    expect(secondsStats([1, 2])).toEqual({ avg: 1.5, p50: 1.5, p90: 1.9 });
  });

  it('quotes CSV fields that hold commas, quotes or line breaks', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(0.5)).toBe('0.5');
  });

  it('keeps a text a spreadsheet would run as a formula a text, and numbers numbers', () => {
    expect(csvField('=HYPERLINK("http://evil.example","Birth")')).toBe(
      '"\'=HYPERLINK(""http://evil.example"",""Birth"")"',
    );
    expect(['+1', '-2', '@SUM(A1)', '\tx'].map(csvField)).toEqual([
      "'+1",
      "'-2",
      "'@SUM(A1)",
      "'\tx",
    ]);
    expect(csvField(-3)).toBe('-3');
    expect(csvField('Бақайдгирии таваллуд')).toBe('Бақайдгирии таваллуд');
  });
});
