/**
 * A store's rate limit, in Chromium against the demo store: a 429 is waited out for as long as its
 * Retry-After says, visibly, and retried without the person doing anything. The banner is
 * photographed (.test-artifacts/screenshots/limits-rate-limit-banner.png) to be looked at.
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2e } from '../helpers/e2e-fixture.ts';
import { STORE_NAME, connectThroughConsent } from '../helpers/e2e-app.ts';
import { SCREENSHOT_DIR } from '../helpers/paths.ts';

let page: Page;

  // Two API requests per token every 2 s: the catalogue's first screen (metadata, pages and the
  // first products, all at once, then the next page and the category filter's list) is over the limit, and each wait is 1-2 s.
const e2e = useE2e({ app: { store: { rateLimit: { requests: 2, windowMs: 2000 } } } });

interface ApiAnswer {
  /** Milliseconds since the test started, when this test process heard of the response (for order only). */
  at: number;
  /**
   * The browser's own clock (epoch ms, Playwright's request timing): when it sent the request, and
   * when it had the answer's headers. The gap between a refusal and its retry is measured on these:
   * this process hears of a response late when the machine is busy, by 150 ms and more.
   */
  sentAt: number;
  answeredAt: number;
  status: number;
  /** Method, path and query: what identifies a retry of the same request. */
  request: string;
  retryAfter: number | null;
}

it('a 429 is waited out for Retry-After seconds with a banner saying so, then retried: the products arrive untouched', async () => {
  ({ page } = await e2e.open());
  const started = Date.now();
  const answers: ApiAnswer[] = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (!url.pathname.startsWith('/api/')) return;
    const retryAfter = response.headers()['retry-after'];
    const timing = response.request().timing();
    answers.push({
      at: Date.now() - started,
      sentAt: timing.startTime,
      answeredAt: timing.startTime + timing.responseStart,
      status: response.status(),
      request: `${response.request().method()} ${url.pathname}${url.search}`,
      retryAfter: retryAfter === undefined ? null : Number(retryAfter),
    });
  });
  await page.goto(e2e.env.app.url);
  await connectThroughConsent(page, STORE_NAME);

  // From here on the test only watches.
  const banner = page.getByRole('status').filter({ hasText: `${STORE_NAME} asked us to slow down.` });
  await banner.waitFor();
  expect(await banner.textContent()).toMatch(/^\s*Goodsie Demo Store asked us to slow down\. Retrying in [12] s \(attempt 1\)…\s*$/);
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'limits-rate-limit-banner.png') });
  expect(answers.some((a) => a.status === 429)).toBe(true);

  // The banner goes away on its own and the products are there.
  await expect.poll(() => banner.count()).toBe(0);
  const cards = page.locator('main ul > li article');
  await expect.poll(() => cards.count()).toBeGreaterThanOrEqual(24);
  await page.getByRole('status').filter({ hasText: /products$/ }).waitFor();
  const category = page.getByRole('combobox', { name: 'Category' });
  await expect.poll(() => category.locator('option').count()).toBeGreaterThan(3);

  // Every refused request was sent again, no sooner than Retry-After said, and then answered.
  await expect
    .poll(() => {
      const refused = answers.filter((a) => a.status === 429);
      return refused.every((r) => answers.some((a) => a.request === r.request && a.status === 200 && a.at > r.at));
    })
    .toBe(true);
  const refused = answers.filter((a) => a.status === 429);
  expect(refused.length).toBeGreaterThan(0);
  for (const r of refused) {
    expect(r.retryAfter).toBeGreaterThanOrEqual(1);
    expect(r.retryAfter).toBeLessThanOrEqual(2);
    const retried = answers.find((a) => a.request === r.request && a.at > r.at);
    expect(retried, r.request).toBeDefined();
    expect(r.answeredAt, 'the browser timed the refusal').toBeGreaterThanOrEqual(r.sentAt);
    expect(retried!.sentAt - r.answeredAt, r.request).toBeGreaterThanOrEqual(r.retryAfter! * 1000 - 150);
  }
  expect(answers.filter((a) => a.status !== 200 && a.status !== 429)).toEqual([]);
  expect(await page.getByText('The store is busy').count()).toBe(0);
  expect(await page.getByRole('alert').count()).toBe(0);
});

it('the banner stays up while any request is still waiting, even when others finish meanwhile', async () => {
  ({ page } = await e2e.open());
  // Every answer that got through reaches the page 800 ms late: the calls let through finish while
  // the refused ones are still waiting out their 1-2 s.
  await page.route(`${e2e.env.store.origin}/api/**`, async (route) => {
    const response = await route.fetch();
    if (response.status() === 200) await new Promise((resolve) => setTimeout(resolve, 800));
    await route.fulfill({ response });
  });
  const refused = new Set<string>();
  const finishedOk: string[] = [];
  let retrySent = false;
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (!url.pathname.startsWith('/api/')) return;
    if (response.status() === 429) refused.add(url.pathname + url.search);
  });
  page.on('requestfinished', (request) => {
    // The page may close before a late answer is read; that answer no longer matters.
    request.response().then(
      (response) => {
        if (response?.status() === 200 && request.url().includes('/api/')) finishedOk.push(request.url());
      },
      () => undefined,
    );
  });
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (refused.has(url.pathname + url.search)) retrySent = true;
  });
  await page.goto(e2e.env.app.url);
  await connectThroughConsent(page, STORE_NAME);

  const banner = page.getByRole('status').filter({ hasText: `${STORE_NAME} asked us to slow down.` });
  await banner.waitFor();
  // Until the first refused request goes out again, the banner never leaves (sampled every 50 ms).
  const samples: boolean[] = [];
  for (let i = 0; i < 100 && !retrySent; i++) {
    samples.push(await banner.isVisible());
    await page.waitForTimeout(50);
  }
  expect(retrySent).toBe(true);
  expect(finishedOk.length, 'calls finished while others waited').toBeGreaterThan(0);
  expect(samples.length).toBeGreaterThan(5);
  expect(samples.every(Boolean), 'the banner went away while a request was still waiting').toBe(true);

  await expect.poll(() => banner.count()).toBe(0);
  await expect.poll(() => page.locator('main ul > li article').count()).toBeGreaterThanOrEqual(24);
  // Requests still held back by the route must not outlive the page as unhandled errors.
  await page.unrouteAll({ behavior: 'ignoreErrors' });
});
