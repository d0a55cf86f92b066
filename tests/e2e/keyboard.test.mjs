// End to end: the keyboard everywhere, as a shop owner who prefers it would use it:
// "/" to search, Ctrl+K for the palette (pages, actions, customers), "?" for the
// shortcuts, and the focus on the new page's heading after navigating.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open, addCustomer } from "./app.mjs";

let app;
before(async () => { app = await start(); });
after(async () => { await app.stop(); });

const focused = (locator) => locator.evaluate((el) => el === document.activeElement);

test("/ searches, Ctrl+K goes anywhere, ? lists the shortcuts, headings take the focus", async () => {
  const page = await app.page();
  await open(page, app.base);
  await addCustomer(page, { name: "Nguyễn Văn An" });

  // "/" from another page: the customer list, its search focused.
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("heading", { level: 1, name: "Settings" }).waitFor();
  await page.keyboard.press("/");
  const search = page.getByLabel("Search customers");
  await search.waitFor();
  await page.waitForFunction(() => document.activeElement?.id === "customer-search");
  assert.ok(await focused(search));
  // Typing "/" into a field types it.
  await page.keyboard.type("a/b");
  assert.equal(await search.inputValue(), "a/b");
  await search.fill("");

  // Ctrl+K: the palette; an action by its words.
  await page.locator("body").press("Control+k");
  const palette = page.getByRole("dialog", { name: "Go to or do" });
  await palette.waitFor();
  const input = palette.getByRole("combobox", { name: "Page, action or customer" });
  assert.ok(await focused(input));
  await input.fill("new cus");
  await palette.getByRole("option", { name: "New customer", selected: true }).waitFor();
  await page.keyboard.press("Enter");
  const heading = page.getByRole("heading", { level: 1, name: "New customer" });
  await heading.waitFor();
  await page.waitForFunction(() => document.activeElement?.tagName === "H1");
  assert.ok(await focused(heading), "the focus is on the new page's heading");

  // A customer by name, diacritics ignored; arrows move the choice.
  await page.locator("body").press("Control+k");
  await input.fill("nguyen");
  await palette.getByRole("option", { name: "Nguyễn Văn An" }).waitFor();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { level: 1, name: "Nguyễn Văn An" }).waitFor();
  assert.equal(await palette.isVisible(), false);

  // "?": the shortcuts; Escape closes them.
  await page.locator("body").press("?");
  const list = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await list.waitFor();
  await list.getByText("Search customers").waitFor();
  await page.keyboard.press("Escape");
  await list.waitFor({ state: "hidden" });

  // In Vietnamese too.
  await page.getByRole("button", { name: "Tiếng Việt" }).click();
  await page.locator("body").press("Control+k");
  const vi = page.getByRole("dialog", { name: "Đi tới hoặc thực hiện" });
  await vi.getByRole("combobox").fill("nhap");
  await vi.getByRole("option", { name: "Nhập tệp" }).waitFor();
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/import$/);
  assert.deepEqual(page.errors, []);
});
