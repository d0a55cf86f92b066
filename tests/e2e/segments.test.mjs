// End to end: segmenting demo customers as a shop owner would, in headless Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { start, open, loadDemo } from "./app.mjs";

let app;
before(async () => { app = await start(); });
after(async () => { await app.stop(); });

/// The members count of a segment page ("12 customers", "12 khách hàng").
function memberCount(page) {
  return page.getByRole("status").filter({ hasText: /^[\d,.]+ (customers?|khách hàng)$/ });
}

async function segmentsReady(page) {
  await page.waitForFunction(() => performance.getEntriesByName("clientele:segments-ready").length > 0);
}

/// Parses the exported CSV (quoted cells allowed) into objects by header.
function parseCsv(text) {
  text = text.replace(/^\uFEFF/, "");
  const rows = [];
  let row = [], cell = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { row.push(cell); cell = ""; }
    else if (c === "\r") continue;
    else if (c === "\n") { row.push(cell); rows.push(row); row = []; cell = ""; }
    else cell += c;
  }
  const [head, ...body] = rows;
  return body.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])));
}

test("RFM grid cell, a rule in Vietnamese, saved, members exported", async () => {
  const page = await app.page();
  await open(page, app.base);
  await loadDemo(page, "1000");
  await page.getByRole("link", { name: "Segments" }).click();
  await segmentsReady(page);

  // The grid: a cell shows its count; clicking it lists those customers.
  const cell = page.getByRole("link", { name: /^R5 FM5: \d+/ });
  const cellCount = Number((await cell.textContent()).match(/^R5 FM5: ([\d,]+)/)[1].replace(/,/g, ""));
  assert.ok(cellCount > 0);
  await cell.click();
  await page.getByRole("heading", { level: 1, name: "New segment" }).waitFor();
  await page.getByText(cellCount === 1 ? "1 customer" : `${cellCount} customers`, { exact: true }).waitFor();
  const table = page.getByRole("table", { name: /R5 FM5: Members/ });
  assert.ok(await table.getByRole("row").count() > 1);

  // A rule, typed the Vietnamese way: lives in Hà Nội AND spent > 2.000.000 ₫ AND
  // last order more than 90 days ago.
  await page.getByRole("button", { name: "Tiếng Việt" }).click();
  await page.goto(app.base + "/segments/new");
  await segmentsReady(page);
  await page.getByLabel("Giá trị").first().fill("Hà Nội");
  await page.getByRole("button", { name: "Thêm điều kiện" }).click();
  await page.getByLabel("Trường").nth(1).selectOption({ label: "Tổng chi tiêu" });
  await page.getByLabel("Phép so sánh").nth(1).selectOption({ label: "lớn hơn" });
  await page.getByLabel("Giá trị").nth(1).fill("2.000.000");
  await page.getByRole("button", { name: "Thêm điều kiện" }).click();
  await page.getByLabel("Trường").nth(2).selectOption({ label: "Số ngày từ đơn gần nhất" });
  await page.getByLabel("Phép so sánh").nth(2).selectOption({ label: "lớn hơn" });
  await page.getByLabel("Giá trị").nth(2).fill("90");
  // Saving without a name is refused, with the field marked.
  await page.getByRole("button", { name: "Lưu phân khúc" }).click();
  assert.equal(await page.getByLabel(/^Tên phân khúc/).getAttribute("aria-invalid"), "true");
  await page.getByLabel(/^Tên phân khúc/).fill("Hà Nội chi nhiều, lâu chưa mua");
  await page.getByRole("button", { name: "Lưu phân khúc" }).click();
  await page.getByRole("heading", { level: 1, name: "Hà Nội chi nhiều, lâu chưa mua" }).waitFor();
  await segmentsReady(page);
  const countText = await memberCount(page).textContent();
  const members = Number(countText.replace(/\D/g, ""));
  assert.ok(members > 0, countText);

  // Still there after a reload, with the same members.
  await page.reload();
  await page.getByRole("heading", { level: 1, name: "Hà Nội chi nhiều, lâu chưa mua" }).waitFor();
  await segmentsReady(page);
  assert.equal(await memberCount(page).textContent(), countText);

  // Export: every row meets the rule.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Xuất CSV" }).click(),
  ]);
  const csv = await readFile(await download.path(), "utf8");
  assert.ok(csv.startsWith("\uFEFFcustomer_id,"), "marked as UTF-8 for Excel");
  const rows = parseCsv(csv);
  assert.equal(rows.length, members);
  const today = new Date();
  for (const r of rows) {
    assert.equal(r.city, "Hà Nội");
    assert.ok(Number(r.total_spent) > 2_000_000, r.total_spent);
    const days = (today - new Date(r.last_order)) / 86_400_000;
    assert.ok(days > 89, r.last_order);
  }
  assert.match(download.suggestedFilename(), /^ha-noi-chi-nhieu-lau-chua-mua\.csv$/);
  assert.deepEqual(page.errors, []);
});

