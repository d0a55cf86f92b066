// End to end: the customer list's filters, sortable headers, and bulk actions on
// selected rows (tag, static segment, delete), each undoable.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open, addCustomer, loadDemo } from "./app.mjs";

let app;
before(async () => { app = await start(); });
after(async () => { await app.stop(); });

async function names(page) {
  return page.getByRole("table", { name: "Customers" }).getByRole("row").locator("a").allInnerTexts();
}

test("filters by city and least spent, headers sort both ways, bulk tag, segment and delete with Undo", async () => {
  const page = await app.page({ viewport: { width: 1440, height: 900 } });
  await open(page, app.base);
  await addCustomer(page, { name: "An Hà", city: "Hà Nội" });
  await page.getByRole("button", { name: "Add order" }).click();
  const form = page.getByRole("form", { name: "Add order" });
  await form.getByLabel("Product").fill("Áo dài");
  await form.getByLabel("Unit price").fill("2,500,000");
  await form.getByRole("button", { name: "Save order" }).click();
  await page.getByText("Order saved.").first().waitFor();
  await page.getByRole("link", { name: "Customers", exact: true }).click();
  await addCustomer(page, { name: "Bình Hà", city: "Hà Nội" });
  await page.getByRole("link", { name: "Customers", exact: true }).click();
  await addCustomer(page, { name: "Chi Huế", city: "Huế" });
  await page.getByRole("link", { name: "Customers", exact: true }).click();
  await page.getByText("3 customers", { exact: true }).waitFor();

  await page.getByLabel("City").selectOption("Huế");
  await page.getByText("1 customer", { exact: true }).waitFor();
  assert.deepEqual(await names(page), ["Chi Huế"]);
  await page.getByRole("button", { name: "Clear filters" }).click();
  await page.getByLabel("Spent at least").fill("2tr");
  await page.getByText("1 customer", { exact: true }).waitFor();
  assert.deepEqual(await names(page), ["An Hà"]);
  await page.getByLabel("Spent at least").fill("hai triệu");
  await page.getByText("Not an amount: write, for example, 2,000,000 or 2tr.").waitFor();
  await page.getByText("3 customers", { exact: true }).waitFor();
  await page.getByRole("button", { name: "Clear filters" }).click();

  // The list starts A→Z by name; its header pressed, Z→A, pressed again, A→Z;
  // aria-sort says which.
  const header = page.getByRole("columnheader", { name: /^Name/ });
  assert.equal(await header.getAttribute("aria-sort"), "ascending");
  assert.deepEqual(await names(page), ["An Hà", "Bình Hà", "Chi Huế"]);
  await header.getByRole("button").click();
  assert.equal(await header.getAttribute("aria-sort"), "descending");
  await page.getByRole("row").nth(1).getByRole("link", { name: "Chi Huế" }).waitFor();
  assert.deepEqual(await names(page), ["Chi Huế", "Bình Hà", "An Hà"]);
  await header.getByRole("button").click();
  assert.equal(await header.getAttribute("aria-sort"), "ascending");
  await page.getByRole("row").nth(1).getByRole("link", { name: "An Hà" }).waitFor();
  const spent = page.getByRole("columnheader", { name: /^Spent/ });
  await spent.getByRole("button").click();
  assert.equal(await spent.getAttribute("aria-sort"), "descending");
  assert.equal(await header.getAttribute("aria-sort"), null);
  assert.equal((await names(page))[0], "An Hà");

  // Select the two in Hà Nội: tag them, then Undo.
  await page.getByLabel("City").selectOption("Hà Nội");
  await page.getByRole("button", { name: "Select all 2" }).click();
  const bulk = page.getByRole("region", { name: "Selected customers" });
  await bulk.getByText("2 selected").waitFor();
  await bulk.getByRole("button", { name: "Add tag" }).click();
  await bulk.getByText("Enter a tag.").waitFor();
  await bulk.getByLabel("Tag").fill("VIP");
  await bulk.getByRole("button", { name: "Add tag" }).click();
  await page.getByText("Tag VIP added to 2 customers.").waitFor();
  await page.getByLabel("Tag", { exact: true }).first().selectOption({ label: "VIP (2)" });
  await page.getByText("2 customers", { exact: true }).waitFor();
  await page.getByRole("button", { name: "Undo" }).click();
  await page.getByText("Undone.").waitFor();
  await page.getByText("No customer matches.").waitFor();
  await page.getByLabel("Tag", { exact: true }).first().selectOption({ label: "All tags" });

  // Into a new static segment.
  await page.getByRole("checkbox", { name: "Select An Hà" }).check();
  await page.getByRole("checkbox", { name: "Select Bình Hà" }).check();
  await bulk.getByLabel("New segment's name").fill("Khách Hà Nội");
  await bulk.getByRole("button", { name: "Add to segment" }).click();
  await page.getByText("2 customers added to Khách Hà Nội.").waitFor();
  await page.getByLabel("Segment", { exact: true }).selectOption({ label: "Khách Hà Nội" });
  await page.getByText("2 customers", { exact: true }).waitFor();
  await page.getByLabel("Segment", { exact: true }).selectOption({ label: "All segments" });

  // Delete the selection, then Undo.
  await bulk.getByRole("button", { name: "Delete" }).click();
  await page.getByText("2 customers deleted.").waitFor();
  await bulk.waitFor({ state: "detached" });
  await page.getByRole("button", { name: "Clear filters" }).click();
  await page.getByText("1 customer", { exact: true }).waitFor();
  // The segment's notice offers Undo too: the newest notice is the last.
  await page.getByRole("button", { name: "Undo" }).last().click();
  await page.getByText("Customers restored.").waitFor();
  await page.getByText("3 customers", { exact: true }).waitFor();
  await page.reload();
  await page.getByText("3 customers", { exact: true }).waitFor();
  assert.deepEqual(page.errors, []);
});

test("filters by RFM segment and lifecycle stage on demo data", async () => {
  const page = await app.page({ viewport: { width: 1024, height: 768 } });
  await open(page, app.base);
  await loadDemo(page, "1000");
  await page.getByRole("link", { name: "Customers", exact: true }).click();
  await page.waitForFunction(() => performance.getEntriesByName("clientele:segments-ready").length > 0, null, { timeout: 60_000 });
  const count = async () => Number((await page.getByText(/^[\d,]+ customers?$/).innerText()).replace(/\D/g, ""));
  await page.getByLabel("Segment", { exact: true }).selectOption({ label: "Champions (RFM)" });
  await page.waitForTimeout(200);
  const champions = await count();
  assert.ok(champions > 0 && champions < 1000, `${champions}`);
  await page.getByLabel("Lifecycle stage").selectOption({ label: "Lapsed" });
  await page.waitForTimeout(200);
  assert.ok((await count()) < champions, "champions who lapsed are fewer");
  await page.getByRole("button", { name: "Clear filters" }).click();
  await page.getByText("1,000 customers").waitFor();
  assert.deepEqual(page.errors, []);
});
