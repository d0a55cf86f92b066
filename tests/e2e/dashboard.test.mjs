// End to end: the dashboard on demo data, as a shop owner would read it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { start, open, loadDemo } from "./app.mjs";

let app;
before(async () => { app = await start(); });
after(async () => { await app.stop(); });

async function dashboardReady(page) {
  await page.waitForFunction(() => performance.getEntriesByName("clientele:dashboard-ready").length > 0, null, { timeout: 60_000 });
}

/// The number in a KPI card (digits only): the card is a group named by its KPI,
/// showing the name, the value, then the change.
async function kpi(page, name) {
  const [, value] = (await page.getByRole("group", { name, exact: true }).innerText()).split(/\n+/);
  return Number(value.replace(/[^0-9]/g, ""));
}

test("KPIs, charts, saving a chart and a segment of valuable customers at risk", async () => {
  const page = await app.page();
  await open(page, app.base);
  await loadDemo(page, "1000");
  await page.getByRole("link", { name: "Dashboard" }).click();
  await dashboardReady(page);
  // KPIs with a change against the previous period.
  const revenue = await kpi(page, "Revenue");
  const orders = await kpi(page, "Orders");
  assert.ok(revenue > 0 && orders > 0, `revenue ${revenue}, orders ${orders}`);
  await page.getByText(/^(up|down) [0-9.]+%$/).first().waitFor();
  // Every chart is an image with a name.
  for (const name of ["Revenue over time", "RFM segments: size and revenue share", "RFM grid", "Cohort retention", "Lifetime value over the next 12 months"]) {
    await page.getByRole("img", { name }).waitFor();
  }
  // A narrower range has fewer orders; a bad one says so.
  await page.getByLabel("From", { exact: true }).fill("2026-10-01");
  await page.getByLabel("From", { exact: true }).dispatchEvent("change");
  await page.waitForFunction((n) => {
    const card = [...document.querySelectorAll(".kpi")].find((k) => k.querySelector("h2")?.textContent === "Orders");
    return card && Number(card.querySelector("p").textContent.replace(/[^0-9]/g, "")) < n;
  }, orders);
  await page.getByLabel("From", { exact: true }).fill("2030-01-01");
  await page.getByLabel("From", { exact: true }).dispatchEvent("change");
  await page.getByRole("alert").filter({ hasText: "The start date must be on or before the end date." }).waitFor();
  await page.getByLabel("From", { exact: true }).fill("2026-01-01");
  await page.getByLabel("From", { exact: true }).dispatchEvent("change");
  // Saving the trend chart as SVG gives a standalone SVG file with the chart's title.
  const [svg] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Save as SVG – Revenue over time" }).click(),
  ]);
  assert.equal(svg.suggestedFilename(), "revenue-trend.svg");
  const text = await readFile(await svg.path(), "utf8");
  assert.match(text, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(text, /Revenue over time/);
  assert.match(text, /style="[^"]*fill:/, "colours written on the elements");
  // And as PNG.
  const [png] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Save as PNG – RFM grid" }).click(),
  ]);
  assert.equal(png.suggestedFilename(), "rfm-grid.png");
  const bytes = await readFile(await png.path());
  assert.deepEqual([...bytes.subarray(1, 4)], [0x50, 0x4e, 0x47], "a PNG file");
  assert.ok(bytes.length > 2000, `${bytes.length} bytes`);
  // Valuable customers at risk: a live segment with as many members as listed.
  const count = Number((await page.getByText(/^[0-9,]+ customers?$/).last().innerText()).replace(/[^0-9]/g, ""));
  assert.ok(count > 0);
  await page.getByRole("button", { name: "Create a segment of them" }).click();
  await page.getByRole("heading", { level: 1, name: "Valuable customers at risk" }).waitFor();
  await page.getByText(new RegExp(`^${count.toLocaleString("en")} customers?`)).first().waitFor();
  // Frozen into a static list: a new segment with the same members, opened.
  await page.getByRole("button", { name: "Save as static list" }).click();
  await page.getByText("Static list saved.").waitFor();
  await page.getByRole("heading", { level: 1, name: /^Valuable customers at risk \(/ }).waitFor();
  await page.getByText("Static list", { exact: true }).waitFor();
  await page.getByText(new RegExp(`^${count.toLocaleString("en")} customers?`)).first().waitFor();
  assert.deepEqual(page.errors, []);
});

