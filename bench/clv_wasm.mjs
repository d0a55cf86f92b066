// The lifetime-value fit in WASM, in the built app (dist/) in headless Chromium, on
// the CDNOW orders bench/clv.sh prepares, driven as a user would: main currency US
// dollars in Settings, the orders file imported on the Import page, then on the
// Dashboard's model check the calibration end and the check's end typed in. Reads the
// app's own measure of the fit (performance measure "clientele:model-fit": BG/NBD +
// Gamma-Gamma, summaries excluded) and the parameters the page shows.
//
// On these machines the same build fits in about 17 ms in one Chromium and 50-60 ms
// in the next (native runs do not vary so), so the fit is timed in LAUNCHES browsers
// (3 unless set in the environment), RUNS times in each, on one profile: the first
// launch imports, the next ones read the stored data.
// Prints one JSON object. Usage: node bench/clv_wasm.mjs ORDERS.csv CAL_END HOLDOUT_END [RUNS]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM, FLAGS } from "../tests/e2e/browser.mjs";
import { serve } from "../tests/e2e/server.mjs";

const [path, calEnd, holdoutEnd, runsArg] = process.argv.slice(2);
const RUNS = Number(runsArg || 5);
const LAUNCHES = Number(process.env.LAUNCHES || 3);
if (!path || !calEnd || !holdoutEnd) {
  console.error("usage: node bench/clv_wasm.mjs ORDERS.csv CAL_END HOLDOUT_END [RUNS]");
  process.exit(2);
}

const server = await serve(0);
const base = `http://127.0.0.1:${server.address().port}`;
const profile = mkdtempSync(join(tmpdir(), "clientele-clv-"));
const errors = [];
const ready = (page, name) => page.waitForFunction((n) => performance.getEntriesByName(n).length > 0, name, { timeout: 600000 });

async function importOrders(page) {
  await page.goto(base + "/settings");
  await ready(page, "clientele:facts-loaded");
  await page.getByLabel("Currency").selectOption("USD");
  await page.getByRole("link", { name: "Import" }).click();
  await page.getByLabel(/Choose a CSV file/).setInputFiles(path);
  await page.getByText(new RegExp(`^${basename(path).replace(".", "\\.")}: 4 columns`)).waitFor({ timeout: 60000 });
  await page.getByRole("button", { name: "Check the file" }).click();
  const importButton = page.getByRole("button", { name: /^Import [0-9,]+ records$/ });
  await importButton.waitFor({ timeout: 600000 });
  await importButton.click();
  await page.getByText(/: [0-9,]+ new, 0 updated\.$/).waitFor({ timeout: 600000 });
  await page.getByRole("link", { name: "Dashboard" }).click();
}

/// Sets a date field and waits for the model check it starts; returns the fit's time.
async function check(page, label, value) {
  await page.evaluate(() => performance.clearMeasures("clientele:model-check"));
  await page.getByLabel(label).fill(value);
  await page.getByLabel(label).dispatchEvent("change");
  await ready(page, "clientele:model-check");
  return page.evaluate(() => performance.getEntriesByName("clientele:model-fit").at(-1).duration);
}

const fits = [];
let shown, summary;
for (let l = 0; l < LAUNCHES; l++) {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1280, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (e) => { errors.push(String(e)); console.error("page error:", String(e)); });
  if (l === 0) await importOrders(page);
  else await page.goto(base + "/dashboard");
  await ready(page, "clientele:dashboard-ready");
  // The calibration end first (its check is not timed: the period after it runs to
  // today until the next step).
  if ((await page.getByLabel("Calibration end").inputValue()) !== calEnd) await check(page, "Calibration end", calEnd);
  const times = [];
  // Each run fits again: the end of the check moves a day back and forth.
  const dayBefore = new Date(Date.parse(holdoutEnd) - 86400000).toISOString().slice(0, 10);
  // The last run checks to the holdout end: its numbers are the ones read below.
  for (let i = 0; i < RUNS; i++) times.push(await check(page, "Check until", (RUNS - 1 - i) % 2 ? dayBefore : holdoutEnd));
  fits.push(times);
  if (l + 1 === LAUNCHES) {
    await page.getByText("Numbers and model parameters").click();
    shown = await page.evaluate(() => {
      const out = {};
      for (const div of document.querySelectorAll("dl.params div")) {
        out[div.querySelector("dt").textContent] = Number(div.querySelector("dd").textContent.replace(/,/g, ""));
      }
      return out;
    });
    summary = await page.getByText(/the model predicted [0-9,]+ purchases; customers made [0-9,]+\.$/).innerText();
  }
  await context.close();
}
server.close();
rmSync(profile, { recursive: true, force: true });
const bests = fits.map((t) => Math.min(...t));
console.log(JSON.stringify({
  fit_ms_best: Math.min(...bests),
  fit_ms_launch_best: bests,
  fit_ms: fits,
  bgnbd: { r: shown.r, alpha_days: shown["α"], a: shown.a, b: shown.b, log_likelihood: shown["Log-likelihood"] },
  gamma_gamma: { p: shown.p, q: shown.q, v: shown.v },
  customers: shown.Customers,
  repeat_buyers: shown["Repeat buyers"],
  holdout: summary,
  page_errors: errors,
}, null, 2));
