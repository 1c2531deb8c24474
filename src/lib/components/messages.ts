import { AppError, isCodeUnavailable, type AppErrorCode } from '../oauth/errors.ts';
import { HttpError } from '../oauth/http-errors.ts';
import { browserOffline } from '../shared/offline.ts';
import { policyBlocked } from './policy-violations.svelte.ts';
import { newerVersion } from './reload-retry.svelte.ts';

export interface Explanation {
  title: string;
  detail: string;
}

/**
 * A store request that got no answer the page may read, on any platform (Goodsie's API_NETWORK_ERROR,
 * the others' NETWORK_OR_CORS): the browser does not tell a lost connection from a store that blocks
 * one address (CORS). The app itself loaded, so the likeliest cause is the store being down (its
 * server refusing the connection): said first, not only "check your connection".
 */
const NO_ANSWER_WORDS: Explanation = {
  title: 'The store could not be reached',
  detail: 'The store may be down for a moment, or the connection dropped: try again shortly. If the rest of the store loads, the store did not let this app read this answer (CORS).',
};

/**
 * The words for each error code: what happened and what the person can do. Never the error's own
 * message (which is for developers) and never anything from a URL or a token.
 */
const WORDS: Record<AppErrorCode, Explanation> = {
  CONFIG_MISSING: { title: 'No configuration found', detail: 'config.json could not be loaded next to this page.' },
  CONFIG_INVALID: { title: 'The configuration has a problem', detail: 'config.json could not be used as it is.' },
  CONFIG_REDIRECT_ELSEWHERE: {
    title: 'This store sends people back to another address',
    detail: 'Its redirectUri in config.json is not this page, so a sign-in could not finish here. Set it to this page’s address.',
  },
  APP_UNAVAILABLE: {
    title: 'Part of this app could not be loaded',
    detail: 'The connection may have dropped, or the site was updated meanwhile. Check your connection, then try again.',
  },
  OAUTH_STATE_MISSING: {
    title: 'That sign-in could not be checked',
    detail: 'The store sent you back without the check value we gave it, so nothing was connected. Please connect again.',
  },
  OAUTH_OTHER_TAB: {
    title: 'That sign-in was started in another tab',
    detail: 'Nothing was connected here. Finish connecting in the tab where you pressed Connect, or connect again from this one.',
  },
  OAUTH_STATE_MISMATCH: {
    title: 'That sign-in was not started here',
    detail: 'The answer did not match a sign-in started in this browser, so nothing was connected. Please connect again.',
  },
  OAUTH_STATE_EXPIRED: {
    title: 'That sign-in took too long',
    detail: 'Sign-ins must be finished within 10 minutes, so nothing was connected. Please connect again.',
  },
  OAUTH_STATE_REUSED: {
    title: 'That sign-in was already used',
    detail: 'Each sign-in answer can be used once, so nothing new was connected. Please connect again if you need to.',
  },
  OAUTH_STORE_UNLISTED: {
    title: 'That store is no longer offered here',
    detail: 'The sign-in came back for a store this site stopped offering while it was under way, so nothing was connected. Ask whoever runs this site if you expected it.',
  },
  OAUTH_ACCESS_DENIED: { title: 'Access declined', detail: 'You declined access, so nothing was connected.' },
  OAUTH_REDIRECT_ERROR: {
    title: 'The store refused the sign-in',
    detail: 'The store answered with an error, so nothing was connected. Please try again.',
  },
  OAUTH_INVALID_RESPONSE: {
    title: 'The store’s answer was not understood',
    detail: 'The sign-in answer was malformed, so nothing was connected. Please try again.',
  },
  OAUTH_UNSUPPORTED_TOKEN_TYPE: {
    title: 'The store sent an unsupported token',
    detail: 'Only bearer tokens are supported, so nothing was connected.',
  },
  OAUTH_TOKEN_REQUEST_FAILED: {
    title: 'The store would not issue a token',
    detail: 'The sign-in could not be completed, so nothing was connected. Please start again.',
  },
  OAUTH_NETWORK_ERROR: {
    title: 'The store could not be reached',
    detail:
      'A network problem, or the store not letting this app read its answer (CORS), stopped the sign-in, so nothing was connected. Try again; if it keeps happening, the store is not set up to answer this app’s address.',
  },
  OAUTH_OFFLINE: {
    title: 'This browser is offline',
    detail: 'This browser is offline, so the store’s sign-in page could not open. Connect again once you are back online.',
  },
  OAUTH_MIX_UP: {
    title: 'That sign-in answer came from the wrong place',
    detail: 'It did not come from the store the sign-in was started with, so nothing was connected. Please connect again.',
  },
  TOKEN_RENEWAL_UNAVAILABLE: {
    title: 'The store could not be reached',
    detail: 'Your connection is kept; we will try again shortly and as soon as you are back online.',
  },
  TOKEN_EXPIRED: { title: 'Your access has ended', detail: 'Reconnect to carry on where you were.' },
  TOKEN_MISSING: { title: 'Not connected', detail: 'Connect this store to see its catalogue.' },
  API_UNAUTHORIZED: { title: 'Your access has ended', detail: 'Reconnect to carry on where you were.' },
  API_INSUFFICIENT_SCOPE: {
    title: 'More access needed',
    detail: 'The store did not grant the access this needs.',
  },
  API_NOT_FOUND: { title: 'Not found', detail: 'The store has nothing at this address. It may have been removed.' },
  API_CONFLICT: {
    title: 'Changed elsewhere',
    detail: 'Someone changed this while you were editing.',
  },
  API_RATE_LIMITED: {
    title: 'The store is busy',
    detail: 'The store asked us to slow down. Please try again in a moment.',
  },
  API_BAD_REQUEST: { title: 'The store refused the request', detail: 'Please check what you entered and try again.' },
  API_SERVER_ERROR: { title: 'The store had a problem', detail: 'The store could not answer just now. Please try again.' },
  API_INVALID_RESPONSE: {
    title: 'The store’s answer was not understood',
    detail: 'The store sent something unexpected. Please try again later.',
  },
  API_NETWORK_ERROR: NO_ANSWER_WORDS,
  // The store screens name the store, and say a write as unsure (AccessError).
  API_TIMEOUT: { title: 'The store is taking too long to answer', detail: 'Please try again in a moment.' },
  API_NOT_SUPPORTED: { title: 'Not offered here', detail: 'This store’s platform does not offer this to apps.' },
  // API_NETWORK_ERROR's situation on the other platforms' transport (platforms.md 1.3): the same words.
  // Its message (the contract's) is for developers: "could not be reached" again, and no next step.
  NETWORK_OR_CORS: NO_ANSWER_WORDS,
  CREDENTIALS_INVALID: {
    title: 'Those credentials could not be read',
    detail: 'A value is missing or does not look right. Paste the whole block the store showed you and try again.',
  },
  CREDENTIALS_REJECTED: {
    title: 'The store no longer accepts these credentials',
    detail: 'They were revoked or are wrong. Create new ones in the store’s admin and paste them here.',
  },
  CREDENTIALS_WRONG_SCOPE: {
    title: 'These credentials are not for one store',
    detail: 'They give access to a user account, not to a store. Paste a store token instead.',
  },
  STORAGE_UNAVAILABLE: {
    title: 'This browser cannot keep your session',
    detail: 'Storage is unavailable (private mode or blocked), so you will need to reconnect after a reload.',
  },
  STORAGE_FULL: {
    title: 'This device is out of storage space',
    detail:
      'This device is out of storage space, so the sign-in could not be kept while the store’s page is open, and nothing was connected. Nothing else changed. Free up space on the device, or clear data that other websites keep in this browser, then connect again.',
  },
  STORAGE_NOT_PERSISTENT: {
    title: 'This store needs a browser that keeps its connection',
    detail:
      'This browser keeps nothing for this site (a private window, or storage blocked), and this store’s sign-in cannot simply be made again after a reload: its permission would first have to be removed in the store’s admin. Open this app in a normal window, or allow this site to store data, then connect.',
  },
  STORAGE_CORRUPT: {
    title: 'A saved session could not be read',
    detail: 'It was discarded. Please connect that store again.',
  },
};

