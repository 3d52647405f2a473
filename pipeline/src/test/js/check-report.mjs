// Opens report.html in headless Chromium and reports what a person would see, as JSON on stdout.
// Usage: node check-report.mjs REPORT_HTML SCREENSHOT_DIR
// Chromium: $LITSIEVE_CHROMIUM, else /usr/bin/chromium. Never downloads a browser.
// The JUnit test ReportInBrowserTest runs this and asserts on the JSON; this script only observes.
import path from "node:path";
import { launchChromium, reportArgs } from "./chromium.mjs";

const { folder: shotDir, executablePath, reportUrl } = reportArgs("check-report.mjs", "SCREENSHOT_DIR");
const chromium = await launchChromium(executablePath);
const browser = chromium.browser;
const facts = { consoleErrors: [], pageErrors: [], otherRequests: [] };
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.setRequestInterception(true);
  page.on("request", (req) => {
    if (req.url() === reportUrl || req.url().startsWith("data:")) {
      req.continue();
    } else {
      facts.otherRequests.push(req.url());
      req.abort();
    }
  });
  page.on("console", (m) => { if (m.type() === "error") facts.consoleErrors.push(m.text()); });
  page.on("pageerror", (e) => facts.pageErrors.push(String(e)));
  const t0 = Date.now();
  await page.goto(reportUrl, { waitUntil: "load" });
  await page.waitForSelector("html[data-report-ready=true]", { timeout: 60000 });
  facts.timings = { readyMs: Date.now() - t0 };

  const matching = () => page.$eval("#records-status", (e) => Number(e.getAttribute("data-matching")));
  const visible = () => page.$$eval("#records-body tr.record", (rows) => rows.map((r) => ({
    id: r.getAttribute("data-id"),
    decision: r.getAttribute("data-decision"),
    title: r.querySelector("td.title").textContent,
    year: r.children[1].textContent,
    reason: r.children[3].textContent,
    tags: Array.from(r.querySelectorAll(".chip")).map((c) => c.textContent),
    sources: r.children[5].textContent,
  })));
  const options = (id) => page.$$eval(`#${id} option`, (os) => os.map((o) => o.value).filter((v) => v !== ""));
  const choose = async (id, value) => { await page.select(`#${id}`, value); return { value, matching: await matching(), rows: await visible() }; };
  const reset = () => page.click("#filter-reset");

  facts.title = await page.title();
  facts.flow = await page.$eval("#flow svg#prisma-flow", (svg) => {
    const r = svg.getBoundingClientRect();
    return {
      width: r.width, height: r.height,
      boxes: svg.querySelectorAll("g.prisma-box").length,
      included: svg.querySelector("#prisma-included")?.textContent ?? "",
      review: svg.querySelector("#prisma-review")?.textContent ?? "",
      identified: svg.querySelector("#prisma-identified")?.textContent ?? "",
    };
  });
  facts.chart = await page.$$eval("#tag-chart g.bar", (bars) => bars.map((g) => ({
    tag: g.getAttribute("data-tag"),
    width: g.querySelector("rect.bar-include").getBoundingClientRect().width
      + g.querySelector("rect.bar-review").getBoundingClientRect().width,
    label: g.querySelector("text:last-of-type").textContent,
  })));
  facts.reasonRows = await page.$$eval("#reason-table tbody tr", (rows) => rows.map((r) =>
    Array.from(r.children).map((c) => c.textContent)));
  facts.initial = { matching: await matching(), rows: await visible(),
    pageInfo: await page.$eval("#page-info", (e) => e.textContent) };
  await page.screenshot({ path: path.join(shotDir, "report-top.png") });

  // One filter change, timed in the page (filter, sort and redraw of one page of rows).
  facts.timings.filterMs = await page.evaluate(() => {
    const s = document.getElementById("filter-decision");
    const t = performance.now();
    s.value = "*";
    s.dispatchEvent(new Event("change"));
    const ms = performance.now() - t;
    s.value = "";
    s.dispatchEvent(new Event("change"));
    return ms;
  });
  facts.decisionOptions = await options("filter-decision");
  facts.byDecision = [];
  for (const v of facts.decisionOptions) { facts.byDecision.push(await choose("filter-decision", v)); }
  await reset();
  const tagOptions = await options("filter-tag");
  facts.byTag = tagOptions.length ? await choose("filter-tag", tagOptions[0]) : null;
  await reset();
  const reasonOptions = await options("filter-reason");
  // a reason that records in the default view (included and review) have
  const reviewReason = reasonOptions.find((r) => r.startsWith("review:")) ?? reasonOptions[0];
  facts.byReason = reviewReason ? await choose("filter-reason", reviewReason) : null;
  await reset();
  const sourceOptions = await options("filter-source");
  facts.bySource = sourceOptions.length ? await choose("filter-source", sourceOptions[sourceOptions.length - 1]) : null;
  await reset();

  // Text search: the first visible record's id finds exactly that record.
  const firstId = facts.initial.rows[0]?.id ?? "";
  await page.type("#filter-text", firstId);
  facts.byText = { value: firstId, matching: await matching(), rows: await visible() };
  await reset();

  // Sorting: year ascending, then descending.
  await page.click('th[data-sort="year"]');
  facts.sortedYearAsc = (await visible()).map((r) => r.year);
  await page.click('th[data-sort="year"]');
  facts.sortedYearDesc = (await visible()).map((r) => r.year);
  await reset();
  await page.click('th[data-sort="title"]');

  // Paging: a small page size gives more than one page, and Next moves on.
  await page.select("#page-size", "25");
  facts.paging = { first: (await visible()).map((r) => r.id) };
  await page.click("#page-next");
  facts.paging.second = (await visible()).map((r) => r.id);
  facts.paging.info = await page.$eval("#page-info", (e) => e.textContent);
  await page.select("#page-size", "50");

  // Open an included record: its highlights and provenance.
  const openFirst = async () => {
    await page.click("#records-body tr.record button.linkish");
    return page.$eval("#records-body tr.detail", (d) => ({
      id: d.getAttribute("data-id"),
      includeMarks: Array.from(d.querySelectorAll("mark.hl-include")).map((m) => m.textContent),
      excludeMarks: Array.from(d.querySelectorAll("mark.hl-exclude")).map((m) => m.textContent),
      tagMarks: Array.from(d.querySelectorAll(".abstract mark.hl-tag, h3 mark.hl-tag")).map((m) => m.textContent),
      includeColour: getComputedStyle(d.querySelector("mark.hl-include") ?? d).backgroundColor,
      excludeColour: d.querySelector("mark.hl-exclude") ? getComputedStyle(d.querySelector("mark.hl-exclude")).backgroundColor : "",
      provenanceRows: d.querySelectorAll("table.provenance tbody tr").length,
      text: d.textContent,
    }));
  };
  await page.select("#filter-decision", "include");
  facts.openedIncluded = await openFirst();
  await page.screenshot({ path: path.join(shotDir, "report-record.png") });
  const detailBox = await page.$("#records-body tr.detail");
  await detailBox.screenshot({ path: path.join(shotDir, "report-record-detail.png") });
  await reset();
  if (facts.decisionOptions.includes("exclude")) {
    // Records excluded by an exclude block carry red highlights.
    await page.select("#filter-decision", "exclude");
    const reasons = await options("filter-reason");
    const block = reasons.find((r) => r.startsWith("exclude block:"));
    if (block) { await page.select("#filter-reason", block); }
    facts.openedExcluded = await openFirst();
    await reset();
  }
  const flow = await page.$("#flow .figure");
  await flow.screenshot({ path: path.join(shotDir, "report-flow.png") });
  await page.screenshot({ path: path.join(shotDir, "report-full.png"), fullPage: true });
} finally {
  await chromium.close();
}
process.stdout.write(JSON.stringify(facts) + "\n");
