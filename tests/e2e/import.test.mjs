// End to end: importing a shop's files as its owner would, in headless Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open } from "./app.mjs";

let app;
before(async () => { app = await start(); });
after(async () => { await app.stop(); });

async function chooseFile(page, name, text) {
  await page.getByRole("link", { name: /^(Import|Nhập dữ liệu)$/ }).click();
  await page.getByLabel(/Choose a CSV file|Chọn tệp CSV/).setInputFiles({
    name,
    mimeType: "text/csv",
    buffer: Buffer.from(text, "utf8"),
  });
}

const CUSTOMERS = [
  "Tên khách hàng,Liên hệ,Email,Tỉnh/Thành phố",
  "Nguyễn Văn An,0912 345 678,an@example.vn,Hà Nội",
  "Trần Thị Bình,+84 913 000 111,binh@example.vn,Đà Nẵng",
  "Lê Cường,0914 222 333,cuong@@example,Huế",
].join("\n");

test("customers with Vietnamese headers: bad row shown by line, mapping fixed, imported, found, reverted", async () => {
  const page = await app.page();
  await open(page, app.base);
  await chooseFile(page, "khach-hang.csv", CUSTOMERS);
  await page.getByText("khach-hang.csv: 4 columns").waitFor();
  // "Liên hệ" holds phone numbers but its header does not say so: not mapped.
  const contact = page.getByLabel("Goes to Liên hệ");
  assert.equal(await contact.inputValue(), "Ignore");
  assert.equal(await page.getByLabel("Goes to Tên khách hàng").inputValue(), "FullName");
  await page.getByRole("button", { name: "Check the file" }).click();
  const problems = page.getByRole("table").filter({ hasText: "Problem" });
  await problems.waitFor();
  const row = problems.getByRole("row").filter({ hasText: "cuong@@example" });
  assert.match(await row.innerText(), /^4\s+Email\s+cuong@@example\s+not an email address$/);
  assert.match(await page.getByText("With problems", { exact: true }).locator("..").innerText(), /With problems\s+1/);

  // Fix the mapping and check again: the preview now shows the phones.
  await page.getByRole("button", { name: "Change the mapping" }).click();
  await contact.selectOption("Phone");
  await page.getByRole("button", { name: "Check the file" }).click();
  await page.getByRole("heading", { name: "First records, as they will be stored" }).waitFor();
  await page.getByRole("cell", { name: "0912 345 678" }).last().waitFor();
  // Blocking on problems disables the import; skipping them allows it.
  await page.getByLabel("Rows with problems").selectOption("block");
  assert.equal(await page.getByRole("button", { name: "Import 2 records" }).isDisabled(), true);
  await page.getByLabel("Rows with problems").selectOption("skip");
  await page.getByRole("button", { name: "Import 2 records" }).click();
  await page.getByText("khach-hang.csv: 2 new, 0 updated.").waitFor();
  const history = page.getByRole("table").filter({ hasText: "khach-hang.csv" });
  await history.waitFor();

  // Found by a search without diacritics and by the phone written the other way.
  await page.getByRole("link", { name: "Customers" }).click();
  await page.getByLabel("Search customers").fill("nguyen van");
  await page.getByRole("link", { name: "Nguyễn Văn An" }).waitFor();
  await page.getByLabel("Search customers").fill("0913000111");
  await page.getByRole("link", { name: "Trần Thị Bình" }).waitFor();

  // The same file again: nothing new.
  await chooseFile(page, "khach-hang.csv", CUSTOMERS);
  await page.getByLabel("Goes to Liên hệ").waitFor();
  assert.equal(await page.getByLabel("Goes to Liên hệ").inputValue(), "Phone", "the corrected mapping is remembered");
  await page.getByRole("button", { name: "Check the file" }).click();
  await page.getByText("Nothing to import").waitFor();

  // Revert the import: the customers are gone, after a reload too.
  await page.getByRole("button", { name: "Revert khach-hang.csv" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revert" }).click();
  await page.getByText("Import reverted: 2 records deleted, 0 customers restored.").waitFor();
  await page.reload();
  await open(page, app.base, "/customers");
  await page.getByLabel("Search customers").fill("nguyen");
  // (Was a pattern whose first alternative could never match the page's words.)
  await page.getByText("No customer matches.", { exact: true }).waitFor();
  await page.getByText("0 customers", { exact: true }).waitFor();
  assert.deepEqual(page.errors, []);
});

const SHOPIFY = [
  "Name,Email,Financial Status,Paid at,Currency,Subtotal,Total,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Billing Name,Billing City,Billing Phone,Cancelled at,Refunded Amount,Id",
  "#1001,an@example.vn,paid,,VND,300000,300000,2025-10-01 10:00:00 +0700,2,Cà phê hạt,100000,CF-1,Nguyễn Văn An,Hà Nội,0912345678,,0,1",
  "#1001,an@example.vn,,,,,,2025-10-01 10:00:00 +0700,1,Phin,100000,PH-1,,,,,,1",
  "#1002,binh@example.vn,partially_refunded,,VND,500000,500000,2025-10-02 09:30:00 +0700,5,Trà,100000,TR-1,Trần Bình,Huế,,,150000,2",
  "#1003,an@example.vn,paid,,VND,200000,200000,2025-10-03 08:00:00 +0700,1,Cà phê hạt,200000,CF-1,Nguyễn Văn An,Hà Nội,,2025-10-03 12:00:00 +0700,,3",
  "#1004,,paid,,VND,100000,100000,2025-10-04 08:00:00 +0700,1,Trà,100000,TR-1,Khách lẻ,,+84 912 345 678,,,4",
].join("\n");

test("a Shopify orders export: recognised, line items grouped, customers' totals", async () => {
  const page = await app.page();
  await open(page, app.base);
  await chooseFile(page, "orders_export.csv", SHOPIFY);
  await page.getByText("Shopify orders export recognised.").waitFor();
  assert.equal(await page.getByLabel("The file holds").inputValue(), "Orders");
  await page.getByRole("button", { name: "Check the file" }).click();
  await page.getByRole("cell", { name: "2 × Cà phê hạt, 1 × Phin" }).waitFor();
  // 4 orders and the 2 customers they name.
  await page.getByRole("button", { name: "Import 6 records" }).click();
  await page.getByText("orders_export.csv: 6 new, 0 updated.").waitFor();

  await page.getByRole("link", { name: "Customers" }).click();
  await page.getByLabel("Search customers").fill("nguyen van an");
  const an = page.getByRole("row").filter({ hasText: "Nguyễn Văn An" });
  // #1001 and #1004 (matched by the phone in +84 form) count; #1003 was cancelled.
  await an.filter({ hasText: "400,000" }).waitFor();
  await page.getByLabel("Search customers").fill("tran binh");
  await page.getByRole("row").filter({ hasText: "Trần Bình" }).filter({ hasText: "350,000" }).waitFor();
  assert.deepEqual(page.errors, []);
});

test("a spreadsheet that is not CSV, and a mapping that names no customer, are refused with a message", async () => {
  const page = await app.page();
  await open(page, app.base);
  await page.getByRole("link", { name: /^(Import|Nhập dữ liệu)$/ }).click();
  await page.getByLabel(/Choose a CSV file/).setInputFiles({
    name: "khach.xlsx",
    mimeType: "application/octet-stream",
    buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfd, 0x0a, 0x41]),
  });
  await page.getByText("Line 1: this is not a text file. Save the spreadsheet as CSV first.").waitFor();

  await chooseFile(page, "ghi-chu.csv", "Ghi chú,Thành phố\nKhách quen,Huế\n");
  await page.getByRole("button", { name: "Check the file" }).click();
  // Said next to the button that was pressed, not at the top of the page.
  const refusal = page.getByRole("alert").filter({ hasText: "No column says who the customer is: map an email, phone, name or customer id column." });
  await refusal.waitFor();
  assert.equal(await refusal.count(), 1);
  assert.equal(await refusal.isVisible(), true);
  assert.ok((await refusal.boundingBox()).y > (await page.getByRole("heading", { name: "Columns" }).boundingBox()).y);
  assert.equal(await page.getByRole("heading", { name: "What will happen" }).count(), 0);
  await page.getByText("No imports yet.").waitFor();
  assert.deepEqual(page.errors, []);
});

test("the Import page opened directly: history shown once storage is open, an orders file recognised by its columns", async () => {
  const page = await app.page();
  // A bookmark or a reload on the Import page: storage is not open yet when it shows.
  await page.goto(app.base + "/import");
  await page.getByText("No imports yet.").waitFor();
  assert.equal(await page.getByRole("alert").count(), 0);
  await page.getByLabel(/Choose a CSV file/).setInputFiles({
    name: "don-hang.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("Mã đơn,Email,Ngày mua,Tổng tiền\nDH1,an@example.vn,01/10/2025,150.000\n", "utf8"),
  });
  await page.getByText("don-hang.csv: 4 columns").waitFor();
  assert.equal(await page.getByLabel("The file holds").inputValue(), "Orders");
  assert.equal(await page.getByLabel("Goes to Tổng tiền").inputValue(), "Total");
  assert.deepEqual(page.errors, []);
});
