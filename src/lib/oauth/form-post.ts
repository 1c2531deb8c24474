/**
 * The fetch options of every form POST to an authorization server (token, revocation): a
 * form-urlencoded body, JSON asked for, no cookies, no Referer, nothing cached, and no redirect
 * followed (a 307/308 would send the same body, code or refresh token, to wherever Location says).
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.3
 */
export interface FormPostInit {
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  credentials: 'omit';
  referrerPolicy: 'no-referrer';
  cache: 'no-store';
  redirect: 'error';
}

export function formPostInit(body: URLSearchParams): FormPostInit {
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: body.toString(),
    credentials: 'omit',
    referrerPolicy: 'no-referrer',
    cache: 'no-store',
    redirect: 'error',
  };
}
