// End to end: exporting to CSV, backing up, and restoring a backup (merged, refused
// when damaged, replacing everything), as a shop owner would in headless Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { start, open, addCustomer } from "./app.mjs";

let app;
before(async () => { app = await start(); });
after(async () => { await app.stop(); });

async function downloadOf(page, button) {
  const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
  return { name: download.suggestedFilename(), text: await readFile(await download.path(), "utf8") };
}

async function restore(page, name, text, mode) {
  await page.getByLabel("Backup file").setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(text, "utf8") });
  await page.getByLabel(mode).check();
  await page.getByRole("button", { name: "Restore", exact: true }).click();
}

async function names(page) {
  await page.getByRole("link", { name: "Customers" }).click();
  const links = page.getByRole("row").getByRole("link");
  await links.first().waitFor();
  return (await links.allInnerTexts()).sort();
}

test("export CSV, back up, restore merged, refuse a damaged file, replace everything", async () => {
  const page = await app.page();
  await open(page, app.base);
  await addCustomer(page, { name: "Nguyễn Văn An", email: "an@example.vn", phone: "+84 912 345 678" });
  await page.getByRole("link", { name: "Customers" }).click();
  await addCustomer(page, { name: "=Trần Bình", email: "binh@example.vn" });

  await page.getByRole("link", { name: "Export & backup" }).click();
  await page.getByRole("heading", { level: 1, name: "Export & backup" }).waitFor();
  // CSV for Excel: semicolons, marked UTF-8, the formula-like name neutralised.
  await page.getByLabel("Separator").selectOption("semicolon");
  const csv = await downloadOf(page, page.getByRole("button", { name: "Export customers" }));
  assert.match(csv.name, /^customers-\d{4}-\d{2}-\d{2}\.csv$/);
  assert.ok(csv.text.startsWith("\uFEFFCustomer ID;Name;"), csv.text.slice(0, 40));
  assert.match(csv.text, /;Nguyễn Văn An;/);
  assert.match(csv.text, /;'=Trần Bình;/);
  assert.match(csv.text, /;'\+84 912 345 678;/);
  // The choice is remembered.
  await page.reload();
  assert.equal(await page.getByLabel("Separator").inputValue(), "semicolon");

  const backup = await downloadOf(page, page.getByRole("button", { name: "Download a backup" }));
  assert.match(backup.name, /^clientele-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const json = JSON.parse(backup.text);
  assert.equal(json.format, "clientele-backup");
  assert.equal(json.version, 1);
  assert.equal(json.counts.customers, 2);
  assert.equal(json.customers.length, 2);

  // Edited after the backup: merging the backup back keeps the later edit.
  await page.getByRole("link", { name: "Customers" }).click();
  await page.getByRole("row").getByRole("link", { name: "Nguyễn Văn An", exact: true }).click();
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  await page.getByLabel(/^Name( \*)?$/).fill("Nguyễn Văn An (sửa)");
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByRole("heading", { level: 1, name: "Nguyễn Văn An (sửa)" }).waitFor();
  await page.getByRole("link", { name: "Export & backup" }).click();
  await restore(page, backup.name, backup.text, "Merge into the data here");
  // Nothing merged: exactly this (an `.or()` here also matched "10 added" before).
  await page.getByText("0 added, 0 updated", { exact: true }).waitFor();
  assert.deepEqual(await names(page), ["=Trần Bình", "Nguyễn Văn An (sửa)"]);

  // A damaged or cut file is refused and changes nothing.
  await page.getByRole("link", { name: "Export & backup" }).click();
  await restore(page, "cut.json", backup.text.slice(0, backup.text.length / 2), "Merge into the data here");
  await page.getByRole("alert").filter({ hasText: "The backup is incomplete: the file ends early. Nothing was changed." }).waitFor();
  const newer = backup.text.replace('"version":1', '"version":7');
  await restore(page, "newer.json", newer, "Merge into the data here");
  await page.getByRole("alert").filter({ hasText: "made by a newer version of Clientele (backup version 7)" }).waitFor();

  // Replacing: after a confirmation, this device holds exactly the backup.
  await restore(page, backup.name, backup.text, "Replace all the data here");
  const dialog = page.getByRole("dialog", { name: "Replace all the data on this device?" });
  await dialog.getByRole("button", { name: "Replace everything" }).click();
  await page.getByText("Customers: 2 added, 0 updated").waitFor();
  assert.deepEqual(await names(page), ["=Trần Bình", "Nguyễn Văn An"]);
  await page.reload();
  await page.waitForFunction(() => performance.getEntriesByName("clientele:facts-loaded").length > 0);
  assert.deepEqual(await names(page), ["=Trần Bình", "Nguyễn Văn An"]);
  assert.deepEqual(page.errors, []);
});

test("a backup from another device merges in: both devices' customers, in Vietnamese", async () => {
  const first = await app.page();
  await open(first, app.base);
  await addCustomer(first, { name: "Phạm Thu Hà", email: "ha@example.vn" });
  await first.getByRole("link", { name: "Export & backup" }).click();
  const backup = await downloadOf(first, first.getByRole("button", { name: "Download a backup" }));

  // A second device (its own browser storage) with its own customer.
  const second = await app.page();
  await open(second, app.base);
  await addCustomer(second, { name: "Đỗ Minh Khoa" });
  await second.getByRole("button", { name: "Tiếng Việt" }).click();
  await second.getByRole("link", { name: "Xuất & sao lưu" }).click();
  await second.getByLabel("Tệp sao lưu").setInputFiles({ name: backup.name, mimeType: "application/json", buffer: Buffer.from(backup.text, "utf8") });
  await second.getByRole("button", { name: "Khôi phục", exact: true }).click();
  await second.getByText("Khách hàng: thêm 1, cập nhật 0").waitFor();
  await second.getByRole("link", { name: "Khách hàng" }).click();
  await second.getByRole("row").getByRole("link", { name: "Phạm Thu Hà" }).waitFor();
  await second.getByRole("row").getByRole("link", { name: "Đỗ Minh Khoa" }).waitFor();
  assert.deepEqual(second.errors, []);
});

// Defect 4 of issue 14: a failed download showed the raw JavaScript error text.
test("a download the browser refuses is said in the user's words, in both languages", async () => {
  const page = await app.page();
  await open(page, app.base);
  await addCustomer(page, { name: "Lê Thị Hạnh" });
  await page.evaluate(() => { URL.createObjectURL = () => { throw new Error("blocked by test"); }; });
  await page.getByRole("link", { name: "Export & backup" }).click();
  await page.getByRole("button", { name: "Export customers" }).click();
  await page.getByText("The browser could not save the file. Check that downloads are allowed and that the device has free space, then try again.").waitFor();
  assert.equal(await page.getByText("blocked by test").count(), 0);
  assert.equal(await page.getByText("The file is in your downloads.").count(), 0);
  await page.getByRole("button", { name: "Tiếng Việt" }).click();
  await page.getByRole("button", { name: "Tải bản sao lưu" }).click();
  await page.getByText("Trình duyệt không lưu được tệp.", { exact: false }).waitFor();
  assert.equal(await page.getByText("blocked by test").count(), 0);
});