test("the dashboard speaks Vietnamese", async () => {
  const page = await app.page();
  await open(page, app.base);
  await loadDemo(page, "1000");
  await page.getByRole("button", { name: "Tiếng Việt" }).click();
  await page.getByRole("link", { name: "Tổng quan" }).click();
  await dashboardReady(page);
  await page.getByRole("heading", { level: 1, name: "Tổng quan" }).waitFor();
  await page.getByRole("img", { name: "Giữ chân theo nhóm" }).waitFor();
  await page.getByRole("heading", { name: "Doanh thu", exact: true }).waitFor();
  await page.getByText(/^(tăng|giảm) [0-9,]+%$/).first().waitFor();
  assert.deepEqual(page.errors, []);
});

test("the model check against a holdout, and cross-sell rules made into a segment", async () => {
  const page = await app.page();
  await open(page, app.base);
  await loadDemo(page, "1000");
  await page.getByRole("link", { name: "Dashboard" }).click();
  await dashboardReady(page);
  await page.waitForFunction(() => performance.getEntriesByName("clientele:model-check").length > 0, null, { timeout: 60_000 });
  await page.getByRole("img", { name: "How well the value model predicts" }).waitFor();
  // The rows add up to the customers the model saw, and to the purchases they made.
  await page.getByText("Numbers and model parameters").click();
  const table = page.getByRole("table", { name: "How well the value model predicts" });
  const rows = await table.getByRole("row").allInnerTexts();
  const cells = rows.slice(1).map((r) => r.split("\t").map((c) => c.trim()));
  assert.deepEqual(cells.map((c) => c[0]), ["0", "1", "2", "3", "4", "5", "6", "7+"]);
  const num = (s) => Number(s.replace(/,/g, ""));
  const customers = cells.reduce((n, c) => n + num(c[1]), 0);
  const made = cells.reduce((n, c) => n + num(c[1]) * num(c[3]), 0);
  const summary = await page.getByText(/the model predicted [0-9,]+ purchases; customers made [0-9,]+\.$/).innerText();
  const [, predicted, actual] = summary.match(/predicted ([0-9,]+) purchases; customers made ([0-9,]+)/).map(num);
  assert.ok(predicted > 0);
  assert.ok(Math.abs(made - actual) <= customers * 0.005 + 1, `${made} vs ${actual}`);
  const params = page.getByRole("definition");
  assert.ok((await params.count()) >= 10);
  await page.getByText(new RegExp(`^Customers\\s*${customers.toLocaleString("en")}$`)).first().waitFor();
  // A date to predict from after the check's end, then one before any purchase.
  const calibration = page.getByLabel("Predict from purchases up to");
  await calibration.fill("2099-01-01");
  await calibration.dispatchEvent("change");
  await page.getByRole("alert").filter({ hasText: "The date to predict from must be before the date the check runs until, and before today." }).waitFor();
  await calibration.fill("2000-01-01");
  await calibration.dispatchEvent("change");
  await page.getByText(/^No prediction yet: .*no customer/i).waitFor();

  // Long rule lists grow a page at a time, never all at once.
  const rulesTable = page.getByRole("table", { name: "Bought together" });
  const rowsOf = async () => (await rulesTable.getByRole("row").count()) - 1;
  assert.equal(await rowsOf(), 10);
  const more = page.getByRole("button", { name: /^Show \d+ more \([\d,]+ left\)$/ });
  const [, k] = (await more.innerText()).match(/^Show (\d+) more/);
  await more.click();
  assert.equal(await rowsOf(), 10 + Number(k));
  await page.getByRole("button", { name: "Show fewer" }).click();
  assert.equal(await rowsOf(), 10);

  // Cross-sell: the first product rule made into a segment of who has not bought yet.
  const first = page.getByRole("table", { name: "Bought together" }).getByRole("row").nth(1);
  const [x, y] = (await first.innerText()).split("\t").map((c) => c.trim());
  await first.getByRole("button", { name: `Create a segment of the customers who bought ${x} but not yet ${y}` }).click();
  const made_ = await page.getByText(/^Segment created: [0-9,]+ customers?\.$/).innerText();
  const n = num(made_.match(/([0-9,]+)/)[1]);
  await page.getByRole("heading", { level: 1, name: `Bought ${x}, not yet ${y}` }).waitFor();
  await page.getByText(new RegExp(`^${n.toLocaleString("en")} customers?`)).first().waitFor();
  // Rules between categories.
  await page.getByRole("link", { name: "Dashboard" }).click();
  await dashboardReady(page);
  const count = page.getByText(/^[0-9,]+ rules from the purchases of [0-9,]+ customers\.$/);
  const products = await count.innerText();
  await page.getByLabel("Rules between").selectOption("category");
  await page.waitForFunction((before) => ![...document.querySelectorAll("p")].some((p) => p.textContent === before), products);
  await count.waitFor();
  assert.deepEqual(page.errors, []);
});

