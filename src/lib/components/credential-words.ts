/**
 * What a failed credentials form says. The connectors word the failures of their own token
 * request for people (platforms.md x.2 tables: which value was refused, how long a throttle lasts,
 * never a value that was sent), so for those codes their message is shown; for anything else the
 * generic words of messages.ts, never a developer message.
 */
import { AppError, type AppErrorCode } from '../oauth/errors.ts';
import { HttpError } from '../oauth/http-errors.ts';
import { isolateDirection } from '../shared/direction.ts';
import { NEWER_VERSION_TITLE, explain, type Explanation } from './messages.ts';
import { newerVersion } from './reload-retry.svelte.ts';
import { policyBlocked } from './policy-violations.svelte.ts';

/** Codes whose message a connector writes for people. */
const CONNECTOR_WORDED: ReadonlySet<AppErrorCode> = new Set<AppErrorCode>([
  'CREDENTIALS_INVALID',
  'CREDENTIALS_REJECTED',
  'CREDENTIALS_WRONG_SCOPE',
  'OAUTH_INVALID_RESPONSE',
  'TOKEN_EXPIRED',
]);

/** `credential`: what the form asked for, in a sentence ("access key ID and secret"; ConnectionModeInfo.credentialName). */
export function credentialFailureWords(error: unknown, platform: string, credential?: string): Explanation {
  const base = explain(error);
  if (!(error instanceof AppError)) return base;
  if (error.code === 'API_RATE_LIMITED') {
    const seconds = error instanceof HttpError ? error.retryAfter : undefined;
    return {
      title: `${platform} is slowing down sign-in attempts`,
      detail: `Wait ${seconds === undefined ? 'a few seconds' : seconds === 1 ? 'a second' : `${seconds} seconds`} and try again; what you entered is kept, and this happens even with correct credentials.`,
    };
  }
  // Said once: the heading names what was refused, the connector's words only why.
  if (error.code === 'CREDENTIALS_REJECTED') return { title: `${platform} did not accept ${credential ? `this ${credential}` : 'these credentials'}`, detail: error.message };
  if (CONNECTOR_WORDED.has(error.code) && error.message !== error.code) return { title: base.title, detail: error.message };
  if (credentialUnjudged(error)) {
    // (nothing else of the store was loaded to compare with: the words of a sign-in that got no answer)
    // (a request this site's own security policy blocked: its words, which send whoever runs it to the headers, not the store's CORS)
    const tried = error.code === 'API_SERVER_ERROR' || error.code === 'API_TIMEOUT' || policyBlocked().length > 0 ? base.detail : 'The store may be down for a moment, or the connection dropped: try again shortly; if it keeps happening, the store is not set up to answer this app’s address (CORS).';
    return { title: base.title, detail: `Nothing was connected, and what you entered is kept. ${tried}` };
  }
  return base;
}

/**
 * A send made while the browser was offline (CredentialsForm): nothing left it, the fields keep
 * what was entered, and the form sends it by itself once the browser is back online, unless a field
 * changed meanwhile; then the person presses the button (`button`: its label) as before.
 */
export function credentialOfflineWords(button: string): Explanation {
  return {
    title: 'This browser is offline',
    detail: `Nothing reached the store, and what you entered is kept: it is sent by itself once the browser is back online. If you change it meanwhile, press ${button} once you are back online.`,
  };
}

/**
 * A send whose code did not download while the browser is online (CredentialsForm): the site was
 * replaced since the page loaded (or the connection dropped), and this tab will not fetch that code
 * again. Nothing reached the store and the fields keep what was entered; the reload that brings
 * the site's current version empties them, which is said before it is done. Once the host's
 * index.html names a newer version (new-version.ts: reload-retry.svelte.ts `newerVersion`), said
 * plainly, and read again as that changes (the form shows Reload beside it).
 */
