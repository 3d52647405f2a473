// Decides records in report.html in headless Chromium, with keys and clicks, and downloads decisions.csv.
// Usage: node decide-report.mjs REPORT_HTML DOWNLOAD_DIR
// Prints what it saw as JSON on stdout; the JUnit test ReportDecisionsInChromiumTest asserts on it
// and feeds the downloaded file to a second run. Chromium: $LITSIEVE_CHROMIUM, else /usr/bin/chromium.
import fs from "node:fs";
import path from "node:path";
import { launchChromium, reportArgs } from "./chromium.mjs";

const { folder: downloadDir, executablePath, reportUrl } = reportArgs("decide-report.mjs", "DOWNLOAD_DIR");
const chromium = await launchChromium(executablePath);
const browser = chromium.browser;
const facts = { consoleErrors: [], pageErrors: [], otherRequests: [] };
const downloaded = () => fs.readdirSync(downloadDir).filter((f) => !f.endsWith(".crdownload"));
try {
  const cdp = await browser.target().createCDPSession();
  await cdp.send("Browser.setDownloadBehavior", { behavior: "allow", downloadPath: path.resolve(downloadDir), eventsEnabled: true });
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.setRequestInterception(true);
  page.on("request", (req) => {
    const u = req.url();
    if (u === reportUrl || u.startsWith("data:") || u.startsWith("blob:")) {
      req.continue();
    } else {
      facts.otherRequests.push(u);
      req.abort();
    }
  });
  page.on("console", (m) => { if (m.type() === "error") facts.consoleErrors.push(m.text()); });
  page.on("pageerror", (e) => facts.pageErrors.push(String(e)));
  const ready = async () => {
    await page.goto(reportUrl, { waitUntil: "load" });
    await page.waitForSelector("html[data-report-ready=true]", { timeout: 60000 });
  };
  const rows = () => page.$$eval("#records-body tr.record", (trs) => trs.map((r) => ({
    id: r.getAttribute("data-id"),
    decision: r.getAttribute("data-decision"),
    mine: r.getAttribute("data-mine"),
    current: r.classList.contains("current"),
    rank: r.querySelector("td.rank").textContent,
    relevance: r.querySelector("td.relevance").textContent,
  })));
  // the i-th visible record's button for decision d
  const click = async (i, d) => {
    const trs = await page.$$("#records-body tr.record");
    const b = await trs[i].$(`button.decide-btn[data-value=${d}]`);
    await b.click();
  };
  await ready();
  facts.initial = await rows();
  facts.ranking = await page.$eval("#ranking", (e) => e.textContent).catch(() => null);
  facts.secondLook = await page.$$eval("#second-look-body tr", (trs) => trs.map((r) => r.getAttribute("data-id")));

  // Without a reviewer's name the download refuses, with a message.
  await page.keyboard.press("j");
  facts.afterJ = await rows();
  await page.keyboard.press("i");
  await page.click("#decisions-download");
  facts.noReviewer = { message: await page.$eval("#decide-message", (e) => e.textContent), files: downloaded() };
  // The page has put the cursor in the reviewer field: type the name there.
  await page.keyboard.type("tester");
  await page.keyboard.press("Tab");
  await page.evaluate(() => document.activeElement && document.activeElement.blur());

  // Keyboard: k back to the first record, u takes its decision back; i includes it (and moves
  // on), e excludes the second, j skips the third, m marks the fourth maybe.
  await page.keyboard.press("k");
  await page.keyboard.press("k");
  facts.atFirst = await rows();
  await page.keyboard.press("u");
  facts.undone = await rows();
  await page.keyboard.press("i");
  await page.keyboard.press("e");
  await page.keyboard.press("j");
  await page.keyboard.press("m");
  // Mouse: exclude the fifth; include the sixth, then change it to exclude; include the seventh
  // and click again to take it back.
  await click(4, "exclude");
  await click(5, "include");
  await click(5, "exclude");
  await click(6, "include");
  await click(6, "include");
  // A reason for the second record's exclusion, typed into its reason field: letters typed there are
  // text, not decision keys, and the comma and quote survive the CSV.
  {
    const trs = await page.$$("#records-body tr.record");
    const field = await trs[1].$("input.decide-reason");
    facts.reasonFieldOnUndecided = (await trs[2].$("input.decide-reason")) !== null;
    await field.click();
    await page.keyboard.type("wrong population, \"children\" only");
    await page.keyboard.press("Tab");
  }
  facts.decided = await rows();
  facts.count = await page.$eval("#decision-count", (e) => e.getAttribute("data-decided"));

  // A reload keeps them (localStorage under the run's id), and the reviewer's name.
  await ready();
  facts.afterReload = await rows();
  facts.reviewerAfterReload = await page.$eval("#reviewer", (e) => e.value);
  facts.reasonAfterReload = await page.$$eval("#records-body tr.record", (trs) => {
    const f = trs[1].querySelector("input.decide-reason");
    return f ? f.value : null;
  });

  await page.click("#decisions-download");
  const until = Date.now() + 20000;
  while (!downloaded().includes("decisions.csv") && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
  }
  facts.files = downloaded();
  facts.message = await page.$eval("#decide-message", (e) => e.textContent);
} finally {
  await chromium.close();
}
process.stdout.write(JSON.stringify(facts) + "\n");
