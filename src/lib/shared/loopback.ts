/**
 * Whether a browser treats `url`'s origin as potentially trustworthy (W3C Secure Contexts 3.1):
 * https, or plain http to a loopback host, where nothing crosses a network (a developer's own
 * machine; the demo and test stores on http://127.0.0.1). The one rule for a store's addresses in
 * config.json (its token travels to them), the widget's api-base, and every URL a store supplies
 * for a link or a picture (sanitize/safe-url.ts).
 *
 * Loopback hosts are localhost and `*.localhost`, 127.0.0.0/8 and [::1], read on the parsed URL's
 * scheme and host (never its text, its userinfo or its path): the parser has lower-cased the host
 * and written an IPv4 address as four decimal parts (`0x7f.1`, `2130706433` and `127.1` are
 * `127.0.0.1`; a host that starts `127.` and holds only digits and dots is one), so `127\.[\d.]+`
 * is 127.0.0.0/8. IPv4-mapped IPv6 (`[::ffff:7f00:1]`) is not ::1/128 and is not trusted, nor is
 * `localhost.` with its trailing dot; `blob:` and other schemes are not either.
 * @see https://w3c.github.io/webappsec-secure-contexts/#is-origin-trustworthy
 */
export const isTrustworthy = (url: URL): boolean => /^https:|^http:(127\.[\d.]+|\[::1]|(.+\.)?localhost)(:|$)/.test(url.protocol + url.host);
