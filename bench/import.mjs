// Browser import benchmark of the built app (dist/), in headless Chromium, driven as a
// shop owner would: choose an orders CSV on the Import page, check it, import it.
// Prints one JSON object. Usage: node bench/import.mjs [rows]
//
// The file is the one crates/core/examples/import_bench.rs builds (order rows for
// rows/10 customers: email, name, dd/mm/yyyy date, total, status, one product line),
// written to a temporary file and given to the file input by path (not held in JS).
// Measures, into an empty database:
// - check_ms: "Check the file" clicked until the preview offers the import (read,
//   parse, map, validate, match, build the records);
// - write_ms: "Import N records" clicked until the import is reported (IndexedDB);
// - rows_per_second over both; the longest task (page responsiveness);
// - peak memory: JS heap (performance.memory, sampled every 50 ms) and WASM linear
//   memory (it only grows, so its last size is its peak);
// - after a reload, the customers and orders the app reads back from storage.
// Reference in the same run: reading the file's bytes in the page, in the same
// 256 KB slices the app reads, doing nothing with them.
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM, FLAGS } from "../tests/e2e/browser.mjs";
import { serve } from "../tests/e2e/server.mjs";

const ROWS = Number(process.argv[2] || 1000000);
const CUSTOMERS = Math.max(1, Math.floor(ROWS / 10));

async function writeFile(path) {
  const out = createWriteStream(path);
  const products = ["Cà phê hạt", "Phin nhôm", "Trà sen", "Bánh pía", "Áo dài"];
  const pad = (n) => String(n).padStart(2, "0");
  let chunk = "Order,Email,Name,Date,Total,Status,Product,Quantity,Unit price\n";
  for (let i = 0; i < ROWS; i++) {
    const customer = (i * 7919) % CUSTOMERS;
    const day = 1 + (i % 28);
    const month = 1 + (Math.floor(i / 28) % 12);
    const q = 1 + (i % 3);
    const price = 25000 + (i % 40) * 5000;
    chunk += `#${i},kh${customer}@example.vn,Khách ${customer},${pad(day)}/${pad(month)}/2025 10:${pad(i % 60)},${q * price},paid,${products[i % products.length]},${q},${price}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise((r) => out.once("drain", r));
      chunk = "";
    }
  }
  out.end(chunk);
  await new Promise((r) => out.on("finish", r));
}

const dir = mkdtempSync(join(tmpdir(), "clientele-import-"));
const path = join(dir, "orders-bench.csv");
await writeFile(path);

const server = await serve(0);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...FLAGS, "--enable-precise-memory-info"] });
const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
await context.addInitScript(() => addEventListener("TrunkApplicationStarted", (e) => { window.__wasm = e.detail.wasm; }));
const page = await context.newPage();
const errors = [];
page.on("pageerror", (e) => errors.push(String(e)));

const result = { rows: ROWS, file_mb: Math.round(statSync(path).size / 1e5) / 10, date: new Date().toISOString().slice(0, 10) };
await page.goto(base + "/import");
await page.waitForFunction(() => performance.getEntriesByName("clientele:facts-loaded").length > 0, null, { timeout: 120000 });
// Reference: the file's bytes read in the page, slice by slice, nothing done with them
// (through an input of the benchmark's own, removed afterwards).
const probe = await page.evaluateHandle(() => {
  const el = document.createElement("input");
  el.type = "file";
  document.body.append(el);
  return el;
});
await probe.setInputFiles(path);
result.reference_read_ms = await probe.evaluate(async (el) => {
  const file = el.files[0];
  const t0 = performance.now();
  for (let start = 0; start < file.size; start += 256 * 1024) {
    await file.slice(start, start + 256 * 1024).arrayBuffer();
  }
  el.remove();
  return Math.round(performance.now() - t0);
});

await page.getByLabel(/Choose a CSV file/).setInputFiles(path);
await page.getByText("orders-bench.csv: 9 columns").waitFor({ timeout: 60000 });

await page.evaluate(() => {
  window.__peak = { js: 0, wasm: 0 };
  window.__long = [];
  const sample = () => {
    window.__peak.js = Math.max(window.__peak.js, performance.memory.usedJSHeapSize);
    window.__peak.wasm = Math.max(window.__peak.wasm, window.__wasm?.memory.buffer.byteLength ?? 0);
  };
  sample();
  window.__sampler = setInterval(sample, 50);
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); }).observe({ type: "longtask" });
});
const t0 = Date.now();
await page.getByRole("button", { name: "Check the file" }).click();
const importButton = page.getByRole("button", { name: /^Import [0-9,]+ records$/ });
await importButton.waitFor({ timeout: 600000 });
const t1 = Date.now();
result.records_offered = Number((await importButton.innerText()).replace(/[^0-9]/g, ""));
await importButton.click();
await page.getByText(/^orders-bench\.csv: [0-9,]+ new, 0 updated\.$/).waitFor({ timeout: 600000 });
const t2 = Date.now();
result.check_ms = t1 - t0;
result.write_ms = t2 - t1;
result.total_ms = t2 - t0;
result.rows_per_second = Math.round(ROWS / ((t2 - t0) / 1000));
await page.waitForTimeout(200);
Object.assign(result, await page.evaluate(() => {
  clearInterval(window.__sampler);
  const mb = (b) => Math.round(b / 1e5) / 10;
  const wasm = window.__wasm.memory.buffer.byteLength;
  return {
    peak_js_heap_mb: mb(window.__peak.js),
    peak_wasm_memory_mb: mb(Math.max(window.__peak.wasm, wasm)),
    peak_total_mb: mb(window.__peak.js + Math.max(window.__peak.wasm, wasm)),
    long_tasks: window.__long.length,
    longest_task_ms: Math.round(Math.max(0, ...window.__long)),
  };
}));

// Read back from storage after a reload.
await page.goto(base + "/settings");
await page.waitForFunction(() => performance.getEntriesByName("clientele:facts-loaded").length > 0, null, { timeout: 120000 });
const counts = page.getByText(/^[0-9,]+ customers, [0-9,]+ orders$/);
await counts.waitFor({ timeout: 120000 });
const [customers, orders] = (await counts.innerText()).replace(/,/g, "").match(/[0-9]+/g).map(Number);
result.stored = { customers, orders };
result.page_errors = errors;
await browser.close();
server.close();
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify(result, null, 2));
