// Browser benchmark of the built app (dist/), driven as a person would, in headless
// Chromium. Prints one JSON object. Usage: node bench/browser.mjs [customers]
//
// Measures, for the given number of demo customers (default 100000):
// - store_ms: "Load demo data" clicked until stored (generate in WASM + IndexedDB)
// - cold start: a fresh page load until the customer list shows its first row
//   (customers_ready_ms), and until order totals are loaded (facts_ready_ms); the same
//   for an empty database as the reference in the same run
// - search: latency per keystroke, from the input event until the list is updated
//   (the next task after the event), p50 and p95, over typed queries
// - memory: JS heap (performance.memory) and WASM linear memory after loading
// - size: wasm and JS, raw and gzipped
// - dashboard: page created to first frame with every chart, the CLV fit in WASM, and
//   the model check that follows
import { readdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM, FLAGS } from "../tests/e2e/browser.mjs";
import { serve } from "../tests/e2e/server.mjs";

const N = Number(process.argv[2] || 100000);
const QUERIES = ["nguyen", "tran thi", "0912", "emma", "hoang van", "le minh", "gmail", "pham"];

function sizes() {
  const dist = new URL("../dist/", import.meta.url).pathname;
  const out = {};
  for (const f of readdirSync(dist)) {
    const kind = f.endsWith(".wasm") ? "wasm" : f.endsWith(".js") && f !== "sw.js" ? "js" : null;
    if (!kind) continue;
    const bytes = readFileSync(join(dist, f));
    out[`${kind}_bytes`] = bytes.length;
    out[`${kind}_gzip_bytes`] = gzipSync(bytes, { level: 9 }).length;
  }
  out.total_gzip_kb = Math.round((out.wasm_gzip_bytes + out.js_gzip_bytes) / 102.4) / 10;
  return out;
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] * 100) / 100;
};

async function coldStart(context, base, expectRows = true) {
  const page = await context.newPage();
  await page.goto(base + "/customers");
  // The list is usable when its first row is in the DOM (polled: an upper bound).
  let firstRow = null;
  if (expectRows) {
    await page.getByRole("table", { name: "Customers" }).getByRole("link").first().waitFor({ timeout: 120000 });
    firstRow = await page.evaluate(() => performance.now());
  }
  await page.waitForFunction(() => performance.getEntriesByName("clientele:facts-loaded").length > 0, null, { timeout: 120000 });
  const t = await page.evaluate(() => {
    const mark = (n) => performance.getEntriesByName(n)[0]?.startTime ?? null;
    return { customers: mark("clientele:customers-loaded"), facts: mark("clientele:facts-loaded") };
  });
  await page.close();
  return {
    customers_loaded_ms: Math.round(t.customers),
    first_row_ms: firstRow === null ? null : Math.round(firstRow),
    totals_loaded_ms: Math.round(t.facts),
  };
}

async function searchLatency(page) {
  // Type each query one character at a time; time from the input event to the end
  // of the work it causes (the wasm runs before the next macrotask).
  return page.evaluate(async (queries) => {
    const input = document.getElementById("customer-search");
    const times = [];
    for (const q of queries) {
      for (let i = 1; i <= q.length; i++) {
        const t0 = performance.now();
        input.value = q.slice(0, i);
        input.dispatchEvent(new Event("input", { bubbles: true }));
        await new Promise((r) => setTimeout(r, 0));
        times.push(performance.now() - t0);
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      }
      input.value = "";
      input.dispatchEvent(new Event("input", { bubbles: true }));
      await new Promise((r) => setTimeout(r, 50));
    }
    return times;
  }, QUERIES);
}

/// Saves four segments through the builder (the same rules as the native benchmark,
/// crates/core/examples/segments_bench.rs), then triggers a full recomputation by
/// changing the scoring window, and reports the analysis and total recomputation
/// times and every long task (> 50 ms) seen meanwhile.
async function segmentTimes(page) {
  const save = async (query, name, edit = async () => {}) => {
    await page.goto(base + "/segments/new" + query);
    await page.waitForFunction(() => performance.getEntriesByName("clientele:segments-ready").length > 0, null, { timeout: 300000 });
    await edit();
    await page.getByLabel(/^Segment name/).fill(name);
    await page.getByRole("button", { name: "Save segment" }).click();
    await page.getByRole("heading", { level: 1, name }).waitFor({ timeout: 120000 });
  };
  await save("?rfm=champions", "Champions");
  await save("?stage=at_risk", "At risk");
  await save("?r=5&fm=5", "R5 FM5");
  await save("", "Hà Nội big spenders, lapsed", async () => {
    await page.getByLabel("Value").first().fill("Hà Nội");
    await page.getByRole("button", { name: "Add condition" }).click();
    await page.getByLabel("Field").nth(1).selectOption({ label: "Total spent" });
    await page.getByLabel("Operator").nth(1).selectOption({ label: "more than" });
    await page.getByLabel("Value").nth(1).fill("2000000");
  });
  await page.goto(base + "/segments");
  await page.waitForFunction(() => performance.getEntriesByName("clientele:segments-ready").length > 0, null, { timeout: 300000 });
  const runs = [];
  for (const window of ["365", ""]) {
    await page.evaluate(() => {
      performance.clearMarks("clientele:segments-ready");
      performance.clearMeasures();
      window.__long = [];
      window.__obs = new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(Math.round(e.duration)); });
      window.__obs.observe({ type: "longtask" });
    });
    await page.getByText("Scoring and value settings").click();
    await page.getByLabel("Purchases counted").selectOption(window);
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForFunction(() => performance.getEntriesByName("clientele:segments-ready").length > 0, null, { timeout: 300000 });
    await page.waitForTimeout(300);
    runs.push(await page.evaluate(() => ({
      analysis_ms: Math.round(performance.getEntriesByName("clientele:analysis")[0].duration * 10) / 10,
      recompute_ms: Math.round(performance.getEntriesByName("clientele:segments")[0].duration),
      long_tasks_ms: window.__long,
    })));
    await page.getByText("Scoring and value settings").click();
  }
  return runs;
}

