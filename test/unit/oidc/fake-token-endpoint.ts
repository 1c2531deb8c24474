/** A fake fetch that only knows one token endpoint; anything else is recorded as unexpected. */
export interface TokenCall {
  url: string;
  method: string;
  form: URLSearchParams;
  headers: Headers;
}

export function fakeTokenEndpoint(tokenEndpoint: string, answer: (form: URLSearchParams, call: number) => Response | Promise<Response>) {
  const calls: TokenCall[] = [];
  const unexpected: string[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    if (request.url !== tokenEndpoint || request.method !== 'POST') {
      unexpected.push(`${request.method} ${request.url}`);
      throw new Error(`unexpected request ${request.method} ${request.url}`);
    }
    const form = new URLSearchParams(await request.text());
    calls.push({ url: request.url, method: request.method, form, headers: request.headers });
    return answer(form, calls.length);
  };
  return { fetch: fetchFn, calls, unexpected };
}

export const jsonResponse = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
