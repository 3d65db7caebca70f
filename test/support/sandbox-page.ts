import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchChromium } from './browser.ts';
import type { InProcessSandbox } from './in-process-sandbox.ts';
import { startTestSandbox } from './sandbox.ts';

/** One Chromium for a test file, launched before its tests and closed after them. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser is not started yet');
    return browser;
  };
}

/**
 * The sandbox page in Chromium: each `openAs` starts a fresh sandbox and opens its page as one of
 * its people; both are closed after each test.
 */
export function useSandboxPages() {
  const browser = useBrowser();
  let current: { page: Page; box: InProcessSandbox } | undefined;
  afterEach(async () => {
    await current?.page.context().close();
    await current?.box.stop();
    current = undefined;
  });
  return {
    browser,
    async openAs(userId: string, options: { beforeLoad?: (page: Page) => void } = {}) {
      const box = await startTestSandbox();
      const page = await browser().newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
      current = { page, box };
      options.beforeLoad?.(page);
      await page.goto(box.url);
      await page.locator(`#view-as option[value="${userId}"]`).waitFor({ state: 'attached' });
      await page.locator('#view-as').selectOption(userId);
      // The person's own DM in the sidebar says the page now shows their workspace.
      await page.locator(`button[data-channel="D${userId.slice(1)}"]`).waitFor();
      return { page, box };
    },
  };
}
