/** Real-fetch plumbing for the StoreHippo server's contract tests. */
export interface HippoResult {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions read wire fields freely
  json: any;
}

export interface CallOptions {
  key?: string;
  bearer?: string;
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  version?: '1' | '1.1';
}

/** `GET|PUT {origin}/api/{version}/entity/{entityPath}` with `access-key` and/or bearer. */
export async function hippo(origin: string, entityPath: string, options: CallOptions = {}): Promise<HippoResult> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.key !== undefined) headers['access-key'] = options.key;
  if (options.bearer !== undefined) headers.Authorization = `Bearer ${options.bearer}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${origin}/api/${options.version ?? '1.1'}/entity/${entityPath}`, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  const isJson = (response.headers.get('content-type') ?? '').includes('application/json');
  return { status: response.status, headers: response.headers, json: isJson ? JSON.parse(text) : undefined };
}

/** `filters` as one URL-encoded JSON string (the app's encoding). */
export function filtersParam(filters: unknown[]): string {
  return `filters=${encodeURIComponent(JSON.stringify(filters))}`;
}