/// Opens the Dashboard from the Segments page (analysis ready) and reports how long
/// it takes from the page being created to its first frame with every chart drawn
/// (clientele:dashboard), three times; and the lifetime value fit's time in WASM
/// (clientele:clv-fit, on every customer with a purchase); then the model check the
/// page runs after drawing (clientele:model-check, of which clientele:model-fit).
async function dashboardTimes(page) {
  const runs = [];
  for (let i = 0; i < 3; i++) {
    await page.goto(base + "/segments");
    await page.waitForFunction(() => performance.getEntriesByName("clientele:segments-ready").length > 0, null, { timeout: 300000 });
    const fit = await page.evaluate(() => performance.getEntriesByName("clientele:clv-fit")[0]?.duration ?? null);
    await page.evaluate(() => {
      performance.clearMarks("clientele:dashboard-ready");
      for (const m of ["clientele:dashboard", "clientele:model-check", "clientele:model-fit"]) performance.clearMeasures(m);
    });
    await page.getByRole("link", { name: "Dashboard" }).click();
    await page.waitForFunction(() => performance.getEntriesByName("clientele:dashboard").length > 0, null, { timeout: 300000 });
    const ms = await page.evaluate(() => performance.getEntriesByName("clientele:dashboard")[0].duration);
    // The model check starts once the page has drawn: its own fit, up to half a year ago.
    await page.waitForFunction(() => performance.getEntriesByName("clientele:model-check").length > 0, null, { timeout: 300000 });
    const check = await page.evaluate(() => ["clientele:model-check", "clientele:model-fit"].map((n) => Math.round(performance.getEntriesByName(n).at(-1).duration)));
    runs.push({ dashboard_ms: Math.round(ms), clv_fit_ms: fit === null ? null : Math.round(fit), model_check_ms: check[0], model_check_fit_ms: check[1] });
  }
  return runs;
}

const server = await serve(0);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...FLAGS, "--enable-precise-memory-info"] });
const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
await context.addInitScript(() => addEventListener("TrunkApplicationStarted", (e) => { window.__wasm = e.detail.wasm; }));

const result = { customers: N, date: new Date().toISOString().slice(0, 10), ...sizes() };
result.reference_empty = await coldStart(context, base, false);

const page = await context.newPage();
await page.goto(base + "/settings");
await page.waitForFunction(() => performance.getEntriesByName("clientele:facts-loaded").length > 0);
await page.getByLabel("Number of customers").evaluate((el, n) => {
  if (![...el.options].some((o) => o.value === String(n))) el.add(new Option(String(n), String(n)));
}, N);
await page.getByLabel("Number of customers").selectOption(String(N));
const t0 = Date.now();
await page.getByRole("button", { name: "Load demo data" }).click();
await page.getByText("Demo data loaded.").waitFor({ timeout: 600000 });
result.store_ms = Date.now() - t0;
result.orders = Number((await page.getByText(/^[0-9,]+ customers, [0-9,]+ orders$/).innerText()).replace(/[^0-9 ]/g, "").trim().split(/\s+/).pop());
await page.close();

result.cold_start = await coldStart(context, base);
result.cold_start_again = await coldStart(context, base);

const sp = await context.newPage();
await sp.goto(base + "/customers");
await sp.waitForFunction(() => performance.getEntriesByName("clientele:facts-loaded").length > 0, null, { timeout: 120000 });
const times = await searchLatency(sp);
result.search = { keystrokes: times.length, p50_ms: pct(times, 50), p95_ms: pct(times, 95), max_ms: pct(times, 100) };
result.memory = await sp.evaluate(() => ({
  js_heap_mb: Math.round(performance.memory.usedJSHeapSize / 1e5) / 10,
  wasm_memory_mb: window.__wasm ? Math.round(window.__wasm.memory.buffer.byteLength / 1e5) / 10 : null,
}));
result.segments = await segmentTimes(sp);
result.dashboard = await dashboardTimes(sp);
await browser.close();
server.close();
console.log(JSON.stringify(result, null, 2));
