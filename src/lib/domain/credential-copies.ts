/**
 * Whether a store's message holds a credential written another way than as itself: a store (or a
 * proxy before it) may echo the Authorization header or a request body HTML-escaped, JSON-escaped,
 * %-escaped byte by byte, in full-width letters, or base64'd or hex'd in groups. storeWords
 * (refusal.ts) shows none of such a message. Only the first READ_MAX characters of a message come
 * here, so every pass is short.
 */

/** Letters and digits only, lower case, %XX escapes left out: a copy however split, cased or escaped. */
export const squash = (text: string): string => text.replace(/%[0-9a-f]{2}/gi, '').toLowerCase().replace(/[^a-z0-9]/g, '');

const fromCode = (code: number): string | undefined => (code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined);

/**
 * `text` with its escapes read: HTML character references (&#N; &#xH;, the semicolon optional),
 * \uXXXX, \u{…} and \xHH, %XX (byte by byte), then NFKC (full-width letters read as ASCII).
 */
export function unescaped(text: string): string {
  return text
    .replace(/&#x([0-9a-f]{1,6});?|&#([0-9]{1,7});?/gi, (all, hex?: string, dec?: string) => fromCode(hex ? parseInt(hex, 16) : Number(dec)) ?? all)
    .replace(/\\u\{([0-9a-f]{1,6})\}|\\u([0-9a-f]{4})|\\x([0-9a-f]{2})/gi, (all, a?: string, b?: string, c?: string) => fromCode(parseInt(a ?? b ?? c ?? '', 16)) ?? all)
    .replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .normalize('NFKC');
}

/** Base64 (either alphabet) read from each of the four places a group may start; what fails to read gives nothing. */
function fromBase64(run: string): string[] {
  const standard = run.replace(/-/g, '+').replace(/_/g, '/');
  const read: string[] = [];
  for (let start = 0; start < 4; start++) {
    const part = standard.slice(start);
    const whole = part.length % 4 === 1 ? part.slice(0, -1) : part + '='.repeat((4 - (part.length % 4)) % 4);
    try {
      read.push(atob(whole));
    } catch {
      // not base64 from here
    }
  }
  return read;
}

/** Hex read from both places a byte may start. */
const fromHex = (run: string): string[] => [0, 1].map((start) => run.slice(start).replace(/[0-9a-f]{2}/g, (pair) => String.fromCharCode(parseInt(pair, 16))));

/** What `text` says once read as base64 or hex, spaces between its groups left out. */
function decodedRuns(text: string): string[] {
  const compact = text.replace(/\s+/g, '');
  return [
    ...[...compact.matchAll(/[A-Za-z0-9+/_-]{16,}/g)].flatMap(([run]) => fromBase64(run)),
    ...[...squash(compact).matchAll(/[0-9a-f]{24,}/g)].flatMap(([run]) => fromHex(run)),
  ];
}

/**
 * Whether `text` holds a copy of any of `secrets` (12 letters and digits at least), as written or
 * in any of the ways above. A copy read from base64 may lose its last characters to the padding
 * the message left out: all but its last three are enough there.
 */
export function holdsCopy(text: string, secrets: readonly string[]): boolean {
  const keys = secrets.map(squash).filter((key) => key.length >= 12);
  if (keys.length === 0) return false;
  const plain = unescaped(text);
  const views = [text, plain, ...decodedRuns(plain)].map(squash);
  return keys.some((key) => views.some((view, i) => view.includes(i < 2 ? key : key.slice(0, -3))));
}

/** Whether `text`, its escapes read, spells a run `isCredential` takes for one that the text as written does not show. */
export function hidesCredential(text: string, runs: RegExp, isCredential: (run: string) => boolean): boolean {
  const plain = unescaped(text);
  if (plain === text) return false;
  return [...plain.matchAll(runs)].some(([run]) => isCredential(run) && !text.includes(run));
}