test("the customer page shows scores, stage and saved segments; groups are discovered", async () => {
  const page = await app.page();
  await open(page, app.base);
  await loadDemo(page, "1000");
  await page.getByRole("link", { name: "Segments" }).click();
  await page.getByRole("link", { name: "Discover groups" }).click();
  await segmentsReady(page);
  await page.getByLabel("Number of groups").selectOption("3");
  await page.getByRole("button", { name: "Find groups" }).click();
  await page.getByRole("heading", { name: "Group 3" }).waitFor({ timeout: 60_000 });
  await page.getByRole("button", { name: /^Save as segment: Group 1/ }).click();
  await page.getByText("Segment saved.").waitFor();
  await page.getByRole("link", { name: "Segments", exact: true }).click();
  const saved = page.getByRole("link", { name: /^Group 1:/ });
  await saved.click();
  await page.getByText("Static list", { exact: true }).waitFor();
  await segmentsReady(page);
  const first = page.getByRole("table", { name: /Members/ }).getByRole("link").first();
  const name = await first.textContent();
  await first.click();
  await page.getByRole("heading", { level: 1, name }).waitFor();
  await page.getByRole("heading", { name: "Status and next step" }).waitFor();
  await page.getByText("How this was decided").click();
  await page.getByText(/^R [1-5] · F [1-5] · M [1-5]$/).waitFor();
  await page.getByRole("link", { name: /^Group 1:/ }).waitFor();

  // A static list from the builder keeps its members.
  await page.goto(app.base + "/segments/new?rfm=champions");
  await segmentsReady(page);
  await page.getByLabel("Static list: keeps the customers it has now.").check();
  await page.getByRole("button", { name: "Save segment" }).click();
  await page.getByRole("heading", { level: 1, name: /^Champions/ }).waitFor();
  await page.getByText("Static list", { exact: true }).waitFor();
  await segmentsReady(page);
  assert.match(await memberCount(page).textContent(), /^\d[\d,]* customers$/);
  assert.deepEqual(page.errors, []);
});

/// Customers per R score, read from the grid's cell links ("R5 FM3: 12 — …").
async function rowTotals(page) {
  const labels = await page.getByRole("link", { name: /^R\d FM\d: \d+/ }).allTextContents();
  const rows = [0, 0, 0, 0, 0, 0];
  for (const l of labels) {
    const [, r, , n] = l.match(/^R(\d) FM(\d): ([\d,]+)/);
    rows[Number(r)] += Number(n.replace(/,/g, ""));
  }
  return rows;
}

