// The lifetime-value fit in WASM, in the built app (dist/) in headless Chromium, on
// the CDNOW orders bench/clv.sh prepares, driven as a user would: main currency US
// dollars in Settings, the orders file imported on the Import page, then on the
// Dashboard's model check the calibration end and the check's end typed in. Reads the
// app's own measure of the fit (performance measure "clientele:model-fit": BG/NBD +
// Gamma-Gamma, summaries excluded) and the parameters the page shows.
// Prints one JSON object. Usage: node bench/clv_wasm.mjs ORDERS.csv CAL_END HOLDOUT_END [RUNS]
import { basename } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM, FLAGS } from "../tests/e2e/browser.mjs";
import { serve } from "../tests/e2e/server.mjs";

const [path, calEnd, holdoutEnd, runsArg] = process.argv.slice(2);
const RUNS = Number(runsArg || 5);
if (!path || !calEnd || !holdoutEnd) {
  console.error("usage: node bench/clv_wasm.mjs ORDERS.csv CAL_END HOLDOUT_END [RUNS]");
  process.exit(2);
}

const server = await serve(0);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
const errors = [];
page.on("pageerror", (e) => errors.push(String(e)));
const ready = (name) => page.waitForFunction((n) => performance.getEntriesByName(n).length > 0, name, { timeout: 600000 });

await page.goto(base + "/settings");
await ready("clientele:facts-loaded");
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
await ready("clientele:dashboard-ready");
const fits = [];
let shown;
for (let i = 0; i < RUNS; i++) {
  await page.evaluate(() => performance.clearMeasures("clientele:model-check"));
  // Each run fits again: move the end of the check away and back.
  await page.getByLabel("Check until").fill(i % 2 ? "2099-12-31" : holdoutEnd);
  await page.getByLabel("Check until").dispatchEvent("change");
  await page.getByLabel("Calibration end").fill(calEnd);
  await page.getByLabel("Calibration end").dispatchEvent("change");
  await ready("clientele:model-check");
  fits.push(await page.evaluate(() => performance.getEntriesByName("clientele:model-fit").at(-1).duration));
}
await page.getByLabel("Check until").fill(holdoutEnd);
await page.getByLabel("Check until").dispatchEvent("change");
await page.getByText("Numbers and model parameters").click();
shown = await page.evaluate(() => {
  const out = {};
  for (const div of document.querySelectorAll("dl.params div")) {
    out[div.querySelector("dt").textContent] = Number(div.querySelector("dd").textContent.replace(/,/g, ""));
  }
  return out;
});
const summary = await page.getByText(/the model predicted [0-9,]+ purchases; customers made [0-9,]+\.$/).innerText();
await browser.close();
server.close();
console.log(JSON.stringify({
  fit_ms_best: Math.min(...fits),
  fit_ms: fits,
  bgnbd: { r: shown.r, alpha_days: shown["α"], a: shown.a, b: shown.b, log_likelihood: shown["Log-likelihood"] },
  gamma_gamma: { p: shown.p, q: shown.q, v: shown.v },
  customers: shown.Customers,
  repeat_buyers: shown["Repeat buyers"],
  holdout: summary,
  page_errors: errors,
}, null, 2));
