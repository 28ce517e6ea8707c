// Finds and launches Chromium for the browser tests: CHROMIUM_PATH, else /usr/bin/chromium, else
// the Linux build shipped inside the @sparticuz/chromium npm package. Never skips: no browser is an error.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium as playwright, type BrowserContext, type Page } from 'playwright-core';

// Without these the browser tries to reach the network on start and hangs on an offline machine.
const QUIET_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

interface Executable {
  path: string;
  args: string[];
}

async function findChromium(): Promise<Executable> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, which does not exist`);
    return { path: fromEnv, args: [] };
  }
  if (existsSync('/usr/bin/chromium')) return { path: '/usr/bin/chromium', args: [] };
  try {
    const { default: sparticuz } = await import('@sparticuz/chromium');
    return { path: await sparticuz.executablePath(), args: sparticuz.args };
  } catch (error) {
    throw new Error(
      `No Chromium found for the browser tests: CHROMIUM_PATH is unset, /usr/bin/chromium does not exist, and the ` +
        `@sparticuz/chromium package could not provide one (${error instanceof Error ? error.message : String(error)}). ` +
        `Run npm ci, or set CHROMIUM_PATH.`,
      { cause: error },
    );
  }
}

export interface Browser {
  context: BrowserContext;
  close: () => Promise<void>;
}

/** A fresh persistent context (its own user data directory) with the given viewport. */
export async function launchBrowser(
  viewport: { width: number; height: number },
  options: { isMobile?: boolean } = {},
): Promise<Browser> {
  const chromium = await findChromium();
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'gongjian-chromium-'));
  const args = [...new Set([...chromium.args.filter((a) => !a.startsWith('--headless')), ...QUIET_ARGS])];
  const context = await playwright.launchPersistentContext(userDataDir, {
    executablePath: chromium.path,
    headless: true,
    args,
    viewport,
    isMobile: options.isMobile,
    hasTouch: options.isMobile,
    deviceScaleFactor: options.isMobile ? 2 : 1,
    acceptDownloads: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Saves a screenshot of a failed step where CI can pick it up, and says where. */
export async function screenshotFailure(page: Page, testName: string): Promise<void> {
  const dir = path.join(tmpdir(), 'gongjian-e2e-failures');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${testName.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60)}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.error(`screenshot of the failure: ${file}`);
}