test("fixed cut points: bad ones are refused with a message, good ones rescore and stay", async () => {
  const page = await app.page();
  await open(page, app.base);
  await loadDemo(page, "1000");
  await page.getByRole("link", { name: "Segments" }).click();
  await segmentsReady(page);
  const before = await rowTotals(page);
  const buyers = before.reduce((a, b) => a + b, 0);
  assert.ok(before[5] > buyers / 10, "quintiles put about a fifth in R5");

  await page.getByText("Scoring and value settings").click();
  const recency = page.getByLabel("Recency cut points (days)");
  await recency.fill("30, 10, 90");
  await page.getByRole("button", { name: "Apply" }).click();
  await page.getByText("Enter four ascending numbers, or leave empty.").first().waitFor();
  assert.deepEqual(await rowTotals(page), before, "nothing changed");

  // R5 now means a purchase today or yesterday: far fewer customers.
  await recency.fill("2, 3, 4, 5");
  const ready = await page.evaluate(() => performance.getEntriesByName("clientele:segments-ready").length);
  await page.getByRole("button", { name: "Apply" }).click();
  await page.waitForFunction((n) => performance.getEntriesByName("clientele:segments-ready").length > n, ready);
  assert.equal(await page.getByText("Enter four ascending numbers, or leave empty.").count(), 0);
  const after = await rowTotals(page);
  assert.equal(after.reduce((a, b) => a + b, 0), buyers, "the same buyers");
  assert.ok(after[5] < buyers / 20, `R5 shrank: ${before[5]} → ${after[5]}`);

  await page.reload();
  await segmentsReady(page);
  await page.getByText("Scoring and value settings").click();
  assert.match(await page.getByLabel("Recency cut points (days)").inputValue(), /^2; 3; 4; 5$/);
  assert.deepEqual(await rowTotals(page), after);
  assert.deepEqual(page.errors, []);
});

// Bug: editing a saved segment showed an empty description and kept the old one (the
// builder started the field empty and saved it only when non-empty).
test("editing a segment shows its description, and clearing it saves the clearing", async () => {
  const page = await app.page();
  await open(page, app.base);
  await page.getByRole("link", { name: "Segments" }).click();
  await page.getByRole("link", { name: "New segment" }).click();
  await page.getByLabel("Value").first().fill("Huế");
  await page.getByLabel(/^Segment name/).fill("Khách Huế");
  await page.getByLabel("Description").fill("Customers in Huế, for the tea fair");
  await page.getByRole("button", { name: "Save segment" }).click();
  await page.getByRole("heading", { level: 1, name: "Khách Huế" }).waitFor();
  await page.getByText("Customers in Huế, for the tea fair").waitFor();

  await page.getByRole("link", { name: "Edit rule" }).click();
  await page.getByRole("heading", { level: 1, name: "Edit segment" }).waitFor();
  assert.equal(await page.getByLabel("Description").inputValue(), "Customers in Huế, for the tea fair");
  await page.getByLabel("Description").fill("");
  await page.getByRole("button", { name: "Save segment" }).click();
  await page.getByRole("heading", { level: 1, name: "Khách Huế" }).waitFor();
  await page.reload();
  await page.getByRole("heading", { level: 1, name: "Khách Huế" }).waitFor();
  assert.equal(await page.getByText("Customers in Huế, for the tea fair").count(), 0);
  await page.getByRole("link", { name: "Edit rule" }).click();
  assert.equal(await page.getByLabel("Description").inputValue(), "");
  assert.deepEqual(page.errors, []);
});

// Issue 15: numbers typed the way people write them; what cannot be read is said at
// the field, never taken as 0.
test("a rule's amount typed as 2tr or 2 triệu matches like 2,000,000; '2 cái' is refused at the field", async () => {
  const page = await app.page();
  await open(page, app.base);
  await loadDemo(page, "1000");
  await page.goto(app.base + "/segments/new");
  await segmentsReady(page);
  await page.getByLabel("Field").first().selectOption({ label: "Total spent" });
  await page.getByLabel("Operator").first().selectOption({ label: "more than" });
  const value = page.getByLabel("Value").first();
  const count = async (typed) => {
    await value.fill(typed);
    await page.waitForTimeout(300);
    return (await memberCount(page).textContent()).trim();
  };
  const reference = await count("2,000,000");
  assert.match(reference, /^[\d,]+ customers?$/);
  assert.notEqual(reference, "0 customers");
  for (const typed of ["2.000.000", "2tr", "2 triệu", "2m", "2000k"]) {
    assert.equal(await count(typed), reference, typed);
  }
  await value.fill("2 cái");
  await page.getByText("“2 cái” is not a number. Write it as 2.000.000, 2,000,000, 2tr or 1,5 tỷ.").waitFor();
  assert.equal(await value.getAttribute("aria-invalid"), "true");
});
