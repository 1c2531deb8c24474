import { describe, expect, it } from 'vitest';
import { cellPosition, columnsOf, gridWindow, indexAt } from '../../../src/lib/components/grid-window.ts';

// A grid of 6 columns whose rows are 310 px tall with a 16 px gap: a pitch of 326 px.
const LAYOUT = { columns: 6, rowPitch: 326 };

describe('gridWindow', () => {
  it('at the top: the rows in view and two more below, the rest as space below', () => {
    // 1,000 products = 167 rows; a 900 px viewport meets rows 0-2 (ceil(900 / 326) = 3).
    const w = gridWindow(1000, LAYOUT, 0, 900);
    expect(w).toEqual({ start: 0, end: (3 + 2) * 6, padTop: 0, padBottom: (167 - 5) * 326 });
  });

  it('in the middle: two rows above and below the viewport, and space for the others on both sides', () => {
    // Viewport 32,600..33,500 px: rows 100 (floor) to 103 (ceil, exclusive).
    const w = gridWindow(1000, LAYOUT, 32_600, 33_500);
    expect(w).toEqual({ start: 98 * 6, end: 105 * 6, padTop: 98 * 326, padBottom: (167 - 105) * 326 });
  });

  it('keeps the total height whatever the scroll: space above + rendered rows + space below = every row', () => {
    for (const top of [-500, 0, 1234, 20_000, 54_000, 60_000]) {
      const w = gridWindow(1000, LAYOUT, top, top + 900);
      const renderedRows = Math.ceil((w.end - w.start) / 6);
      expect(w.padTop + renderedRows * 326 + w.padBottom).toBe(167 * 326);
    }
  });

  it('at the end: the last, partly filled row is rendered and nothing is left below', () => {
    const w = gridWindow(1000, LAYOUT, 166 * 326, 166 * 326 + 900);
    expect(w.end).toBe(1000);
    expect(w.start).toBe(164 * 6);
    expect(w.padBottom).toBe(0);
  });

  it('a viewport above the grid (the header in view) renders the first rows only; one past the end renders none', () => {
    expect(gridWindow(1000, LAYOUT, -2000, -1100)).toMatchObject({ start: 0, end: 0, padTop: 0 });
    expect(gridWindow(1000, LAYOUT, -400, 500)).toMatchObject({ start: 0, end: 4 * 6 });
    expect(gridWindow(30, LAYOUT, 90_000, 90_900)).toEqual({ start: 30, end: 30, padTop: 5 * 326, padBottom: 0 });
  });

  it('renders everything when there is no layout to measure (no row height)', () => {
    expect(gridWindow(50, { columns: 1, rowPitch: 0 }, 0, 900)).toEqual({ start: 0, end: 50, padTop: 0, padBottom: 0 });
  });

  it('two columns at 360 px: the window is whole rows', () => {
    const w = gridWindow(200, { columns: 2, rowPitch: 300 }, 3000, 3740);
    // Rows 10-12 in view (3,000 / 300 = 10; 3,740 / 300 = 12.5), rows 8-14 rendered.
    expect(w).toEqual({ start: 16, end: 30, padTop: 2400, padBottom: (100 - 15) * 300 });
  });

  it('an empty list has no rows and no space', () => {
    expect(gridWindow(0, LAYOUT, 0, 900)).toEqual({ start: 0, end: 0, padTop: 0, padBottom: 0 });
  });
});

describe('columnsOf', () => {
  it('counts the tracks of a laid-out grid', () => {
    expect(columnsOf('176px 176px 176px 176.5px')).toBe(4);
    expect(columnsOf(' 160px  160px ')).toBe(2);
  });

  it('is 1 for a value that is not a list of lengths (no layout)', () => {
    expect(columnsOf('repeat(auto-fill, minmax(min(100%, 11rem), 1fr))')).toBe(1);
    expect(columnsOf('none')).toBe(1);
    expect(columnsOf('')).toBe(1);
  });
});

describe('cellPosition and indexAt', () => {
  it('places an item at its row and column', () => {
    expect(cellPosition(0, 6, 326, 192)).toEqual({ top: 0, left: 0 });
    expect(cellPosition(13, 6, 326, 192)).toEqual({ top: 2 * 326, left: 192 });
  });

  it('finds the first item of the row at an offset, and maps a place across column counts', () => {
    expect(indexAt(0, LAYOUT)).toBe(0);
    expect(indexAt(326 * 10 + 100, LAYOUT)).toBe(60);
    expect(indexAt(-50, LAYOUT)).toBe(0);
    expect(indexAt(500, { columns: 2, rowPitch: 0 })).toBe(0);
    // Item 60 on 2 columns is in row 30.
    expect(cellPosition(indexAt(326 * 10, LAYOUT), 2, 300, 170).top).toBe(30 * 300);
  });
});
