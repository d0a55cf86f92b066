// End to end: the product catalogue grown from the orders, a known product suggested
// and filled in, and two spellings of one product merged (orders follow), with Undo.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open, addCustomer } from "./app.mjs";

let app;
before(async () => { app = await start(); });
after(async () => { await app.stop(); });

async function addOrder(page, { product, sku = "", category = "", quantity = "1", price }) {
  await page.getByRole("button", { name: "Add order" }).click();
  const form = page.getByRole("form", { name: "Add order" });
  await form.getByLabel("Product").fill(product);
  if (sku) await form.getByLabel("SKU").fill(sku);
  if (category) await form.getByLabel("Category").fill(category);
  await form.getByLabel("Quantity").fill(quantity);
  if (price) await form.getByLabel("Unit price").fill(price);
  return form;
}

test("products come from the orders; a known one is filled in; two spellings merge, and Undo splits them", async () => {
  const page = await app.page({ viewport: { width: 1440, height: 900 } });
  await open(page, app.base);
  await addCustomer(page, { name: "Nguyễn Văn An" });
  let form = await addOrder(page, { product: "Cà phê sữa", sku: "CF-S", category: "Đồ uống", quantity: "2", price: "29,000" });
  await form.getByLabel("Product").fill("Cà phê sữa");
  await form.getByRole("button", { name: "Save order" }).click();
  await page.getByText("Order saved.").first().waitFor();

  // Typed again, in other case: known, its SKU, category and price filled in.
  form = await addOrder(page, { product: "cà phê SỮA" });
  await form.getByText("Known product: CF-S · Đồ uống · ₫29,000.").waitFor();
  assert.equal(await form.getByLabel("SKU").inputValue(), "CF-S");
  assert.equal(await form.getByLabel("Category").inputValue(), "Đồ uống");
  assert.equal(await form.getByLabel("Unit price").inputValue(), "29,000");
  await form.getByLabel("Product").fill("Trà đào");
  await form.getByText("A new product: not sold before.").waitFor();
  await form.getByLabel("Product").fill("cà phê SỮA");
  await form.getByRole("button", { name: "Save order" }).click();
  await page.getByText("Order saved.").first().waitFor();

  await page.getByRole("link", { name: "Customers", exact: true }).click();
  await addCustomer(page, { name: "Trần Thị Bình" });
  const binh = new URL(page.url()).pathname;
  form = await addOrder(page, { product: "Ca phe sua da", price: "25,000" });
  await form.getByRole("button", { name: "Save order" }).click();
  await page.getByText("Order saved.").first().waitFor();

  await page.getByRole("link", { name: "Products" }).click();
  const table = page.getByRole("table", { name: "Products" });
  const row = (name) => table.getByRole("row").filter({ has: page.getByRole("rowheader", { name, exact: true }) });
  await row("Cà phê sữa").waitFor();
  assert.match(await row("Cà phê sữa").innerText(), /^Cà phê sữa\s+CF-S\s+Đồ uống\s+₫29,000\s+3\s+₫87,000\s+1\s+Rename$/);
  assert.match(await row("Ca phe sua da").innerText(), /₫25,000\s+1\s+₫25,000\s+1/);
  await page.getByText("2 products", { exact: false }).waitFor();

  // Merge the misspelling into the product.
  await row("Ca phe sua da").getByRole("button", { name: "Rename Ca phe sua da" }).click();
  const rename = page.getByRole("form", { name: "Rename or merge Ca phe sua da" });
  await rename.getByLabel("New name").fill("cà phê sữa");
  await rename.getByText("Cà phê sữa exists already: the two become one product, with all their orders.").waitFor();
  await rename.getByLabel("New name").fill("Cà phê sữa");
  await rename.getByRole("button", { name: "Merge" }).click();
  await page.getByText("Done. Orders changed: 1.").waitFor();
  await rename.waitFor({ state: "detached" });
  assert.equal(await row("Ca phe sua da").count(), 0);
  assert.match(await row("Cà phê sữa").innerText(), /\s4\s+₫112,000\s+2\s+Rename$/);

  await page.goto(app.base + binh);
  await page.getByRole("list", { name: "History" }).getByText("1 × Cà phê sữa", { exact: true }).waitFor();

  // Undo puts the old name back.
  await page.getByRole("link", { name: "Products" }).click();
  await row("Cà phê sữa").getByRole("button", { name: "Rename Cà phê sữa" }).click();
  const again = page.getByRole("form", { name: "Rename or merge Cà phê sữa" });
  await again.getByLabel("New name").fill("Cà phê sữa");
  await again.getByRole("button", { name: "Rename" }).click();
  await again.getByText("That is its name already.").waitFor();
  await again.getByLabel("New name").press("Escape");
  await again.waitFor({ state: "detached" });
  assert.deepEqual(page.errors, []);
});

test("Undo of a merge of two spellings brings the old name back in every order", async () => {
  const page = await app.page({ viewport: { width: 1024, height: 768 } });
  await open(page, app.base);
  await addCustomer(page, { name: "Lê Văn Cường" });
  const cuong = new URL(page.url()).pathname;
  let form = await addOrder(page, { product: "Bánh pía", price: "60,000" });
  await form.getByRole("button", { name: "Save order" }).click();
  await page.getByText("Order saved.").first().waitFor();
  form = await addOrder(page, { product: "Banh pia dau xanh", price: "65,000" });
  await form.getByRole("button", { name: "Save order" }).click();
  await page.getByText("Order saved.").first().waitFor();
  await page.getByRole("link", { name: "Products" }).click();
  const table = page.getByRole("table", { name: "Products" });
  await table.getByRole("button", { name: "Rename Banh pia dau xanh" }).click();
  const rename = page.getByRole("form", { name: "Rename or merge Banh pia dau xanh" });
  await rename.getByLabel("New name").fill("Bánh pía");
  await rename.getByRole("button", { name: "Merge" }).click();
  await page.getByText("Done. Orders changed: 1.").waitFor();
  await page.getByRole("button", { name: "Undo" }).click();
  await page.getByText("Rename undone.").waitFor();
  await table.getByRole("rowheader", { name: "Banh pia dau xanh", exact: true }).waitFor();
  await page.goto(app.base + cuong);
  await page.getByRole("list", { name: "History" }).getByText("1 × Banh pia dau xanh", { exact: true }).waitFor();
  assert.deepEqual(page.errors, []);
});
