// What the report scripts share: their two arguments, and a headless Chromium of the machine's own
// (never a downloaded browser) in a fresh profile. Chromium: $LITSIEVE_CHROMIUM, else /usr/bin/chromium.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import puppeteer from "puppeteer-core";

/**
 * The report and the output folder named on the command line (the folder is made), and the
 * report's file URL; exits 2 with the usage line when either is missing, 3 without Chromium.
 */
export function reportArgs(script, folderName) {
  const [reportPath, folder] = process.argv.slice(2);
  if (!reportPath || !folder) {
    console.error(`usage: node ${script} REPORT_HTML ${folderName}`);
    process.exit(2);
  }
  const executablePath = process.env.LITSIEVE_CHROMIUM || "/usr/bin/chromium";
  if (!fs.existsSync(executablePath)) {
    console.error(`Chromium not found at ${executablePath}: apt-get install -y chromium (or set LITSIEVE_CHROMIUM)`);
    process.exit(3);
  }
  fs.mkdirSync(folder, { recursive: true });
  return { folder, executablePath, reportUrl: pathToFileURL(path.resolve(reportPath)).href };
}

/** Headless Chromium in a fresh profile; close() also removes the profile. */
export async function launchChromium(executablePath) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "litsieve-chromium-"));
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    userDataDir,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage"],
  });
  return {
    browser,
    async close() {
      await browser.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
