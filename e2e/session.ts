import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchBrowser, screenshotFailure, type Browser } from './browser';
import { startServer, type RunningServer } from './server';

export interface ServerWithPage {
  readonly server: RunningServer;
  readonly page: Page;
}

/**
 * For one spec file: the real server with demo data and one browser page at the given size; a
 * failing test leaves a screenshot; both are stopped when the file ends.
 */
export function serverWithPage(viewport: { width: number; height: number }, options: { isMobile?: boolean } = {}): ServerWithPage {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser(viewport, options);
    page = await browser.context.newPage();
    page.setDefaultTimeout(20_000);
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && page) await screenshotFailure(page, ctx.task.name);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error('the server is not started yet');
      return server;
    },
    get page() {
      if (!page) throw new Error('the browser is not started yet');
      return page;
    },
  };
}
