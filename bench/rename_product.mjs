// Browser benchmark: renaming a product bought in every storage bucket, at scale.
// Prints one JSON object. Usage: node bench/rename_product.mjs [customers]
//
// Loads the demo (default 100,000 customers), opens Products, renames the product
// with the most buyers (every order line with it changes) and, for the reference in
// the same run, the one with the fewest. Per rename: elapsed_ms from the click to
// the notice, orders changed, and the longest main-thread task meanwhile
// (PerformanceObserver "longtask"), since the page must stay usable.
import { start, open, loadDemo } from "../tests/e2e/app.mjs";

const N = String(process.argv[2] || 100000);
const app = await start();
const page = await app.page({ viewport: { width: 1440, height: 900 } });
await open(page, app.base);
await loadDemo(page, N);
await page.getByRole("link", { name: "Products", exact: true }).click();
const table = page.getByRole("table", { name: "Products" });
await table.waitFor();

async function rename(sortLabel, pick) {
  await page.getByLabel("Sort by").selectOption({ label: sortLabel });
  const header = pick === "first" ? table.getByRole("rowheader").first() : table.getByRole("rowheader").last();
  const name = await header.innerText();
  await page.getByRole("button", { name: `Rename ${name}`, exact: true }).click();
  await page.getByLabel("New name").fill(`${name} (mới)`);
  await page.evaluate(() => {
    window.__long = 0;
    window.__obs = new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__long = Math.max(window.__long, e.duration);
    });
    window.__obs.observe({ type: "longtask" });
    window.__t0 = performance.now();
  });
  await page.getByRole("button", { name: /^(Rename|Merge)$/ }).click();
  const notice = page.getByText(/^Done\. Orders changed: [\d,]+\.$/);
  await notice.waitFor({ timeout: 300000 });
  const text = await notice.innerText();
  const r = await page.evaluate(() => ({ elapsed: performance.now() - window.__t0, long: window.__long }));
  await page.getByRole("button", { name: "Dismiss" }).first().click().catch(() => {});
  return { name, orders: Number(text.match(/[\d,]+/)[0].replace(/,/g, "")), elapsed_ms: Math.round(r.elapsed), longest_task_ms: Math.round(r.long) };
}

const most = await rename("Buyers, most first", "first");
const fewest = await rename("Buyers, most first", "last");
console.log(JSON.stringify({ customers: Number(N), most_bought: most, reference_fewest: fewest, errors: page.errors }, null, 1));
await app.stop();
