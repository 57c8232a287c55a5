/** The hall display's pages of services: which services each page shows, and how tall its rows are. */

/** One page of services: from which, how many, and each row's least height in px. */
export interface ServicePage {
  start: number;
  count: number;
  rows: number[];
}

/**
 * Splits services whose rows need `need` px each into pages of `columns` columns (filled column
 * after column, as the grid flows) that fit `height` px with `gap` px between rows: each page takes
 * as many services as fit, a row as tall as the tallest of its cells; a row taller than the whole
 * list gets a page of its own.
 */
export function paginate(
  need: readonly number[],
  columns: number,
  height: number,
  gap: number,
): ServicePage[] {
  const pages: ServicePage[] = [];
  const arrange = (start: number, rows: number, count: number): ServicePage => {
    const heights = new Array<number>(rows).fill(0);
    for (let i = 0; i < count; i++)
      heights[i % rows] = Math.max(heights[i % rows]!, need[start + i]!);
    return { start, count, rows: heights };
  };
  const total = (p: ServicePage) => p.rows.reduce((a, b) => a + b, 0) + gap * (p.rows.length - 1);
  for (let start = 0; start < need.length;) {
    const left = need.length - start;
    let rows = Math.ceil(left / columns);
    let page = arrange(start, rows, left);
    while (rows > 1 && total(page) > height) {
      rows--;
      page = arrange(start, rows, rows * columns);
    }
    pages.push(page);
    start += page.count;
  }
  // A short last page keeps the rows of the page before (one row does not fill the whole list),
  // where they fit.
  const [before, last] = pages.slice(-2);
  if (pages.length > 1 && before && last && last.rows.length < before.rows.length) {
    const padded = arrange(last.start, before.rows.length, last.count);
    if (total(padded) <= height) pages[pages.length - 1] = padded;
  }
  return pages;
}