export function credentialCodeUnavailableWords(): Explanation {
  return newerVersion[0]
    ? {
        title: NEWER_VERSION_TITLE,
        detail: 'This form needs the new one, so nothing was sent to the store. Reload the page to get it, then connect again; the reload empties this form, so keep what you entered at hand.',
      }
    : {
        title: 'Part of this app could not be loaded',
        detail: 'The site was probably updated since this page opened, so nothing was sent to the store. Reload the page to get its current version, then connect again; the reload empties this form, so keep what you entered at hand.',
      };
}

/**
 * Codes where the store never judged what was sent: no answer the page may read (the connection, or
 * the store's CORS), the store's own fault (5xx), or a throttle (429: the store turned the attempt
 * away before looking at it, and its words say to wait and try again). What was entered is given
 * back (CredentialsForm), as offline: a secret shown once (Shopware's integration secret, Foxy's Get
 * Token bundle) would otherwise be lost to the store's trouble, under words that say to try again.
 */
const UNJUDGED: ReadonlySet<AppErrorCode> = new Set<AppErrorCode>(['NETWORK_OR_CORS', 'API_NETWORK_ERROR', 'API_TIMEOUT', 'API_SERVER_ERROR', 'API_RATE_LIMITED']);

/** The store did not look at the credential (above): the form gives it back and says so. */
export function credentialUnjudged(error: unknown): boolean {
  return error instanceof AppError && UNJUDGED.has(error.code);
}

/**
 * A paste this browser's own check refused before anything was sent (a connector's shape check: an
 * access key ID that does not start with SWIA, a Get Token bundle without its client_secret), never
 * a store's answer (those are HttpErrors). Nothing left the browser, so what was entered is given
 * back (CredentialsForm): a secret shown once at the store (Shopware's integration secret, Foxy's
 * bundle) was emptied under a fault of the other field, and had to be created anew.
 */
export function credentialCheckedHere(error: unknown): boolean {
  return error instanceof AppError && error.code === 'CREDENTIALS_INVALID' && !(error instanceof HttpError);
}

/** Codes that say the store refused what was typed or pasted (not a throttle, an outage, the network). */
const REFUSALS: ReadonlySet<AppErrorCode> = new Set<AppErrorCode>(['CREDENTIALS_INVALID', 'CREDENTIALS_REJECTED', 'CREDENTIALS_WRONG_SCOPE']);

/** The failure is the credential's: its fields are marked invalid (a throttle or an outage is no fault of theirs). */
export function credentialRefused(error: unknown): boolean {
  return error instanceof AppError && REFUSALS.has(error.code);
}

/**
 * The reconnect banner's sentence where a store stopped taking a pasted credential during this visit,
 * in the words of the mode it was connected with (as providers/ended-words.ts says it after a reload):
 * a key or token is saved in this browser, a sign-in's password never is (only the session it opened),
 * so a sign-in is not "the saved credentials". What is kept is the person's place and edits, not what
 * the store stopped taking: the form beside these words is empty (not "nothing you typed is lost").
 */
export function endedHereWords(storeName: string, mode: { shortName?: string; credentialName?: string } | undefined): string {
  if (mode?.shortName === 'sign-in') {
    return `${isolateDirection(storeName)} ended this app’s sign-in (it ran out, or the password or the user’s rights changed); the password was never kept here. Enter the ${mode.credentialName ?? 'sign-in'} again to carry on right here; this page and anything you were editing are kept.`;
  }
  // What is known is that the store refused it, not why: a StoreHippo key, a Shopware integration's
  // key, a Foxy client do not run out with time (platforms.md 2.2, 4.1, 5.1), they are disabled or
  // deleted at the store. So not "expired": what happened, the likely why, and what to do.
  const what = mode?.shortName;
  if (!what) return `${isolateDirection(storeName)} no longer accepts the saved credentials. Enter ones the store accepts to carry on right here; this page and anything you were editing are kept.`;
  return `${isolateDirection(storeName)} no longer accepts the saved ${what}: it may have been disabled or deleted at the store. Paste a ${what} the store accepts to carry on right here; this page and anything you were editing are kept.`;
}
