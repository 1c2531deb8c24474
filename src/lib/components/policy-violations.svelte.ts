/**
 * Addresses this page's Content-Security-Policy kept the app from reaching (connect-src), as the
 * browser reports them (`securitypolicyviolation`). A deployment whose headers were made for an older
 * config.json blocks a store added since: the request fails like one the store's CORS refused, and
 * the words for it (messages.ts) should send whoever deployed the site to its headers, not the
 * person to the store. Reactive: the browser reports the violation a task after the request has
 * already failed, so words shown meanwhile change when it arrives.
 */
const blocked = $state<string[]>([]);

/** Starts listening (once, from App). */
export function watchPolicyViolations(target: Pick<Document, 'addEventListener'>): void {
  target.addEventListener('securitypolicyviolation', (event) => {
    const { effectiveDirective, blockedURI } = event as SecurityPolicyViolationEvent;
    if (effectiveDirective !== 'connect-src' || !/^https?:/.test(blockedURI)) return;
    const origin = new URL(blockedURI).origin;
    if (!blocked.includes(origin)) blocked.push(origin);
  });
}

/** The origins blocked so far, in the order first seen. */
export function policyBlocked(): readonly string[] {
  return blocked;
}
