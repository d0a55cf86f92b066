// End to end: correcting a customer's orders and interactions as a shop owner would,
// by mouse and keyboard: edit, Escape, delete with Undo, move an order to another
// customer (and back with Undo), all kept after a reload.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open, addCustomer } from "./app.mjs";

let app;
before(async () => { app = await start(); });
after(async () => { await app.stop(); });

async function addOrder(page, { product, quantity = "1", price }) {
  await page.getByRole("button", { name: "Add order" }).click();
  const form = page.getByRole("form", { name: "Add order" });
  await form.getByLabel("Product").fill(product);
  await form.getByLabel("Quantity").fill(quantity);
  await form.getByLabel("Unit price").fill(price);
  await form.getByRole("button", { name: "Save order" }).click();
  await page.getByText("Order saved.").first().waitFor();
}

test("an order is edited, left with Escape, deleted and brought back with Undo", async () => {
  const page = await app.page();
  await open(page, app.base);
  await addCustomer(page, { name: "Nguyễn Văn An" });
  await addOrder(page, { product: "Cà phê sữa", quantity: "2", price: "45,000" });
  const orders = page.getByRole("list", { name: "History" });
  await orders.getByText("2 × Cà phê sữa", { exact: true }).waitFor();

  // Edit: the form opens with the order's values; change the quantity and status.
  await orders.getByRole("button", { name: /^Edit order of / }).click();
  let form = page.getByRole("form", { name: "Edit order" });
  assert.equal(await form.getByLabel("Product").inputValue(), "Cà phê sữa");
  assert.equal(await form.getByLabel("Unit price").inputValue(), "45,000");
  await form.getByLabel("Quantity").fill("3");
  await form.getByLabel("Status").selectOption("Refunded");
  await form.getByRole("button", { name: "Save changes" }).click();
  await orders.getByText("3 × Cà phê sữa", { exact: true }).waitFor();
  await orders.getByText(/ · Refunded$/).waitFor();
  await orders.getByText("₫135,000", { exact: true }).waitFor();
  assert.equal(await form.count(), 0, "the form closes after saving");

  // Escape leaves the form without saving.
  await orders.getByRole("button", { name: /^Edit order of / }).click();
  form = page.getByRole("form", { name: "Edit order" });
  await form.getByLabel("Quantity").fill("9");
  await form.getByLabel("Quantity").press("Escape");
  await form.waitFor({ state: "detached" });
  await orders.getByText("3 × Cà phê sữa", { exact: true }).waitFor();

  // Delete, then Undo. The keyboard is not left on another row's Delete: a second
  // Enter deletes nothing more.
  await addOrder(page, { product: "Bánh mì", price: "25,000" });
  const row = (text) => orders.getByRole("listitem").filter({ hasText: text });
  await row("3 × Cà phê sữa").getByRole("button", { name: /^Delete order of / }).focus();
  await page.keyboard.press("Enter");
  await page.getByText("Order deleted.").waitFor();
  await page.keyboard.press("Enter");
  await orders.getByText("1 × Bánh mì", { exact: true }).waitFor();
  assert.equal(await orders.getByText("3 × Cà phê sữa", { exact: true }).count(), 0);
  await page.getByRole("button", { name: "Undo" }).click();
  await page.getByText("Order restored.").waitFor();
  await orders.getByText("3 × Cà phê sữa", { exact: true }).waitFor();
  await orders.getByText("1 × Bánh mì", { exact: true }).waitFor();

  await page.reload();
  await page.getByRole("list", { name: "History" }).getByText("3 × Cà phê sữa", { exact: true }).waitFor();
  await page.getByRole("list", { name: "History" }).getByText(/ · Refunded$/).waitFor();
  assert.deepEqual(page.errors, []);
});

test("an order is moved to another customer, and back with Undo", async () => {
  const page = await app.page();
  await open(page, app.base);
  await addCustomer(page, { name: "Trần Thị Bình", phone: "0912 345 678" });
  const binh = new URL(page.url()).pathname;
  await page.getByRole("link", { name: "Customers" }).click();
  await addCustomer(page, { name: "Lê Văn Cường" });
  const cuong = new URL(page.url()).pathname;
  await addOrder(page, { product: "Trà sen", price: "85,000" });
  const orders = page.getByRole("list", { name: "History" });
  await orders.getByRole("button", { name: /^Edit order of / }).click();
  const form = page.getByRole("form", { name: "Edit order" });
  await form.getByRole("button", { name: "Move to another customer" }).click();
  await form.getByLabel("Find the customer").fill("binh");
  await form.getByRole("list", { name: "Move to another customer" }).getByRole("button", { name: /Trần Thị Bình/ }).click();
  await form.getByRole("status").filter({ hasText: "Will move to Trần Thị Bình (0912 345 678) when saved." }).waitFor();
  await form.getByRole("button", { name: "Save changes" }).click();
  await page.getByText("Order moved to Trần Thị Bình.").waitFor();
  await page.getByText("No orders or interactions yet.").waitFor();

  await page.goto(app.base + binh);
  await page.getByRole("list", { name: "History" }).getByText("1 × Trà sen", { exact: true }).waitFor();
  await page.goto(app.base + cuong);
  await page.getByText("No orders or interactions yet.").waitFor();

  // Undo of a move, straight after it.
  await page.getByRole("list", { name: "History" }).waitFor({ state: "detached" });
  await addOrder(page, { product: "Bánh pía", price: "60,000" });
  await page.getByRole("list", { name: "History" }).getByRole("button", { name: /^Edit order of / }).click();
  const again = page.getByRole("form", { name: "Edit order" });
  await again.getByRole("button", { name: "Move to another customer" }).click();
  await again.getByLabel("Find the customer").fill("0912345678");
  await again.getByRole("button", { name: /Trần Thị Bình/ }).click();
  await again.getByRole("button", { name: "Save changes" }).click();
  await page.getByText("Order moved to Trần Thị Bình.").waitFor();
  await page.getByRole("button", { name: "Undo" }).click();
  await page.getByText("Order restored.").waitFor();
  await page.getByRole("list", { name: "History" }).getByText("1 × Bánh pía", { exact: true }).waitFor();
  await page.goto(app.base + binh);
  const left = page.getByRole("list", { name: "History" });
  await left.getByText("1 × Trà sen", { exact: true }).waitFor();
  assert.equal(await left.getByText("1 × Bánh pía", { exact: true }).count(), 0);
  assert.deepEqual(page.errors, []);
});

