// End to end: two records of one customer merged into one, and the merge undone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open, addCustomer } from "./app.mjs";

let app;
before(async () => { app = await start(); });
after(async () => { await app.stop(); });

test("two customers are merged: orders, interactions and contacts follow; the old address says where they went", async () => {
  const page = await app.page();
  await open(page, app.base);
  await addCustomer(page, { name: "Nguyễn Văn An", phone: "0912 345 678" });
  const kept = new URL(page.url()).pathname;
  await page.getByRole("button", { name: "Add order" }).click();
  const order = page.getByRole("form", { name: "Add order" });
  await order.getByLabel("Product").fill("Cà phê sữa");
  await order.getByLabel("Unit price").fill("45,000");
  await order.getByRole("button", { name: "Save order" }).click();
  await page.getByRole("list", { name: "History" }).getByText("1 × Cà phê sữa").waitFor();

  await page.getByRole("link", { name: "Customers" }).click();
  await addCustomer(page, { name: "An Nguyễn", email: "an@example.vn" });
  const gone = new URL(page.url()).pathname;
  await page.getByRole("button", { name: "Add interaction" }).click();
  const touch = page.getByRole("form", { name: "Add interaction" });
  await touch.getByLabel("Subject").fill("Hỏi giá");
  await touch.getByRole("button", { name: "Save interaction" }).click();
  await page.getByRole("list", { name: "History" }).getByText("Hỏi giá").waitFor();

  // Escape closes the panel; then merge, keeping the older record.
  await page.getByRole("button", { name: "Merge with another customer" }).click();
  const panel = page.getByRole("region", { name: "Merge with another customer" });
  await panel.getByLabel("Find the customer").press("Escape");
  await panel.waitFor({ state: "detached" });
  await page.getByRole("button", { name: "Merge with another customer" }).click();
  assert.equal(await panel.getByRole("button", { name: "Merge", exact: true }).isDisabled(), true);
  await panel.getByLabel("Find the customer").fill("0912345678");
  await panel.getByRole("list", { name: "Merge with another customer" }).getByRole("button", { name: /Nguyễn Văn An/ }).click();
  await panel.getByText("Will merge with Nguyễn Văn An (0912 345 678).").waitFor();
  await panel.getByLabel("Keep Nguyễn Văn An").check();
  await panel.getByText("An Nguyễn's orders (0) and interactions (1) move to Nguyễn Văn An.", { exact: false }).waitFor();
  await panel.getByRole("button", { name: "Merge", exact: true }).click();
  await page.getByText("Merged An Nguyễn into Nguyễn Văn An.").waitFor();
  await page.waitForURL((u) => u.pathname === kept, { waitUntil: "commit" });
  const history = page.getByRole("list", { name: "History" });
  await history.getByText("Hỏi giá").waitFor();
  await history.getByText("1 × Cà phê sữa").waitFor();
  await page.getByText("an@example.vn").waitFor();
  await page.getByText("0912 345 678").waitFor();

  // The merged-away customer's address says where they went; the list has one.
  await page.goto(app.base + gone);
  await page.getByRole("link", { name: "This customer was merged into Nguyễn Văn An." }).click();
  await page.waitForURL((u) => u.pathname === kept, { waitUntil: "commit" });
  await page.getByRole("link", { name: "Customers" }).click();
  await page.getByText("1 customer", { exact: true }).waitFor();
  assert.deepEqual(page.errors, []);
});

test("Undo of a merge brings the other customer back with what they had", async () => {
  const page = await app.page();
  await open(page, app.base);
  await addCustomer(page, { name: "Trần Thị Bình", email: "binh@example.vn" });
  const kept = new URL(page.url()).pathname;
  await page.getByRole("link", { name: "Customers" }).click();
  await addCustomer(page, { name: "Bình Trần", phone: "0913 000 111" });
  const other = new URL(page.url()).pathname;
  await page.getByRole("button", { name: "Add order" }).click();
  const order = page.getByRole("form", { name: "Add order" });
  await order.getByLabel("Product").fill("Trà sen");
  await order.getByLabel("Unit price").fill("85,000");
  await order.getByRole("button", { name: "Save order" }).click();
  await page.getByRole("list", { name: "History" }).getByText("1 × Trà sen").waitFor();
  // Bình Trần is on a static list: after the merge the list holds the one kept.
  await page.getByRole("link", { name: "Customers" }).click();
  await page.getByRole("checkbox", { name: "Select Bình Trần" }).check();
  const bulk = page.getByRole("region", { name: "Selected customers" });
  await bulk.getByLabel("New segment's name").fill("Khách quen");
  await bulk.getByRole("button", { name: "Add to segment" }).click();
  await page.getByText("1 customer added to Khách quen.").waitFor();
  await page.goto(app.base + other);

  await page.getByRole("button", { name: "Merge with another customer" }).click();
  const panel = page.getByRole("region", { name: "Merge with another customer" });
  await panel.getByLabel("Find the customer").fill("binh@example");
  await panel.getByRole("button", { name: /Trần Thị Bình/ }).click();
  await panel.getByLabel("Keep Trần Thị Bình").check();
  await panel.getByText("Bình Trần's orders (1) and interactions (0) move to Trần Thị Bình.", { exact: false }).waitFor();
  await panel.getByRole("button", { name: "Merge", exact: true }).click();
  await page.waitForURL((u) => u.pathname === kept, { waitUntil: "commit" });
  await page.getByRole("list", { name: "History" }).getByText("1 × Trà sen").waitFor();
  await page.getByText("0913 000 111").waitFor();
  await page.getByRole("region", { name: "Status and next step" }).getByRole("link", { name: "Khách quen" }).waitFor();
  await page.getByRole("button", { name: "Undo" }).click();
  await page.getByText("Merge undone.").waitFor();
  await page.getByText("No orders or interactions yet.").waitFor();
  assert.equal(await page.getByText("0913 000 111").count(), 0);

  await page.reload();
  await page.getByText("No orders or interactions yet.").waitFor();
  await page.goto(app.base + other);
  await page.getByRole("heading", { level: 1, name: "Bình Trần" }).waitFor();
  await page.getByRole("list", { name: "History" }).getByText("1 × Trà sen").waitFor();
  await page.getByRole("region", { name: "Status and next step" }).getByRole("link", { name: "Khách quen" }).waitFor();
  await page.getByRole("link", { name: "Customers" }).click();
  await page.getByText("2 customers", { exact: true }).waitFor();
  assert.deepEqual(page.errors, []);
});
