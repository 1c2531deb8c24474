/** The hosts a token may reach over plain http:// (a developer's own machine); https everywhere else. */
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);
