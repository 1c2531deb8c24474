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

export function unwrapPasted(value: string): string {
  const bare = value.replace(AROUND, '');
  const pair = PAIRS.find(([open, close]) => bare.length > 2 && bare.startsWith(open) && bare.endsWith(close));
  return pair ? bare.slice(1, -1).replace(AROUND, '') : bare;
}
