/**
 * What the app accepts as an access or refresh token, from a token response or a widget
 * attribute: 1 to 16,384 visible ASCII characters, no spaces (anything else would break the
 * Authorization header it is sent in).
 */
export const TOKEN_SYNTAX = /^[\x21-\x7E]{1,16384}$/;
