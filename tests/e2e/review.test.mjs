// End to end: defects found in the review of issue 14, each with the test that
// failed before its fix.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { start, open, addCustomer } from "./app.mjs";

let app;
before(async () => { app = await start(); });
after(async () => { await app.stop(); });

// Bug: "today" was the UTC day: in Hà Nội (UTC+7) a consent given between 00:00 and
// 07:00 was dated the day before. The browser here is put in a time zone whose date
// differs from UTC's right now (UTC−12 in the UTC morning, UTC+14 later on).
test("a consent is dated with the shop's local day, not UTC's", async () => {
  const timezoneId = new Date().getUTCHours() < 12 ? "Etc/GMT+12" : "Pacific/Kiritimati";
  const local = (d) => new Intl.DateTimeFormat("en-GB", { timeZone: timezoneId, day: "2-digit", month: "2-digit", year: "numeric" }).format(d);
  const today = local(new Date());
  assert.notEqual(today, new Intl.DateTimeFormat("en-GB", { timeZone: "UTC" }).format(new Date()), "the zone's date differs from UTC's");
  const context = await app.browser.newContext({ viewport: { width: 1024, height: 768 }, timezoneId });
  const page = await app.page({ context });
  await open(page, app.base);
  await page.getByRole("link", { name: "New customer" }).click();
  await page.getByLabel(/^Name( \*)?$/).fill("Đỗ Minh Châu");
  // Born on this local day 30 years ago: 30 today there.
  const [dd, mm, yyyy] = today.split("/");
  await page.getByText("More details").click();
  await page.getByLabel("Birthday").fill(`${dd}/${mm}/${Number(yyyy) - 30}`);
  await page.getByRole("group", { name: "Marketing consent" }).getByLabel("Email").check();
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByRole("heading", { level: 1, name: "Đỗ Minh Châu" }).waitFor();
  await page.getByText(`Email: yes (${today})`).waitFor();
  await page.getByText(`${dd}/${mm}/${Number(yyyy) - 30} (30 years)`).waitFor();
  await context.close();
});

// Bug: a failed Undo of a segment deletion was silently dropped.
test("an Undo of a segment deletion that cannot be done says why", async () => {
  const context = await app.browser.newContext({ viewport: { width: 1024, height: 768 } });
  const one = await app.page({ context });
  await open(one, app.base);
  await one.goto(app.base + "/segments/new");
  await one.getByLabel("Value").first().fill("Huế");
  await one.getByLabel(/^Segment name/).fill("Khách Huế");
  await one.getByRole("button", { name: "Save segment" }).click();
  await one.getByRole("heading", { level: 1, name: "Khách Huế" }).waitFor();
  await one.getByRole("button", { name: "Delete segment" }).click();
  await one.getByRole("dialog").getByRole("button", { name: "Delete segment" }).click();
  const undo = one.getByRole("button", { name: "Undo" });
  await undo.waitFor();
  // Meanwhile another tab erases everything: the segment is gone for good.
  const two = await app.page({ context });
  await open(two, app.base, "/settings");
  await two.getByRole("button", { name: "Erase all data" }).click();
  await two.getByRole("dialog").getByRole("button", { name: "Erase everything" }).click();
  await two.getByText("All data erased.", { exact: true }).waitFor();
  await undo.click();
  await one.getByText("This record no longer exists.").waitFor();
  await context.close();
});

// Bug: the storage test hooks (put_raw_*_v1, fail_next_write) shipped in the
// release wasm.
test("the release build has no test hooks", () => {
  const dist = new URL("../../dist/", import.meta.url);
  const wasm = readdirSync(dist).filter((f) => f.endsWith(".wasm"));
  assert.ok(wasm.length > 0, "dist/ has the app's wasm");
  for (const f of wasm) {
    const bytes = readFileSync(new URL(f, dist));
    for (const hook of ["injected failure", "put_raw_customers_v1", "fail_next_write"]) {
      assert.equal(bytes.indexOf(hook), -1, `${f} holds "${hook}"`);
    }
  }
});
