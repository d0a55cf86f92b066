// Page helpers for the end-to-end tests: how a person finds things, by role and label.
import { launch } from "./browser.mjs";
import { serve } from "./server.mjs";

export async function start() {
  const server = await serve(0);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await launch();
  return {
    base,
    browser,
    async page({ viewport = { width: 1024, height: 768 }, context } = {}) {
      const ctx = context || (await browser.newContext({ viewport }));
      const page = await ctx.newPage();
      page.errors = [];
      page.on("pageerror", (e) => page.errors.push(e.message));
      page.on("console", (m) => { if (m.type() === "error") page.errors.push(m.text()); });
      return page;
    },
    async stop() {
      server.close();
      await browser.close();
    },
  };
}

/// Opens the app at `path` and waits until the customer data is loaded.
export async function open(page, base, path = "/customers") {
  await page.goto(base + path);
  await page.waitForFunction(() => performance.getEntriesByName("clientele:facts-loaded").length > 0);
}

export async function addCustomer(page, { name, email = "", phone = "", city = "", values = "" }) {
  await page.getByRole("link", { name: /New customer|Thêm khách hàng/ }).click();
  await page.getByLabel(/^Name( \*)?$/).fill(name);
  if (email) await page.getByLabel("Emails").fill(email);
  if (phone) await page.getByLabel("Phones").fill(phone);
  if (city) await page.getByLabel("City or province").fill(city);
  if (values) {
    await page.getByText(/^(More details|Thêm thông tin)$/).click();
    await page.getByLabel("Personal values").fill(values);
  }
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByRole("heading", { level: 1, name }).waitFor();
}

export async function loadDemo(page, size = "1000") {
  await page.getByRole("link", { name: /Settings|Cài đặt/ }).click();
  await page.getByLabel(/Number of customers|Số khách hàng/).selectOption(size);
  await page.getByRole("button", { name: /Load demo data|Nạp dữ liệu mẫu/ }).first().click();
  await page.getByText(/Demo data loaded|Đã nạp dữ liệu mẫu/).waitFor({ timeout: 120_000 });
}
