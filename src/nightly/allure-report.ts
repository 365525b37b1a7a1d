/**
 * The nightly's Allure Report 3: one single-file report per app and target from the night's
 * allure-playwright results, its history (trends, stability, flakiness) kept by Allure itself in a
 * JSONL file beside our own history. The report loads nothing: the analytics tag Allure's page
 * carries is taken out, and a page that still names an outside address is refused.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Allure's own analytics: its script tag and the inline set-up after it. */
const ANALYTICS = /<script async src="https:\/\/www\.googletagmanager\.com\/[^"]*"><\/script>\s*<script>[^<]*?gtag\([\s\S]*?<\/script>/;
/** What would make an opened report reach out: a script, style, image or frame from elsewhere. */
const OUTSIDE = /<(script|link|img|iframe)\b[^>]*\s(src|href)="(https?:)?\/\//i;

export class AllureReportError extends Error {
  override name = 'AllureReportError';
}

export interface AllureReportOptions {
  name: string;
  resultsDir: string;
  /** Where index.html goes. */
  output: string;
  /** Allure's history file (JSONL), which a CI cache restores with the rest of the history. */
  historyPath: string;
}

/** Generates the report; returns the path of its index.html. */
export function generateAllureReport(options: AllureReportOptions): string {
  const cli = join(dirname(createRequire(import.meta.url).resolve('allure')), '..', 'cli.js');
  const work = mkdtempSync(join(tmpdir(), 'forge-conformance-allure-'));
  try {
    const config = join(work, 'allurerc.mjs');
    mkdirSync(dirname(options.historyPath), { recursive: true });
    writeFileSync(
      config,
      `export default ${JSON.stringify({
        name: options.name,
        output: options.output,
        historyPath: options.historyPath,
        plugins: { awesome: { options: { singleFile: true, reportLanguage: 'en', reportName: options.name } } },
      })};\n`,
    );
    const generated = spawnSync(process.execPath, [cli, 'generate', options.resultsDir, '--config', config], { encoding: 'utf8', cwd: work });
    const index = join(options.output, 'index.html');
    if (generated.status !== 0 || !existsSync(index))
      throw new AllureReportError(
        `Allure could not generate the report: ${(generated.stderr || generated.stdout).trim().split('\n').at(-1) ?? `exit ${generated.status}`}`,
      );
    const page = readFileSync(index, 'utf8').replace(ANALYTICS, '');
    const outside = OUTSIDE.exec(page);
    if (outside)
      throw new AllureReportError(`the Allure report would load ${outside[0]}…: it is not written (nothing may leave the machine when it is opened)`);
    writeFileSync(index, page);
    return index;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
