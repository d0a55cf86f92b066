// End to end: the app open in two tabs of one browser profile (two pages of one
// context share IndexedDB, BroadcastChannel and Web Locks, as two tabs do).
// Bug fixed here: a customer write rewrote the stored bucket from the tab's own copy,
// so the same customer edited in two tabs lost the first tab's edit.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open, addCustomer } from "./app.mjs";

let app;
before(async () => { app = await start(); });
after(async () => { await app.stop(); });

async function twoTabs(path = "/customers") {
  const context = await app.browser.newContext({ viewport: { width: 1024, height: 768 } });
  const one = await app.page({ context });
  await open(one, app.base, path);
  const two = await app.page({ context });
  await open(two, app.base, path);
  return { context, one, two };
}

test("the same customer edited in two tabs, a different field in each, keeps both edits", async () => {
  const { context, one, two } = await twoTabs();
  await addCustomer(one, { name: "Phạm Thị Hoa", city: "Huế" });
  const path = new URL(one.url()).pathname;
  await two.goto(app.base + path);
  await two.getByRole("heading", { level: 1, name: "Phạm Thị Hoa" }).waitFor();
  // Both tabs open the form on the customer as it is now.
  await one.getByRole("button", { name: "Edit", exact: true }).click();
  await two.getByRole("button", { name: "Edit", exact: true }).click();
  await one.getByLabel("City or province").fill("Đà Nẵng");
  await one.getByRole("button", { name: "Save" }).click();
  await one.getByRole("heading", { level: 1, name: "Phạm Thị Hoa" }).waitFor();
  // The second tab's form is not reset by the first tab's save...
  assert.equal(await two.getByLabel("City or province").inputValue(), "Huế");
  await two.getByLabel("Phones").fill("0905 111 222");
  await two.getByRole("button", { name: "Save" }).click();
  await two.getByRole("heading", { level: 1, name: "Phạm Thị Hoa" }).waitFor();
  // ...and its save does not put the old city back.
  for (const page of [two, one]) {
    await page.getByText("0905 111 222").waitFor({ timeout: 2000 });
    await page.getByText("Đà Nẵng").waitFor({ timeout: 2000 });
  }
  for (const page of [one, two]) {
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Phạm Thị Hoa" }).waitFor();
    assert.ok(await page.getByText("Đà Nẵng").isVisible(), "the first tab's edit");
    assert.ok(await page.getByText("0905 111 222").isVisible(), "the second tab's edit");
    assert.equal(await page.getByText("Huế").count(), 0);
  }
  assert.deepEqual([...one.errors, ...two.errors], []);
  await context.close();
});

test("each tab adds a customer; both show in both tabs without a reload, and after one", async () => {
  const { context, one, two } = await twoTabs();
  await addCustomer(one, { name: "Khách Tab Một" });
  await addCustomer(two, { name: "Khách Tab Hai" });
  for (const page of [one, two]) {
    await page.getByRole("link", { name: "Customers" }).click();
    const table = page.getByRole("table", { name: "Customers" });
    // Within a second, without a reload.
    await table.getByRole("link", { name: "Khách Tab Một" }).waitFor({ timeout: 1000 });
    await table.getByRole("link", { name: "Khách Tab Hai" }).waitFor({ timeout: 1000 });
  }
  await one.reload();
  const table = one.getByRole("table", { name: "Customers" });
  await table.getByRole("link", { name: "Khách Tab Hai" }).waitFor();
  await table.getByRole("link", { name: "Khách Tab Một" }).waitFor();
  await context.close();
});

test("a change in one tab shows in the other within a second, without a reload", async () => {
  const { context, one, two } = await twoTabs();
  await addCustomer(one, { name: "Võ Minh Tâm" });
  const path = new URL(one.url()).pathname;
  await two.goto(app.base + path);
  await two.getByRole("heading", { level: 1, name: "Võ Minh Tâm" }).waitFor();
  await one.getByRole("button", { name: "Edit", exact: true }).click();
  await one.getByLabel("Emails").fill("tam@example.vn");
  await one.getByRole("button", { name: "Save" }).click();
  await two.getByText("tam@example.vn").waitFor({ timeout: 1000 });
  // An order added in the first tab shows in the second tab's orders.
  await one.getByRole("button", { name: "Add order" }).click();
  const form = one.getByRole("form", { name: "Add order" });
  await form.getByLabel("Product").fill("Trà sen");
  await form.getByLabel("Unit price").fill("85,000");
  await form.getByRole("button", { name: "Save order" }).click();
  await one.getByRole("list", { name: "History" }).getByText("1 × Trà sen", { exact: true }).waitFor();
  await two.getByRole("list", { name: "History" }).getByText("1 × Trà sen", { exact: true }).waitFor({ timeout: 1000 });
  await context.close();
});

test("a bulk job in one tab is announced in the other, refused there meanwhile, and shown when it ends", async () => {
  const { context, one, two } = await twoTabs("/settings");
  // A third tab has a new customer typed in, to save while the load runs.
  const three = await app.page({ context });
  await open(three, app.base, "/customers/new");
  await three.getByLabel(/^Name( \*)?$/).fill("Khách Giữa Chừng");
  // 100,000: long enough (seconds) for both tabs to act while it runs.
  await one.getByLabel("Number of customers").selectOption("100000");
  await one.getByRole("button", { name: "Load demo data" }).first().click();
  const announced = (page) => page.getByRole("status").filter({ hasText: "Another tab is loading demo data. This tab shows the result when it has finished." });
  const status = announced(two);
  await announced(three).waitFor({ timeout: 5000 });
  // Saved while the load runs, it is kept: the load merges each bucket with what is
  // stored instead of writing over it.
  await three.getByRole("button", { name: "Save" }).click();
  await three.getByRole("heading", { level: 1, name: "Khách Giữa Chừng" }).waitFor();
  assert.equal(await announced(three).count(), 1, "the customer was saved while the load ran");
  await status.waitFor({ timeout: 5000 });
  // The second tab cannot start its own bulk job meanwhile, and is told why.
  await two.getByRole("button", { name: "Erase all data" }).click();
  await two.getByRole("dialog").getByRole("button", { name: /Erase/ }).click();
  await two.getByText("Another tab is loading demo data. Try again when it has finished.").waitFor();
  await one.getByText("Demo data loaded").waitFor({ timeout: 120_000 });
  // The other tabs read all 100,000 customers again (two tabs at once on a 2-core CI
  // machine): seconds.
  await two.getByText("Another tab has finished changing the data: this tab now shows it.").waitFor({ timeout: 60_000 });
  assert.equal(await status.count(), 0);
  for (const page of [two, one]) {
    await page.getByRole("link", { name: "Customers" }).click();
    await page.getByText("100,001 customers").waitFor({ timeout: 30_000 });
    await page.getByLabel("Search customers").fill("Khách Giữa Chừng");
    await page.getByRole("table", { name: "Customers" }).getByRole("link", { name: "Khách Giữa Chừng" }).waitFor({ timeout: 2000 });
  }
  assert.deepEqual([...one.errors, ...two.errors, ...three.errors], []);
  await context.close();
});
