// End to end: the data kept safe on the device, as a new shop owner meets it: three
// ways in on an empty database; the browser asked once, at the first customer, to
// keep the data (and what a refusal means, in the header and Settings); the gentle
// backup reminder after a week with changes, one click to back up, or Later.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open, addCustomer } from "./app.mjs";

let app;
before(async () => { app = await start(); });
after(async () => { await app.stop(); });

/// A page whose browser answers `granted` to a request to keep the data, counting
/// the requests in `window.persistCalls`; `safety` is what the device remembers of
/// its backups, in days before now (set once, before the app first loads).
async function pageWith({ granted, safety }) {
  const page = await app.page();
  await page.addInitScript(({ granted, safety }) => {
    window.persistCalls = () => Number(sessionStorage.getItem("persistCalls") || 0);
    navigator.storage.persisted = async () => sessionStorage.getItem("persisted") === "true";
    navigator.storage.persist = async () => {
      sessionStorage.setItem("persistCalls", String(window.persistCalls() + 1));
      sessionStorage.setItem("persisted", String(granted));
      return granted;
    };
    if (safety && !sessionStorage.getItem("seeded")) {
      const ago = (days) => (days == null ? null : Date.now() - days * 86_400_000);
      localStorage.setItem("clientele.safety", JSON.stringify({
        last_backup: ago(safety.backup), first_data: ago(safety.first), snoozed_until: null, asked_persistence: true,
      }));
      sessionStorage.setItem("seeded", "1");
    }
  }, { granted, safety: safety ?? null });
  return page;
}

test("an empty database offers three ways in", async () => {
  const page = await app.page();
  await open(page, app.base);
  await page.getByRole("heading", { name: "Welcome to Clientele" }).waitFor();
  await page.getByRole("link", { name: "Try demo data" }).waitFor();
  await page.getByRole("link", { name: "Add a customer" }).waitFor();
  await page.getByRole("link", { name: "Import my customer list" }).click();
  await page.getByRole("heading", { level: 1, name: "Import" }).waitFor();
});

test("the browser is asked once, at the first customer; a refusal is explained in the header and Settings", async () => {
  const page = await pageWith({ granted: false });
  await open(page, app.base);
  assert.equal(await page.evaluate(() => window.persistCalls()), 0, "not asked before there is data");
  await addCustomer(page, { name: "Hồ Thị Lan" });
  await page.getByText("Clientele asked the browser to keep your data even when the device runs low on space, and it declined: keep a backup (Export & backup).").waitFor();
  const warning = page.getByRole("link", { name: "Data not protected" });
  await warning.waitFor();
  await page.getByRole("link", { name: "Customers" }).click();
  await addCustomer(page, { name: "Đỗ Minh Khoa" });
  assert.equal(await page.evaluate(() => window.persistCalls()), 1, "asked once only");
  await warning.click();
  await page.getByText("This browser may delete Clientele's data when the device runs low on space.", { exact: false }).waitFor();
  await page.getByText("No backup yet").waitFor();
  assert.deepEqual(page.errors, []);
});

test("granted: said once, and no warning", async () => {
  const page = await pageWith({ granted: true });
  await open(page, app.base);
  await addCustomer(page, { name: "Vũ Hải Yến" });
  await page.getByText("Clientele asked the browser to keep your data even when the device runs low on space, and it will.").waitFor();
  assert.equal(await page.getByRole("link", { name: "Data not protected" }).count(), 0);
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("heading", { name: "Storage" }).waitFor();
  assert.equal(await page.getByRole("button", { name: "Keep data on this device" }).count(), 0, "nothing left to ask");
  assert.equal(await page.getByText("This browser may delete Clientele's data", { exact: false }).count(), 0);
});

test("after a week without a backup and with changes, a reminder; one click backs up", async () => {
  const page = await pageWith({
    granted: true,
    safety: { backup: null, first: 10 },
  });
  await open(page, app.base);
  await addCustomer(page, { name: "Ngô Bảo Châu" });
  const reminder = page.getByRole("region", { name: "Back up now" });
  await reminder.getByText("You have not made a backup yet.", { exact: false }).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    reminder.getByRole("button", { name: "Back up now" }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^clientele-backup-.*\.json$/);
  await page.getByText("Backup saved to your downloads.").waitFor();
  await reminder.waitFor({ state: "detached" });
  await page.getByRole("link", { name: "Export & backup" }).click();
  await page.getByText("Last backup: today").waitFor();
  await page.reload();
  await page.getByText("Last backup: today").waitFor();
  assert.equal(await reminder.count(), 0);
});

test("a backup 9 days old with changes since is reminded of; Later puts it off", async () => {
  const page = await pageWith({
    granted: true,
    safety: { backup: 9, first: 30 },
  });
  await open(page, app.base);
  await addCustomer(page, { name: "Lý Thanh Tâm" });
  const reminder = page.getByRole("region", { name: "Back up now" });
  await reminder.getByText("Your last backup was 9 days ago and your data has changed since.", { exact: false }).waitFor();
  await reminder.getByRole("button", { name: "Later" }).click();
  await reminder.waitFor({ state: "detached" });
  await page.reload();
  await page.getByRole("heading", { level: 1, name: "Lý Thanh Tâm" }).waitFor();
  assert.equal(await reminder.count(), 0, "put off for a day");
});