/**
 * A request that got no answer at all, while the browser says it is offline: that, and not "the
 * store could not be reached" (or its CORS), is what the person can act on.
 */
const NO_ANSWER: ReadonlySet<AppErrorCode> = new Set<AppErrorCode>(['NETWORK_OR_CORS', 'API_NETWORK_ERROR', 'OAUTH_NETWORK_ERROR']);
const OFFLINE: Explanation = {
  title: 'This browser is offline',
  detail: 'Nothing could reach the store. Try again once you are back online.',
};
/** The same, where it is tried again by itself once the browser is back online (ErrorPanel's retryWhenOnline: a read). */
const OFFLINE_RETRIED: Explanation = {
  title: OFFLINE.title,
  detail: 'Nothing could reach the store. It is tried again by itself once the browser is back online.',
};

/**
 * The offline words of a failure whose retry is the person's to press (a save sends something),
 * once the browser is back online: "This browser is offline" stayed up while it was online.
 */
export const BACK_ONLINE: Explanation = {
  title: 'Back online',
  detail: 'Nothing reached the store while this browser was offline. Try again now.',
};

/** Whether `error` is said with the offline words (explain): no answer, or code not in, while offline. */
export function saidOffline(error: unknown): boolean {
  return browserOffline() && ((error instanceof AppError && NO_ANSWER.has(error.code)) || isCodeUnavailable(error));
}

