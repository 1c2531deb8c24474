/**
 * Addresses this page's Content-Security-Policy kept the app from reaching (connect-src) or from
 * showing pictures from (img-src), as the browser reports them (`securitypolicyviolation`). A deployment whose headers were made for an older
 * config.json blocks a store added since: the request fails like one the store's CORS refused, and
 * the words for it (messages.ts) should send whoever deployed the site to its headers, not the
 * person to the store. Reactive: the browser reports the violation a task after the request has
 * already failed, so words shown meanwhile change when it arrives. A description's picture from a
 * host img-src does not list is said as such in the editor's preview (SafeHtml).
 */
const blocked = $state<string[]>([]);

/** Starts listening (once, from App). */
export function watchPolicyViolations(target: Pick<Document, 'addEventListener'>): void {
  target.addEventListener('securitypolicyviolation', (event) => {
    const { effectiveDirective, blockedURI } = event as SecurityPolicyViolationEvent;
    // Only these two; a Trusted Types violation (the blockedURI trusted-types-sink or -policy) is no address.
    if (/^(connect|img)-src$/.test(effectiveDirective) && /^https?:/.test(blockedURI)) {
      const entry = `${effectiveDirective} ${new URL(blockedURI).origin}`;
      if (!blocked.includes(entry)) blocked.push(entry);
    }
  });
}

/** The origins `directive` blocked so far, in the order first seen. */
export function policyBlocked(directive: 'connect-src' | 'img-src' = 'connect-src'): string[] {
  return blocked.filter((entry) => entry.startsWith(`${directive} `)).map((entry) => entry.slice(directive.length + 1));
}
