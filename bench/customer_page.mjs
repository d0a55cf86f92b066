// Browser benchmark: opening a customer's page at scale. Prints one JSON object.
// Usage: node bench/customer_page.mjs [customers] [orders]
//
// Loads the demo (default 100,000 customers), imports one customer with many orders
// (default 240) through the Import page, then opens that customer's page from the list
// five times and, as the reference in the same run, a demo customer's (a few orders).
// Per open:
// - timeline_ms: the page's creation until its timeline is read from storage and
//   merged (`clientele:timeline`, measured in the app);
// - shown_ms: the click on the customer's link until the timeline's first entry is
//   on screen (the next frame after it appears; polled, so an upper bound).
import { start, open, loadDemo } from "../tests/e2e/app.mjs";

const N = String(process.argv[2] || 100000);
const ORDERS = Number(process.argv[3] || 240);

const app = await start();
const page = await app.page({ viewport: { width: 1440, height: 900 } });
await open(page, app.base);
await loadDemo(page, N);

const rows = ["Mã đơn,Email,Tên khách hàng,Ngày mua,Sản phẩm,Số lượng,Đơn giá"];
for (let n = 1; n <= ORDERS; n++) {
  const d = new Date(Date.UTC(2020, 0, 1) + n * 5 * 86400000);
  const day = `${String(d.getUTCDate()).padStart(2, "0")}/${String(d.getUTCMonth() + 1).padStart(2, "0")}/${d.getUTCFullYear()}`;
  rows.push(`BENCH${n},bench.many@example.vn,Khách Nhiều Đơn,${day},Món ${n % 37},${1 + (n % 3)},${(n % 9 + 1) * 10}.000`);
}
await page.getByRole("link", { name: "Import", exact: true }).click();
await page.getByLabel(/Choose a CSV file/).setInputFiles({
  name: "many.csv", mimeType: "text/csv", buffer: Buffer.from(rows.join("\n"), "utf8"),
});
await page.getByRole("button", { name: "Check the file" }).click();
await page.getByRole("button", { name: /^Import [\d,]+ records$/ }).click();
await page.getByText(/^many\.csv: [\d,]+ new/).waitFor({ timeout: 120000 });

async function openFromList(query) {
  await page.getByRole("link", { name: "Customers", exact: true }).click();
  await page.getByLabel("Search customers").fill(query);
  const link = page.getByRole("table", { name: "Customers" }).getByRole("link").first();
  await link.waitFor();
  const name = await link.innerText();
  await page.evaluate(() => performance.clearMeasures("clientele:timeline"));
  const t0 = await page.evaluate(() => performance.now());
  await link.click();
  await page.getByRole("list", { name: "History" }).getByRole("listitem").first().waitFor({ timeout: 30000 });
  const t1 = await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(performance.now()))));
  await page.waitForFunction(() => performance.getEntriesByName("clientele:timeline").length > 0);
  const timeline = await page.evaluate(() => performance.getEntriesByName("clientele:timeline").at(-1).duration);
  const shown = await page.getByText(/^Showing \d+ of [\d,]+\.$/).innerText();
  return { name, timeline_ms: Math.round(timeline), shown_ms: Math.round(t1 - t0), shown };
}

const runs = { many: [], reference: [] };
for (let i = 0; i < 5; i++) {
  runs.many.push(await openFromList("bench.many@example.vn"));
  runs.reference.push(await openFromList("nguyen"));
}
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(JSON.stringify({
  customers: Number(N),
  orders: ORDERS,
  many: { shown: runs.many[0].shown, timeline_ms: runs.many.map((r) => r.timeline_ms), shown_ms: runs.many.map((r) => r.shown_ms), median_shown_ms: med(runs.many.map((r) => r.shown_ms)) },
  reference: { name: runs.reference[0].name, shown: runs.reference[0].shown, timeline_ms: runs.reference.map((r) => r.timeline_ms), shown_ms: runs.reference.map((r) => r.shown_ms), median_shown_ms: med(runs.reference.map((r) => r.shown_ms)) },
  errors: page.errors,
}, null, 1));
await app.stop();