/**
 * A part of the app whose code did not download while the browser says it is offline (a
 * platform's connector, first needed by its credentials form): the offline words, as PartUnavailable
 * says them, not "the site was updated meanwhile".
 */
const CODE_OFFLINE: Explanation = {
  title: 'This browser is offline',
  detail: 'Part of this app could not be loaded. Try again once you are back online.',
};
const CODE_OFFLINE_RETRIED: Explanation = {
  title: CODE_OFFLINE.title,
  detail: 'Part of this app could not be loaded. It is tried again by itself once the browser is back online.',
};

/** A part of the app whose code is gone because a newer version was deployed since the page loaded (new-version.ts). */
export const NEWER_VERSION_TITLE = 'A newer version of this app is out';
/** What a reload gets, and what it keeps: the sessions and product drafts in IndexedDB, not typed text; nothing where storage is the tab's memory. */
export function newerVersionDetail(persistent: boolean): string {
  return `This part of it needs the new one. Reload to get it: ${
    persistent
      ? 'your store connections and unsaved product edits are kept, other text typed on this page is not.'
      : 'this browser keeps nothing of this visit, so the reload signs you out of your stores and empties this page.'
  }`;
}

/**
 * The token endpoint answered with a failure of its own (5xx) while finishing a sign-in: the store's
 * trouble, not a refusal, and trying again may work (security case 15).
 */
const STORE_TROUBLE: Explanation = {
  title: 'The store could not finish the sign-in',
  detail: 'It had a problem on its side, so nothing was connected. Try again in a moment.',
};

/** A request the deployment's own Content-Security-Policy blocked (policy-violations.svelte.ts). */
const blockedByPolicy = (origins: readonly string[]): Explanation => ({
  title: 'This site is not set up to reach the store',
  detail: `Its security policy (Content-Security-Policy) does not allow ${origins.join(', ')}: whoever runs it should run “npm run csp” for the current config.json and deploy the headers it prints.`,
});

/**
 * `retriedWhenOnline`: what failed is tried again by itself once the browser is back online
 * (ErrorPanel), so the offline words say that, not "Try again".
 */
export function explain(error: unknown, retriedWhenOnline = false): Explanation {
  if (error instanceof HttpError && error.code === 'OAUTH_TOKEN_REQUEST_FAILED' && error.status >= 500) return STORE_TROUBLE;
  if (error instanceof AppError && NO_ANSWER.has(error.code)) {
    if (browserOffline()) return retriedWhenOnline ? OFFLINE_RETRIED : OFFLINE;
    const blocked = policyBlocked();
    if (blocked.length > 0) return blockedByPolicy(blocked);
  }
  if (isCodeUnavailable(error) && browserOffline()) return retriedWhenOnline ? CODE_OFFLINE_RETRIED : CODE_OFFLINE;
  if (error instanceof AppError) return WORDS[error.code];
  // A part of the app that did not download, wherever its import() was: said as such, with what to do.
  // Its code gone since a newer version was deployed (new-version.ts): said so.
  if (isCodeUnavailable(error)) return newerVersion[1] ? { title: NEWER_VERSION_TITLE, detail: newerVersion[1] } : WORDS.APP_UNAVAILABLE;
  return { title: 'Something went wrong', detail: 'Please try again.' };
}

export function errorCode(error: unknown): AppErrorCode | null {
  return error instanceof AppError ? error.code : null;
}
