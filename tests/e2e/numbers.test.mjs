// End to end: numbers that can be trusted. No money figure is cut or pushed out of its
// box (scrollWidth ≤ clientWidth) on any page, in either language, at 1024×768, with
// amounts in the trillions of đồng; the KPI cards shorten them (₫30T) and keep the full
// amount for hover, focus and screen readers. Chart labels stay inside their charts
// and clear of each other (bug fixed: the running period's "Dec 26 (so far)" was cut
// at the chart's right edge).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open, loadDemo, addCustomer } from "./app.mjs";

let app;
before(async () => { app = await start(); });
after(async () => { await app.stop(); });

/// Elements of the page whose own text is an amount of money and that overflow.
function overflowing(page, where) {
  return page.evaluate((where) => {
    const money = /(₫|\$|€|£)\s?[\d.,]+|[\d.,]+\s?(₫|đ)/;
    const out = [];
    for (const el of document.querySelectorAll("main *")) {
      const own = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join("");
      if (!money.test(own) || getComputedStyle(el).display === "inline") continue;
      // Text kept for screen readers only (1 px, clipped on purpose) is not shown.
      if (el.clientWidth <= 1 && getComputedStyle(el).position === "absolute") continue;
      if (el.scrollWidth > el.clientWidth + 1) out.push(`${where}: "${own.trim()}" needs ${el.scrollWidth}px, has ${el.clientWidth}px`);
    }
    return out;
  }, where);
}

test("no money figure overflows its box on any page, in either language, with huge amounts", async () => {
  const page = await app.page();
  await open(page, app.base);
  await loadDemo(page, "1000");
  await page.getByRole("link", { name: "Customers" }).click();
  await addCustomer(page, { name: "Đại Gia" });
  await page.getByRole("button", { name: "Add order" }).click();
  const form = page.getByRole("form", { name: "Add order" });
  await form.getByLabel("Product").fill("Nhà phố");
  await form.getByLabel("Quantity").fill("3");
  await form.getByLabel("Unit price").fill("9.999.999.999.999");
  await form.getByRole("button", { name: "Save order" }).click();
  await page.getByText("Order saved.").waitFor();
  const customer = new URL(page.url()).pathname;
  const found = [];
  for (const language of ["en", "vi"]) {
    if (language === "vi") await page.getByRole("button", { name: "Tiếng Việt" }).click();
    for (const path of ["/customers", customer, "/products", "/dashboard", "/segments", "/segments/clusters", "/backup", "/settings"]) {
      await page.goto(app.base + path);
      await page.waitForFunction(() => performance.getEntriesByName("clientele:facts-loaded").length > 0);
      if (path.startsWith("/segments") || path === "/dashboard") {
        await page.waitForFunction(() => performance.getEntriesByName("clientele:segments-ready").length > 0, null, { timeout: 60_000 });
      }
      await page.getByRole("heading", { level: 1 }).first().waitFor();
      found.push(...(await overflowing(page, `${language} ${path}`)));
    }
  }
  assert.deepEqual(found, [], found.join("\n"));
  // The revenue card: short, with the whole amount for screen readers.
  const revenue = page.getByRole("group", { name: "Doanh thu" });
  await page.goto(app.base + "/dashboard");
  await revenue.waitFor();
  assert.match(await revenue.innerText(), /nghìn tỷ/);
  assert.match(await revenue.textContent(), /\d{1,3}(\.\d{3}){4}/, "the full amount is there too");

  // Chart axes leave room for their labels: every label of every chart lies inside
  // its drawing, and the labels of one axis do not run into each other.
  const cut = [];
  for (const [language, width] of [["vi", 1024], ["vi", 1440], ["en", 1024], ["en", 1440]]) {
    if (language === "en") await page.getByRole("button", { name: "Switch to English" }).click().catch(() => {});
    await page.setViewportSize({ width, height: 900 });
    await page.goto(app.base + "/dashboard");
    await page.waitForFunction(() => performance.getEntriesByName("clientele:segments-ready").length > 0, null, { timeout: 60_000 });
    await page.getByRole("img").first().waitFor();
    cut.push(...(await labelsCut(page, `${language} ${width}`)));
  }
  assert.deepEqual(cut, [], cut.join("\n"));
});

/// The labels of the page's charts drawn outside their chart, or over a neighbour on
/// the same line (x axis) or column (y axis).
function labelsCut(page, where) {
  return page.evaluate((where) => {
    const out = [];
    for (const svg of document.querySelectorAll("main svg[role=img]")) {
      const name = svg.getAttribute("aria-label");
      const vb = svg.viewBox.baseVal;
      const boxes = [];
      for (const t of svg.querySelectorAll("text")) {
        if (!t.textContent.trim()) continue;
        const b = t.getBBox();
        if (b.x < vb.x - 0.5 || b.y < vb.y - 0.5 || b.x + b.width > vb.x + vb.width + 0.5 || b.y + b.height > vb.y + vb.height + 0.5) {
          out.push(`${where} ${name}: "${t.textContent}" drawn at ${b.x.toFixed(0)}..${(b.x + b.width).toFixed(0)} × ${b.y.toFixed(0)}..${(b.y + b.height).toFixed(0)}, chart ${vb.width}×${vb.height}`);
        }
        boxes.push({ t: t.textContent, b });
      }
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, c] = [boxes[i].b, boxes[j].b];
          const sameLine = Math.abs(a.y - c.y) < 0.5 && Math.abs(a.height - c.height) < 0.5;
          const overlap = a.x < c.x + c.width - 0.5 && c.x < a.x + a.width - 0.5 && a.y < c.y + c.height - 0.5 && c.y < a.y + a.height - 0.5;
          if (sameLine && overlap) out.push(`${where} ${name}: "${boxes[i].t}" runs into "${boxes[j].t}"`);
        }
      }
    }
    return out;
  }, where);
}
