/**
 * Windowing for a grid of equal rows: which items to render for a viewport, and the space the
 * others take, so that a list of thousands keeps a few dozen cards in the DOM with the right total
 * height. Pure arithmetic, no DOM: the grid component measures, this decides.
 */

/** How the grid is laid out, as measured in the page. */
export interface GridLayout {
  columns: number;
  /** A row's height plus the gap below it (px). */
  rowPitch: number;
}

/** The items to render, [start, end), and the space above and below them (px). */
export interface GridWindow {
  start: number;
  end: number;
  padTop: number;
  padBottom: number;
}

/**
 * The rows that meet the viewport `[viewTop, viewBottom)` (px from the grid's top edge, either may
 * be negative or past the end), widened by `overscan` rows on each side.
 */
export function gridWindow(count: number, layout: GridLayout, viewTop: number, viewBottom: number, overscan = 2): GridWindow {
  const columns = Math.max(1, Math.floor(layout.columns));
  const rows = Math.ceil(Math.max(0, count) / columns);
  if (!(layout.rowPitch > 0)) return { start: 0, end: Math.max(0, count), padTop: 0, padBottom: 0 };
  const clampRow = (row: number) => Math.min(rows, Math.max(0, row));
  const firstRow = clampRow(Math.floor(viewTop / layout.rowPitch) - overscan);
  const lastRow = Math.max(firstRow, clampRow(Math.ceil(viewBottom / layout.rowPitch) + overscan));
  return {
    start: firstRow * columns,
    end: Math.min(count, lastRow * columns),
    padTop: firstRow * layout.rowPitch,
    padBottom: (rows - lastRow) * layout.rowPitch,
  };
}

/**
 * The number of columns from a grid's computed `grid-template-columns` ("176px 176px 176px" once
 * laid out); 1 when it is not a list of lengths (no layout, as in a test DOM).
 */
export function columnsOf(templateColumns: string): number {
  const tracks = templateColumns.trim().split(/\s+/);
  return tracks.every((t) => /^\d+(\.\d+)?px$/.test(t)) ? tracks.length : 1;
}

/**
 * Where item `index` sits (px from the grid's top-left), for placing one item outside the window
 * (a focused card the person scrolled away from) without disturbing the others.
 */
export function cellPosition(index: number, columns: number, rowPitch: number, columnPitch: number): { top: number; left: number } {
  const perRow = Math.max(1, Math.floor(columns));
  return { top: Math.floor(index / perRow) * rowPitch, left: (index % perRow) * columnPitch };
}

/** The first item of the row at `offset` px from the grid's top (to keep a place across layouts). */
export function indexAt(offset: number, layout: GridLayout): number {
  if (!(layout.rowPitch > 0)) return 0;
  return Math.max(0, Math.floor(offset / layout.rowPitch)) * Math.max(1, Math.floor(layout.columns));
}