test("lifetime values follow the horizon and discount set with the scoring", async () => {
  const page = await app.page();
  await open(page, app.base);
  await loadDemo(page, "1000");
  await page.getByRole("link", { name: "Dashboard" }).click();
  await dashboardReady(page);
  const total = async () => Number((await page.getByText(/^Predicted value of all customers: /).innerText()).replace(/[^0-9]/g, ""));
  const twelve = await total();
  await page.getByRole("img", { name: "Lifetime value over the next 12 months" }).waitFor();
  await page.getByRole("link", { name: "Segments" }).click();
  await page.getByText("Scoring and value settings").click();
  await page.getByLabel("Lifetime value over").selectOption("24");
  const rate = page.getByLabel("Discount rate per month (%)");
  await rate.fill("25");
  await page.getByRole("button", { name: "Apply" }).click();
  await page.getByText("Enter a number from 0 to 20, or leave empty.").waitFor();
  await rate.fill("0.5");
  await page.getByRole("button", { name: "Apply" }).click();
  await page.getByText("Enter a number from 0 to 20, or leave empty.").waitFor({ state: "detached" });
  await page.getByRole("link", { name: "Dashboard" }).click();
  await page.getByRole("img", { name: "Lifetime value over the next 24 months" }).waitFor();
  await page.waitForFunction((before) => {
    const p = [...document.querySelectorAll("p")].find((x) => x.textContent.startsWith("Predicted value of all customers: "));
    return p && Number(p.textContent.replace(/[^0-9]/g, "")) > before * 1.5;
  }, twelve, { timeout: 60_000 });
  // Kept after a reload.
  await page.reload();
  await page.getByRole("img", { name: "Lifetime value over the next 24 months" }).waitFor({ timeout: 60_000 });
  assert.deepEqual(page.errors, []);
});

// Issue 15: date fields follow the app's date format, not the browser's language.
test("the dashboard's dates are typed in the app's date format", async () => {
  const page = await app.page();
  await open(page, app.base);
  await loadDemo(page, "1000");
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByLabel("Date format").selectOption({ label: "mm/dd/yyyy" });
  await page.getByRole("link", { name: "Dashboard" }).click();
  const from = page.getByLabel("From", { exact: true });
  assert.match(await from.inputValue(), /^\d{2}\/01\/\d{4}$/, "the first of a month, month first");
  await page.getByText("As mm/dd/yyyy").first().waitFor();
  // Typed in that format: read as such; what cannot be read is said at the field.
  await from.fill("13/01/2026");
  await page.getByText("Not a valid date: use mm/dd/yyyy.").first().waitFor();
  await from.fill("01/13/2026");
  assert.equal(await page.getByText("Not a valid date: use mm/dd/yyyy.").count(), 0);
  await page.getByRole("group", { name: "Revenue" }).waitFor();
  // The range ends today: this month is marked as running, not drawn as a collapse.
  await page.getByText(/ \(so far\)$/).first().waitFor();
  await page.getByText(/is not over yet: its revenue so far, not a fall\.$/).waitFor();
});
