/** The display's pages of services (display/src/service-pages.ts): rows as tall as their names. */
import { paginate } from '../display/src/service-pages';

describe('the pages of services on the hall display', () => {
  it('puts every service on one page when they fit, each row as tall as it needs', () => {
    expect(paginate([40, 40, 90, 40], 1, 240, 10)).toEqual([
      { start: 0, count: 4, rows: [40, 40, 90, 40] },
    ]);
  });

  it('lets one long name make its own row taller, not every row (ten services, one long)', () => {
    // 100 px the list: rows of 20 px with 5 px gaps, and one of 60 px.
    const need = [20, 20, 20, 20, 20, 20, 20, 20, 20, 60];
    const pages = paginate(need, 1, 100, 5);
    // Rows alike at the tallest (60 px) would take ten pages of one; here four, then the rest.
    expect(pages).toEqual([
      { start: 0, count: 4, rows: [20, 20, 20, 20] },
      { start: 4, count: 4, rows: [20, 20, 20, 20] },
      // The last page keeps the four rows of the others (its two names do not fill the list).
      { start: 8, count: 2, rows: [20, 60, 0, 0] },
    ]);
  });

  it('fills two columns one after the other, a row as tall as the taller of its two cells', () => {
    // Column-major: the first column takes 0–2, the second 3–5.
    expect(paginate([10, 10, 10, 30, 10, 10], 2, 100, 0)).toEqual([
      { start: 0, count: 6, rows: [30, 10, 10] },
    ]);
    // Too tall for three rows: two a page.
    expect(paginate([30, 30, 30, 30, 30, 30], 2, 70, 5)).toEqual([
      { start: 0, count: 4, rows: [30, 30] },
      { start: 4, count: 2, rows: [30, 30] },
    ]);
  });

  it('gives a row taller than the whole list a page of its own, and never loses a service', () => {
    const pages = paginate([20, 500, 20], 1, 100, 5);
    expect(pages).toEqual([
      { start: 0, count: 1, rows: [20] },
      { start: 1, count: 1, rows: [500] },
      { start: 2, count: 1, rows: [20] },
    ]);
    // A last page whose names need more than the rows of the page before keeps its own.
    expect(paginate([20, 20, 20, 20, 90], 1, 100, 5).at(-1)).toEqual({
      start: 4,
      count: 1,
      rows: [90],
    });
    expect(paginate([], 1, 100, 5)).toEqual([]);
  });
});
