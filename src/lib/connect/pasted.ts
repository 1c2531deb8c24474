/**
 * A key or secret as pasted, without what copying it from a page, a chat or a settings file adds
 * around it: whitespace (and zero-width spaces), and one pair of quotes that wrap the whole value,
 * straight or typographic (`"…"`, `'…'`, `` `…` ``, `“…”`, `‘…’`, `«…»`), as a chat program or a
 * word processor writes them. Only for values that never hold a quote or a space of their own
 * (access key IDs, secret access keys, API keys, bearer tokens); never for a password, which may.
 */
const AROUND = /^[\s\u200B\u2060]+|[\s\u200B\u2060]+$/g;
const PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['"', '"'],
  ["'", "'"],
  ['`', '`'],
  ['“', '”'],
  ['„', '“'],
  ['‘', '’'],
  ['«', '»'],
];

function unwrap(value: string): string {
  const bare = value.replace(AROUND, '');
  const pair = PAIRS.find(([open, close]) => bare.length > 2 && bare.startsWith(open) && bare.endsWith(close));
  return pair ? bare.slice(1, -1).replace(AROUND, '') : bare;
}

/**
 * `labels`: what a copy may carry before the value, each taken off once, in order, when the value
 * starts with it and a separator (`:`, `=`, a tab or a space): the admin's line copied whole
 * (`Access key: …`), a header (`access-key: …`, `Authorization: Bearer …`), a table's row
 * (`Access key ID<TAB>…`). Its words match whatever spacing, case, `-` or `_` the copy has. Such a
 * paste was refused as "not a key" or sent as it was, and the store refused it.
 */
export function unwrapPasted(value: string, labels: readonly string[] = []): string {
  let bare = unwrap(value);
  for (const label of labels) {
    const words = label.split(/[\s_-]+/).map((word) => word.replace(/[^A-Za-z0-9]/g, '')).join('[\\s_-]*');
    const before = new RegExp(`^${words}\\s*[:=\\s]\\s*`, 'i').exec(bare)?.[0];
    if (before !== undefined && before.length < bare.length) bare = unwrap(bare.slice(before.length));
  }
  return bare;
}

/**
 * A row of the admin's table copied whole (`name<TAB>role<TAB>status<TAB>key`, or with spaces, as a
 * page's selection or a spreadsheet gives it): its one cell of the value's `shape`; where names,
 * roles or statuses are of that shape too, the one of them with a digit (a generated key has them,
 * a word does not). Anything else (one cell, no such cell, two alike) is `value` as it was, to be
 * refused by its shape as before. Such a row was refused as "not a key".
 */
export function cellOfRow(value: string, shape: RegExp): string {
  if (shape.test(value)) return value;
  const cells = value.split(/\s+/).map(unwrap).filter((cell) => shape.test(cell));
  const keys = cells.length === 1 ? cells : cells.filter((cell) => /\d/.test(cell));
  return keys.length === 1 ? keys[0]! : value;
}
