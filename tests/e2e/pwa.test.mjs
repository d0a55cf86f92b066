// End to end: the app as an installable, offline-capable PWA that updates cleanly.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM, FLAGS, launch } from "./browser.mjs";
import { serve } from "./server.mjs";
import { open } from "./app.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

test("Chromium finds the app installable", async () => {
  // Installability needs a real (not incognito) profile.
  const server = await serve(0);
  const profile = mkdtempSync(join(tmpdir(), "clientele-profile-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS });
  try {
    const base = `http://127.0.0.1:${server.address().port}`;
    const page = await context.newPage();
    await open(page, base);
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    assert.deepEqual(installabilityErrors, []);
    const manifest = await cdp.send("Page.getAppManifest");
    assert.deepEqual(manifest.errors, []);
  } finally {
    await context.close();
    server.close();
  }
});

test("a new deployment is picked up, and the old version's files are dropped", async () => {
  // Deploy a copy of dist/, then a "new version" whose JS has another hashed name.
  const root = mkdtempSync(join(tmpdir(), "clientele-deploy-"));
  cpSync(new URL("../../dist/", import.meta.url).pathname, root, { recursive: true });
  const server = await serve(0, root);
  const context = await browser.newContext();
  try {
    const base = `http://127.0.0.1:${server.address().port}`;
    const page = await context.newPage();
    await open(page, base);
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    await page.reload();
    const cachedBefore = await page.evaluate(async () => (await (await caches.open("clientele-v1")).keys()).map((r) => new URL(r.url).pathname));
    const oldJs = readdirSync(root).find((f) => /^clientele-.*\.js$/.test(f));
    assert.ok(cachedBefore.includes("/" + oldJs), "the running version is cached");

    const newJs = oldJs.replace(/-([0-9a-f]+)\.js$/, "-0000000000000001.js");
    renameSync(join(root, oldJs), join(root, newJs));
    const html = readFileSync(join(root, "index.html"), "utf8").replaceAll(oldJs, newJs).replace(/ integrity="[^"]*"/g, "");
    writeFileSync(join(root, "index.html"), html.replace("<title>Clientele</title>", "<title>Clientele (v2)</title>"));

    await page.reload();
    await page.waitForFunction(() => document.title === "Clientele (v2)");
    await open(page, base);
    // The service worker refreshes its cache after serving the new page.
    await page.waitForFunction(async ([oldJs, newJs]) => {
      const keys = (await (await caches.open("clientele-v1")).keys()).map((r) => new URL(r.url).pathname);
      return keys.includes("/" + newJs) && !keys.includes("/" + oldJs);
    }, [oldJs, newJs], { timeout: 10000 });
  } finally {
    await context.close();
    server.close();
  }
});
