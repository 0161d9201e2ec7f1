// Helpers for the Admitto browser tests: start the demo server, drive Chromium,
// take screenshots, run axe-core on every page and check its HTML with the Nu HTML Checker.
import { execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(HERE, '..', '..');
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'target', 'browser-screenshots');

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const VNU_JAR = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------
// Server
// ---------------------------------------------------------------------------

function serverBinary() {
  const bin = process.env.ADMITTO_BIN || 'target/debug/admitto';
  return path.resolve(REPO_ROOT, bin);
}

/**
 * Start `admitto --data-dir <tmp> serve --demo --bind 127.0.0.1:0` and parse
 * the base URL and the demo staff accounts from its stdout.
 * Resolves to { baseUrl, accounts: { officer: {role,email,password}, ... }, stop() }.
 */
export async function startServer({ timeoutMs = 60_000 } = {}) {
  const bin = serverBinary();
  if (!fs.existsSync(bin)) {
    throw new Error(`Admitto binary not found at ${bin} (set ADMITTO_BIN or build target/debug/admitto)`);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'admitto-browser-'));
  // The server reads every ADMITTO_* variable as a setting and refuses unknown
  // ones, so the test's own ADMITTO_BIN must not reach it.
  const env = { ...process.env, ADMITTO_LOG_LEVEL: 'warn' };
  delete env.ADMITTO_BIN;
  const child = spawn(bin, ['--data-dir', dataDir, 'serve', '--demo', '--bind', '127.0.0.1:0'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let output = ''; // everything printed, kept for error messages
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });

  const server = {
    child,
    dataDir,
    baseUrl: null,
    accounts: {},
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        }, 10_000);
        await once(child, 'exit').catch(() => {});
        clearTimeout(timer);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };

  try {
    await new Promise((resolve, reject) => {
      let buffer = '';
      const timer = setTimeout(
        () => reject(new Error(`server did not print its accounts within ${timeoutMs} ms. Output so far:\n${output}`)),
        timeoutMs,
      );
      const done = (err) => {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.off('exit', onExit);
        err ? reject(err) : resolve();
      };
      const onExit = (code, signal) =>
        done(new Error(`server exited early (code ${code}, signal ${signal}). Output:\n${output}`));
      const onData = (chunk) => {
        buffer += chunk;
        let nl;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl).replace(/\r$/, '');
          buffer = buffer.slice(nl + 1);
          const url = line.match(/Admitto demo is running at (http:\/\/\S+)/);
          if (url) server.baseUrl = url[1].replace(/\/$/, '');
          const acct = line.match(/^\s+(officer|program_admin|registrar|finance|examiner|admin)\s+(\S+@\S+)\s+(\S+)\s*$/);
          if (acct) {
            server.accounts[acct[1]] = { role: acct[1], email: acct[2], password: acct[3] };
            if (acct[1] === 'admin') {
              if (!server.baseUrl) return done(new Error(`accounts printed but no base URL. Output:\n${output}`));
              return done();
            }
          }
        }
      };
      child.stdout.setEncoding('utf8');
      child.stderr.setEncoding('utf8');
      // Keep draining both pipes for the whole run so the server never blocks on a full pipe.
      child.stdout.on('data', (c) => { output += c; });
      child.stderr.on('data', (c) => { output += c; });
      child.stdout.on('data', onData);
      child.on('exit', onExit);
    });

    // Poll /healthz until it answers 200.
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (exited) throw new Error(`server exited (${JSON.stringify(exited)}). Output:\n${output}`);
      try {
        const res = await fetch(`${server.baseUrl}/healthz`);
        if (res.status === 200) break;
      } catch { /* not listening yet */ }
      if (Date.now() > deadline) throw new Error(`/healthz not 200 within ${timeoutMs} ms`);
      await sleep(200);
    }
  } catch (err) {
    await server.stop();
    throw err;
  }
  return server;
}

// ---------------------------------------------------------------------------
// Browser
// ---------------------------------------------------------------------------

/**
 * Keeps the HTML the server sent for each page's latest document (as sent, before the browser
 * parsed it), so that the Nu HTML Checker sees the real markup. Call it on each new context.
 */
export function trackDocuments(context) {
  context.on('response', (response) => {
    const request = response.request();
    if (request.resourceType() !== 'document' || response.status() >= 300 && response.status() < 400) return;
    const type = response.headers()['content-type'] || '';
    if (!type.startsWith('text/html')) return;
    const frame = request.frame();
    const page = frame.page();
    if (frame !== page.mainFrame()) return;
    lastDocument.set(page, response.text().catch(() => null));
  });
  return context;
}

const lastDocument = new WeakMap();

/** The HTML of the page's current document as the server sent it, or null. */
export async function documentHtml(page) {
  return (await lastDocument.get(page)) ?? null;
}

/**
 * Runs the Nu HTML Checker on HTML files; returns its error messages as text lines (none when
 * every file is valid).
 */