test("an interaction is edited and deleted with Undo, by keyboard", async () => {
  const page = await app.page();
  await open(page, app.base);
  await addCustomer(page, { name: "Phạm Thu Trang" });
  await page.getByRole("button", { name: "Add interaction" }).click();
  const add = page.getByRole("form", { name: "Add interaction" });
  await add.getByLabel("Subject").fill("Gọi hỏi thăm");
  await add.getByRole("button", { name: "Save interaction" }).click();
  const timeline = page.getByRole("list", { name: "History" });
  await timeline.getByText("Gọi hỏi thăm").waitFor();

  await timeline.getByRole("button", { name: /^Edit interaction of / }).focus();
  await page.keyboard.press("Enter");
  const form = page.getByRole("form", { name: "Edit interaction" });
  assert.equal(await form.getByLabel("Subject").inputValue(), "Gọi hỏi thăm");
  // The keyboard is taken to the form's first field.
  await page.waitForFunction(() => document.activeElement?.tagName === "INPUT");
  assert.ok(await form.getByLabel("Date").evaluate((el) => el === document.activeElement));
  await form.getByLabel("Subject").fill("Gọi cảm ơn sau khi mua");
  await form.getByLabel("Date").fill("01/12/2026");
  await form.getByLabel("Subject").press("Enter");
  await page.getByText("Interaction saved.").last().waitFor();
  await timeline.getByText("Gọi cảm ơn sau khi mua").waitFor();
  await timeline.getByText(/^01\/12\/2026/).waitFor();
  assert.equal(await timeline.getByText("Gọi hỏi thăm").count(), 0);

  await timeline.getByRole("button", { name: /^Delete interaction of / }).click();
  await page.getByText("Interaction deleted.").waitFor();
  await page.getByText("No orders or interactions yet.").waitFor();
  await page.getByRole("button", { name: "Undo" }).click();
  await timeline.getByText("Gọi cảm ơn sau khi mua").waitFor();
  await page.reload();
  await page.getByRole("list", { name: "History" }).getByText("Gọi cảm ơn sau khi mua").waitFor();
  assert.deepEqual(page.errors, []);
});

// Issue 15: one timeline, newest first, ten at a time.
test("the timeline mixes orders and interactions, newest first, ten at a time", async () => {
  const page = await app.page();
  await open(page, app.base);
  const rows = ["Mã đơn,Email,Tên khách hàng,Ngày mua,Sản phẩm,Tổng tiền"];
  for (let n = 1; n <= 25; n++) {
    const day = String(n).padStart(2, "0");
    rows.push(`DH${n},an@example.vn,Nguyễn Văn An,${day}/10/2025,Món ${n},${n}0.000`);
  }
  await page.getByRole("link", { name: "Import", exact: true }).click();
  await page.getByLabel(/Choose a CSV file/).setInputFiles({
    name: "don-hang.csv", mimeType: "text/csv", buffer: Buffer.from(rows.join("\n"), "utf8"),
  });
  await page.getByRole("button", { name: "Check the file" }).click();
  await page.getByRole("button", { name: /^Import \d+ records$/ }).click();
  await page.getByText(/^don-hang\.csv: \d+ new/).waitFor();
  await page.getByRole("link", { name: "Customers" }).click();
  await page.getByRole("link", { name: "Nguyễn Văn An" }).click();
  await page.getByRole("button", { name: "Add interaction" }).click();
  const add = page.getByRole("form", { name: "Add interaction" });
  await add.getByLabel("Subject").fill("Hỏi về đơn mới");
  await add.getByRole("button", { name: "Save interaction" }).click();
  await add.waitFor({ state: "detached" });

  const timeline = page.getByRole("list", { name: "History" });
  const items = timeline.getByRole("listitem");
  await page.getByText("Showing 10 of 26.").waitFor();
  assert.equal(await items.count(), 10);
  assert.match(await items.nth(0).innerText(), /Hỏi về đơn mới/, "today's interaction first");
  assert.match(await items.nth(1).innerText(), /^25\/10\/2025 · Order ·[\s\S]*1 × Món 25/);
  assert.match(await items.nth(9).innerText(), /^17\/10\/2025 · Order/);
  await page.getByRole("button", { name: "Show 10 more" }).click();
  await page.getByText("Showing 20 of 26.").waitFor();
  assert.equal(await items.count(), 20);
  await page.getByRole("button", { name: "Show 6 more" }).click();
  await page.getByText("Showing 26 of 26.").waitFor();
  assert.match(await items.nth(25).innerText(), /^01\/10\/2025 · Order[\s\S]*₫10,000/);
  assert.equal(await page.getByRole("button", { name: /^Show \d+ more$/ }).count(), 0);
  assert.deepEqual(page.errors, []);
});
