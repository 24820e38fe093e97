import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { type RunningServer, startServer } from '../test/server-process';

export const ARTIFACTS = path.resolve(import.meta.dirname, '../.artifacts/screenshots');

export interface E2E {
  server: RunningServer;
  browser: Browser;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * A fresh server on its own embedded database with demo data, and Debian's Chromium (no browser download).
 * Playwright starts Chromium with a fresh temporary profile of its own (it refuses a --user-data-dir argument).
 */
export async function startE2E(): Promise<E2E> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shegong-e2e-data-'));
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const server = await startServer({ DATA_DIR: dataDir });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    server,
    browser,
    dataDir,
    async close() {
      await browser.close();
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function newContext(
  e2e: E2E,
  options: { width?: number; height?: number; locale?: string } = {},
): Promise<BrowserContext> {
  return e2e.browser.newContext({
    baseURL: e2e.server.url,
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    locale: options.locale ?? 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
}

export async function signIn(page: Page, username: string, password: string) {
  await page.goto('/console/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Signs in and waits for the console to show the user. */
export async function signedIn(page: Page, username: string, password: string) {
  await signIn(page, username, password);
  await page.getByTestId('current-user').waitFor();
}

/** A call through the browser's own session (with its CSRF token). */
export function callApi<T>(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: T }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = await (await fetch('/api/auth/me')).json();
      const res = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, json: await res.json() };
    },
    { method, path, body },
  );
}

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/**
 * Runs axe-core (WCAG 2.1 A/AA rules) in the page and returns the violations. The page is checked at rest: the
 * pointer is moved off the last clicked control and running transitions (a button fading back from its hover or
 * loading colour) are let finish, so that axe judges the colours a user actually sees.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.mouse.move(0, 0);
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), undefined, {
    timeout: 5_000,
  });
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
}

export function screenshotPath(name: string) {
  return path.join(ARTIFACTS, `${name}.png`);
}