export function checkHtml(files) {
  if (files.length === 0) return [];
  let output;
  try {
    output = execFileSync('java', ['-jar', VNU_JAR, '--errors-only', '--format', 'json', ...files], {
      encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    // vnu exits 1 when it found errors and prints its report on stderr.
    output = err.stderr || err.stdout;
    if (!output) throw err;
  }
  const report = JSON.parse(output.trim() || '{"messages":[]}');
  return report.messages
    .filter((m) => m.type === 'error' || m.type === 'non-document-error')
    .map((m) => `${path.basename(decodeURIComponent(m.url || ''))}:${m.lastLine ?? '?'}: ${m.message}${m.extract ? ` [${m.extract.replace(/\s+/g, ' ')}]` : ''}`);
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/** Click something that submits a form or follows a link; resolve to the final main-frame response. */
export async function clickAndWait(page, locator) {
  const [response] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    locator.click(),
  ]);
  return response;
}

// ---------------------------------------------------------------------------
// Accessibility and screenshots
// ---------------------------------------------------------------------------

/** Run axe-core on the current page; returns the violations array. */
export async function runAxe(page) {
  const hasAxe = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!hasAxe) {
    // The context has bypassCSP: true, otherwise the portal's `script-src 'self'` blocks this.
    await page.addScriptTag({ content: AXE_SOURCE });
  }
  const result = await page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      tags: v.tags.filter((t) => t.startsWith('wcag')),
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, summary: n.failureSummary })),
    }));
  }, AXE_TAGS);
  return result;
}

export function formatViolations(label, url, violations) {
  const lines = [`axe: ${violations.length} violation(s) on "${label}" (${url}):`];
  for (const v of violations) {
    lines.push(`  - [${v.impact}] ${v.id}: ${v.help} (${v.tags.join(', ')})`);
    lines.push(`    ${v.helpUrl}`);
    for (const n of v.nodes) {
      lines.push(`      target: ${JSON.stringify(n.target)}`);
      lines.push(`      html:   ${n.html.replace(/\s+/g, ' ').slice(0, 300)}`);
      if (n.summary) lines.push(`      why:    ${n.summary.replace(/\n\s*/g, ' | ')}`);
    }
  }
  return lines.join('\n');
}

let shotCounter = 0;
let shotDir = SCREENSHOT_DIR;

/** Empties this test file's screenshot folder (`sub` of target/browser-screenshots). */
export function prepareScreenshotDir(sub = '') {
  shotDir = path.join(SCREENSHOT_DIR, sub);
  fs.mkdirSync(shotDir, { recursive: true });
  for (const f of fs.readdirSync(shotDir)) {
    if (/^\d\d-.*\.png$/.test(f)) fs.rmSync(path.join(shotDir, f));
  }
  shotCounter = 0;
}

export async function screenshot(page, name) {
  shotCounter += 1;
  const file = path.join(shotDir, `${String(shotCounter).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * The audit trail of one test step: every page visited gets a screenshot and an
 * axe run. Violations are collected (so the journey can go on and report every
 * page) and asserted with `assertClean()` at the end of the step.
 */
export class Audit {
  constructor(t) {
    this.t = t;
    this.reports = [];
    this.htmlFiles = [];
  }

  async page(page, name) {
    const file = await screenshot(page, name);
    const violations = await runAxe(page);
    const url = page.url();
    this.t?.diagnostic?.(`${name}: ${url} -> ${path.relative(REPO_ROOT, file)}, axe violations: ${violations.length}`);
    if (violations.length) {
      const report = formatViolations(name, url, violations);
      this.reports.push(report);
      console.error(report);
    }
    const html = await documentHtml(page);
    if (html === null) {
      this.reports.push(`no HTML was recorded for "${name}" (${url}): call trackDocuments(context)`);
    } else {
      const htmlFile = file.replace(/\.png$/, '.html');
      fs.writeFileSync(htmlFile, html);
      this.htmlFiles.push(htmlFile);
    }
    return violations;
  }

  /** Screenshot (and axe) at a 360 px wide viewport, then restore the viewport. */
  async mobile(page, name) {
    const before = page.viewportSize();
    await page.setViewportSize({ width: 360, height: 780 });
    try {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 0) {
        this.t?.diagnostic?.(`WARNING ${name}: page is ${overflow}px wider than a 360px viewport (horizontal scrolling)`);
      }
      await this.page(page, name);
    } finally {
      if (before) await page.setViewportSize(before);
    }
  }

  /** Fails on any axe violation, and on any Nu HTML Checker error in the pages visited. */
  assertClean(assert) {
    const invalid = checkHtml([...new Set(this.htmlFiles)]);
    this.htmlFiles = [];
    assert.equal(this.reports.length, 0, `accessibility violations found:\n${this.reports.join('\n')}`);
    assert.equal(invalid.length, 0, `invalid HTML (Nu HTML Checker):\n${invalid.join('\n')}`);
  }
}
