import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WORKER_POLICY } from '../../../src/lib/shared/trusted-types.ts';

/** A stand-in for the browser's Worker: records itself; the test decides whether it answers. */
class FakeWorker {
  static made: FakeWorker[] = [];
  onmessage: (() => void) | null = null;
  onerror: (() => void) | null = null;
  terminated = false;
  constructor(readonly url: string | { signed: string }) {
    FakeWorker.made.push(this);
  }
  terminate(): void {
    this.terminated = true;
  }
}

/** warm-format.ts afresh (it starts once per page), with Intl.NumberFormat counted. */
async function freshModule() {
  vi.resetModules();
  const Original = Intl.NumberFormat;
  const formats = vi.fn((...args: ConstructorParameters<typeof Intl.NumberFormat>) => new Original(...args));
  vi.stubGlobal('Intl', Object.create(Intl, { NumberFormat: { value: function (...args: ConstructorParameters<typeof Intl.NumberFormat>) { return formats(...args); } } }));
  const { warmPriceFormat } = await import('../../../src/lib/components/warm-format.ts');
  return { warmPriceFormat, formats };
}

describe('warmPriceFormat', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeWorker.made = [];
    // The page's global scope, as `self` names it in a browser (node has no `self`).
    vi.stubGlobal('self', globalThis);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it("has a worker make the first formatter, and makes the page's own in a task after the worker answered", async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const { warmPriceFormat, formats } = await freshModule();
    warmPriceFormat();
    expect(FakeWorker.made).toHaveLength(1);
    expect(new URL(FakeWorker.made[0]!.url as string, 'http://app.example').pathname).toMatch(/price-format\.worker\.ts$/);
    await vi.advanceTimersByTimeAsync(1000);
    expect(formats).not.toHaveBeenCalled();
    FakeWorker.made[0]!.onmessage!();
    expect(FakeWorker.made[0]!.terminated).toBe(true);
    expect(formats).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(0);
    expect(formats).toHaveBeenCalledTimes(1);
    expect(formats.mock.calls[0]![1]).toMatchObject({ style: 'currency' });
  });

  it('makes the formatter on the page all the same when the worker fails or never answers', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    let { warmPriceFormat, formats } = await freshModule();
    warmPriceFormat();
    FakeWorker.made[0]!.onerror!();
    await vi.advanceTimersByTimeAsync(0);
    expect(formats).toHaveBeenCalledTimes(1);

    ({ warmPriceFormat, formats } = await freshModule());
    warmPriceFormat();
    await vi.advanceTimersByTimeAsync(1400);
    expect(formats).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);
    expect(FakeWorker.made[1]!.terminated).toBe(true);
    expect(formats).toHaveBeenCalledTimes(1);
  });

  it('makes it on the page where there is no Worker, or the policy refuses one', async () => {
    vi.stubGlobal('Worker', function Refused() {
      throw new DOMException('Refused by the Content-Security-Policy', 'SecurityError');
    });
    const { warmPriceFormat, formats } = await freshModule();
    warmPriceFormat();
    expect(formats).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(0);
    expect(formats).toHaveBeenCalledTimes(1);
  });

  it('under Trusted Types, starts the worker from an address its own policy signed, a policy that signs nothing else', async () => {
    const policies: { name: string; createScriptURL: (url: string) => string }[] = [];
    vi.stubGlobal('trustedTypes', {
      createPolicy: (name: string, rules: { createScriptURL: (url: string) => string }) => {
        policies.push({ name, ...rules });
        return { createScriptURL: (url: string) => ({ signed: rules.createScriptURL(url) }) };
      },
    });
    vi.stubGlobal('Worker', FakeWorker);
    const { warmPriceFormat } = await freshModule();
    warmPriceFormat();
    expect(policies.map((policy) => policy.name)).toEqual([WORKER_POLICY]);
    const signed = (FakeWorker.made[0]!.url as { signed: string }).signed;
    expect(new URL(signed, 'http://app.example').pathname).toMatch(/price-format\.worker\.ts$/);
    // Asked for any other address, it still gives the worker's.
    expect(policies[0]!.createScriptURL('https://evil.example/x.js')).toBe(signed);
    expect(policies[0]!.createScriptURL('data:text/javascript,alert(1)')).toBe(signed);
  });

  it('starts once per page', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const { warmPriceFormat, formats } = await freshModule();
    warmPriceFormat();
    warmPriceFormat();
    expect(FakeWorker.made).toHaveLength(1);
    FakeWorker.made[0]!.onmessage!();
    await vi.advanceTimersByTimeAsync(2000);
    expect(formats).toHaveBeenCalledTimes(1);
  });
});
