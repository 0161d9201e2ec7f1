// The candidate and staff journey through Admitto in a real browser, with an
// axe-core (WCAG 2.1 A/AA) check and a screenshot of every page visited.
//
// Run from the repository root:  node --test tests/browser/
// Environment: ADMITTO_BIN (default target/debug/admitto), CHROMIUM (default /usr/bin/chromium).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import {
  Audit, clickAndWait, launchBrowser, prepareScreenshotDir, startServer, trackDocuments,
} from './lib.mjs';

const STEP_TIMEOUT = 120_000;
const MAIL_TIMEOUT = 15_000;

const candidate = {
  email: `kandydat-${crypto.randomBytes(5).toString('hex')}@example.com`,
  password: 'correct horse battery staple',
};

let server;
let browser;
let context;
let page;
let failedStep = null; // once a step fails functionally, later steps are skipped

before(async () => {
  prepareScreenshotDir();
  server = await startServer();
  browser = await launchBrowser();
  context = await browser.newContext({
    locale: 'en-GB',
    // The portal sends `script-src 'self'`; without this axe-core could not be injected.
    bypassCSP: true,
    viewport: { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(20_000);
  trackDocuments(context);
  page = await context.newPage();
}, { timeout: 90_000 });

after(async () => {
  await context?.close().catch(() => {});
  await browser?.close().catch(() => {});
  await server?.stop();
});

/** A sequential journey step: skipped if an earlier one broke, axe asserted at its end. */
function step(name, fn) {
  test(name, { timeout: STEP_TIMEOUT }, async (t) => {
    if (failedStep) {
      t.skip(`skipped: the earlier step "${failedStep}" failed`);
      return;
    }
    const audit = new Audit(t);
    try {
      await fn(t, audit);
    } catch (err) {
      failedStep = name;
      if (audit.reports.length) err.message += `\n\nAlso found on this step:\n${audit.reports.join('\n')}`;
      throw err;
    }
    audit.assertClean(assert);
  });
}

// ---- small page helpers ----

const url = (p) => `${server.baseUrl}${p}`;
const pathname = () => new URL(page.url()).pathname;
const h1 = async () => (await page.locator('main h1').first().textContent()).trim();
const htmlLang = () => page.locator('html').getAttribute('lang');

async function goto(p) {
  const response = await page.goto(url(p), { waitUntil: 'load' });
  assert.ok(response, `no response for ${p}`);
  return response;
}

async function expectFlash(text) {
  const flash = page.locator('.flash');
  await flash.waitFor({ state: 'visible' });
  assert.equal((await flash.textContent()).trim(), text);
}

async function expectH1(text) {
  assert.equal(await h1(), text, `h1 on ${page.url()}`);
}

/** Log in from a plain /login page (no `?next=` left over from an earlier redirect). */
async function login(email, password) {
  const here = new URL(page.url());
  if (here.pathname !== '/login' || here.search !== '') await goto('/login');
  await page.fill('#email', email);
  await page.fill('#password', password);
  return clickAndWait(page, page.locator('form[action="/login"] button[type=submit]'));
}

async function logout() {
  return clickAndWait(page, page.locator('form[action="/logout"] button'));
}

async function languageButtons() {
  const pl = page.locator('form.lang-switch button[name=locale][value=pl]');
  const en = page.locator('form.lang-switch button[name=locale][value=en]');
  return { pl, en };
}

// ---- the journey ----

step('1. welcome page, then registration errors are explained', async (t, audit) => {
  const response = await goto('/');
  assert.equal(response.status(), 200);
  assert.equal(await htmlLang(), 'en', 'Accept-Language en-GB should give an English page');
  const { pl, en } = await languageButtons();
  assert.equal(await en.getAttribute('aria-pressed'), 'true');
  assert.equal(await pl.getAttribute('aria-pressed'), 'false');
  assert.equal((await pl.textContent()).trim(), 'Polski');
  assert.equal((await en.textContent()).trim(), 'English');
  const register = page.locator('main .actions a', { hasText: 'Create an account' });
  const loginLink = page.locator('main .actions a', { hasText: 'Log in' });
  // The university's name, and its catalogue before any account exists.
  assert.equal((await page.locator('header .brand').textContent()).trim(), 'Vistula Riverside University');
  assert.equal(await page.locator('main .cards .card').count(), 8, 'a visitor sees the eight programmes');
  await page.fill('#q', 'law');
  await clickAndWait(page, page.locator('form.filters button[type=submit]'));
  assert.deepEqual(await page.locator('main .cards .card h3').allTextContents(), ['Law']);
  await audit.page(page, 'welcome-catalogue-search');
  await goto('/');
  assert.equal(await register.getAttribute('href'), '/register');
  assert.equal(await loginLink.getAttribute('href'), '/login');
  await audit.page(page, 'welcome');

  await clickAndWait(page, register);
  assert.equal(pathname(), '/register');
  await audit.page(page, 'register');
  await audit.mobile(page, 'register-mobile');

  await page.fill('#email', candidate.email);
  await page.fill('#password', 'short');
  await page.fill('#password_confirm', 'different');
  await page.check('#accept_privacy');
  const errResponse = await clickAndWait(page, page.locator('form[action="/register"] button[type=submit]'));
  assert.equal(errResponse.status(), 422);

  const summary = page.locator('.error-summary');
  await summary.waitFor({ state: 'visible' });
  assert.equal(await summary.getAttribute('role'), 'alert');
  assert.ok(await summary.locator('a[href="#password"]').count() >= 1, 'error summary links to #password');
  const passwordError = page.locator('#password-error');
  assert.equal(await passwordError.count(), 1, '#password-error is present');
  assert.match((await passwordError.textContent()).trim(), /12/, 'the message names the minimum length');
  assert.equal(await page.locator('#password').getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#password').getAttribute('aria-describedby'), /\bpassword-error\b/);
  assert.equal(await page.inputValue('#email'), candidate.email, 'the typed email is kept');
  assert.equal(await page.inputValue('#password'), '', 'passwords are not echoed back');
  await audit.page(page, 'register-errors');
});

step('2. registering sends the candidate to check their email', async (t, audit) => {
  await page.fill('#email', candidate.email);
  await page.fill('#password', candidate.password);
  await page.fill('#password_confirm', candidate.password);
  await page.check('#accept_privacy');
  const response = await clickAndWait(page, page.locator('form[action="/register"] button[type=submit]'));
  assert.equal(response.status(), 200);
  await expectH1('Check your email');
  await audit.page(page, 'register-done');
});

step('3. the verification email arrives and its link confirms the address', async (t, audit) => {
  await goto('/dev/mailbox');
  const link = page
    .locator('tbody tr', { hasText: candidate.email })
    .locator('a[href^="/dev/mailbox/"]', { hasText: /^Confirm your email address/ });
  const deadline = Date.now() + MAIL_TIMEOUT;
  while ((await link.count()) === 0) {
    assert.ok(Date.now() < deadline, `no verification email for ${candidate.email} within ${MAIL_TIMEOUT} ms`);
    await page.waitForTimeout(300);
    await page.reload({ waitUntil: 'load' });
  }
  await audit.page(page, 'mailbox');

  await clickAndWait(page, link.first());
  assert.match(pathname(), /^\/dev\/mailbox\/[^/]+$/);
  assert.match(await h1(), /^Confirm your email address/);
  const verify = page.locator('.email-body a[href*="/verify-email?token="]').first();
  const href = await verify.getAttribute('href');
  assert.ok(href.startsWith(`${server.baseUrl}/verify-email?token=`), `verify link points at this server: ${href}`);
  await audit.page(page, 'mailbox-message');

  const response = await clickAndWait(page, verify);
  assert.equal(response.status(), 200);
  await expectH1('Your email address is confirmed');
  await audit.page(page, 'email-verified');
});

step('4. login: a wrong password is refused, the right one opens the candidate home', async (t, audit) => {
  await goto('/login');
  await audit.page(page, 'login');

  const bad = await login(candidate.email, 'not the right password');
  assert.equal(bad.status(), 422);
  const summary = page.locator('.error-summary');
  await summary.waitFor({ state: 'visible' });
  assert.match(await summary.textContent(), /The email address or password is not correct\./);
  assert.equal(await page.inputValue('#email'), candidate.email);
  await audit.page(page, 'login-error');

  const good = await login(candidate.email, candidate.password);
  assert.equal(good.status(), 200);
  assert.equal(pathname(), '/');
  await expectH1('My applications');
  await expectFlash('You are logged in.');
  const nav = page.locator('header nav');
  assert.equal(await nav.locator('a', { hasText: 'My applications' }).getAttribute('href'), '/');
  assert.equal(await nav.locator('a', { hasText: 'My account' }).getAttribute('href'), '/account');
  assert.match(await page.locator('form[action="/logout"] button').textContent(), /Log out/);
  await audit.page(page, 'candidate-home');
  await audit.mobile(page, 'candidate-home-mobile');
});

step('5. the header switches the portal to Polish', async (t, audit) => {
  const { pl } = await languageButtons();
  await clickAndWait(page, pl);
  assert.equal(pathname(), '/', 'the language switch returns to the same page');
  assert.equal(await htmlLang(), 'pl');
  await expectH1('Moje zgłoszenia');
  const buttons = await languageButtons();
  assert.equal(await buttons.pl.getAttribute('aria-pressed'), 'true');
  assert.equal(await buttons.en.getAttribute('aria-pressed'), 'false');
  await audit.page(page, 'candidate-home-pl');

  await clickAndWait(page, page.locator('header nav a[href="/account"]'));
  assert.equal(pathname(), '/account');
  assert.equal(await htmlLang(), 'pl');
  assert.match(await page.locator('main').textContent(), new RegExp(candidate.email.replace(/[.]/g, '\\.')));
  await audit.page(page, 'account-pl');
});

step('6. logging out (in Polish) ends the session', async (t, audit) => {
  const button = page.locator('form[action="/logout"] button');
  assert.match(await button.textContent(), /Wyloguj/);
  await logout();
  assert.equal(pathname(), '/login');
  assert.equal(await htmlLang(), 'pl');
  await expectFlash('Wylogowano.');
  await audit.page(page, 'logged-out-pl');

  await goto('/account');
  assert.equal(pathname(), '/login', '/account without a session redirects to the login page');
  await audit.page(page, 'account-redirects-to-login-pl');
});

step('7. an admissions officer reaches the staff home', async (t, audit) => {
  const officer = server.accounts.officer;
  assert.ok(officer, 'the server printed an officer account');
  const response = await login(officer.email, officer.password);
  assert.equal(response.status(), 200);
  assert.equal(pathname(), '/staff');
  // Demo staff accounts have no saved language, so the cookie (Polish since step 5) applies.
  const lang = await htmlLang();
  assert.equal(lang, 'pl');
  await expectH1('Biuro rekrutacji');
  t.diagnostic(`staff home language: ${lang}`);
  const { pl, en } = await languageButtons();
  assert.equal(await (lang === 'pl' ? pl : en).getAttribute('aria-pressed'), 'true');
  const rows = page.locator('main table tbody tr');
  assert.ok((await rows.count()) > 0, 'the status table has rows');
  assert.ok((await page.locator('main table thead th').count()) >= 2, 'the status table has column headers');
  await audit.page(page, `staff-home-${lang}`);

  await logout();
  assert.equal(pathname(), '/login');
  // Signed out, the language cookie (Polish) decides again.
  assert.equal(await htmlLang(), 'pl');
  await expectFlash('Wylogowano.');
});

step('8. a candidate gets a 403 error page for /staff', async (t, audit) => {
  const response = await login(candidate.email, candidate.password);
  assert.equal(response.status(), 200);
  assert.equal(pathname(), '/');
  await expectH1('Moje zgłoszenia');

  const forbidden = await goto('/staff');
  assert.equal(forbidden.status(), 403);
  assert.equal(pathname(), '/staff');
  await expectH1('Nie masz dostępu do tej strony');
  const requestId = (await page.locator('main code').first().textContent()).trim();
  assert.ok(requestId.length > 0, 'the error page shows a request id');
  const headerId = forbidden.headers()['x-request-id'];
  if (headerId) assert.equal(requestId, headerId, 'the request id matches the X-Request-Id header');
  await audit.page(page, 'staff-forbidden-pl');

  await logout();
  assert.equal(pathname(), '/login');
});

step('9. a programme administrator previews what different candidates would get', async (t, audit) => {
  // Switch back to English so the assertions read like the configuration's English texts.
  await goto('/login');
  await clickAndWait(page, page.locator('button[name=locale][value=en]'));
  const admin = server.accounts.program_admin;
  assert.ok(admin, 'the server printed a programme administrator account');
  const response = await login(admin.email, admin.password);
  assert.equal(response.status(), 200);
  await goto('/staff/preview');
  await expectH1('Preview as a candidate');
  await audit.page(page, 'preview-empty');

  // A Ukrainian master's candidate with a Ukrainian first degree.
  await page.selectOption('#program', 'data-science-s2');
  await clickAndWait(page, page.locator('form.preview-form button[type=submit]'));
  await page.selectOption('[name="c.citizenship"]', 'UA');
  await page.selectOption('[name="c.diploma_country"]', 'UA');
  await page.selectOption('[name="a.first_degree_country"]', 'UA');
  await page.fill('[name="a.diploma_grade"]', '4.5');
  await clickAndWait(page, page.locator('form.preview-form button[type=submit]'));
  const documents = await page.locator('main .preview-result').textContent();
  for (const expected of [
    'Apostille or legalisation of the certificate',
    'Recognition of the diploma (nostryfikacja) or NAWA statement',
    'Polish language certificate (B2 or higher)',
    "Applies because candidate.diploma_country != 'PL'",
  ]) {
    assert.ok(documents.includes(expected), `the Ukrainian master's candidate sees "${expected}"`);
  }
  await audit.page(page, 'preview-ukrainian-master');

  // A Polish bachelor's candidate with the new matura.
  await goto('/staff/preview?program=informatyka-s1');
  await page.selectOption('[name="c.citizenship"]', 'PL');
  await page.selectOption('[name="c.diploma_country"]', 'PL');
  await page.selectOption('[name="c.school_certificate"]', 'matura');
  await page.fill('[name="r.math.extended"]', '80');
  await page.fill('[name="r.polish.basic"]', '70');
  await page.fill('[name="r.english.extended"]', '90');
  await clickAndWait(page, page.locator('form.preview-form button[type=submit]'));
  const result = await page.locator('main .preview-result').textContent();
  assert.ok(result.includes('Matura results'), 'the Polish candidate is asked for matura results');
  assert.ok(!result.includes('Apostille'), 'no apostille for a Polish certificate');
  const points = (await page.locator('#preview-points-value').textContent()).trim();
  assert.match(points, /^\d+(\.\d+)? \/ \d+/, `points are shown (${points})`);
  t.diagnostic(`points for the Polish candidate: ${points}`);
  await audit.page(page, 'preview-polish-bachelor');

  await logout();
});

step('10. a programme administrator edits a programme in a draft, reviews and publishes it', async (t, audit) => {
  const admin = server.accounts.program_admin;
  const response = await login(admin.email, admin.password);
  assert.equal(response.status(), 200);
  await goto('/staff/cycle');
  await expectH1('Admission cycle definition');
  await audit.page(page, 'editor-overview');

  await clickAndWait(page, page.locator('a[href="/staff/cycle/programs/informatyka-s1"]'));
  await expectH1('Programme informatyka-s1');
  await audit.page(page, 'editor-program');
  // A formula with a misspelt subject is refused at its field, with what was typed kept.
  await page.fill('#points', 'results.maths.extended');
  await clickAndWait(page, page.locator('form.form button[type=submit]'));
  assert.ok(await page.locator('.error-summary').isVisible(), 'the error summary is shown');
  const pointsError = await page.locator('#points-error').textContent();
  assert.ok(pointsError.includes('there is no field `maths`'), pointsError);
  assert.equal(await page.locator('#points').inputValue(), 'results.maths.extended');
  await audit.page(page, 'editor-program-error');

  await page.fill('#points', 'max(results.math.extended, results.math.basic * 0.6) * 2.0');
  await page.fill('#capacity', '135');
  await clickAndWait(page, page.locator('form.form button[type=submit]'));
  await expectFlash('The change is saved in the draft.');
  await audit.page(page, 'editor-draft-open');

  await clickAndWait(page, page.locator('a[href="/staff/cycle/changes"]'));
  const changes = await page.locator('main').textContent();
  assert.ok(changes.includes('capacity = 135'), 'the change is listed');
  await audit.page(page, 'editor-changes');

  await goto('/staff/cycle');
  await clickAndWait(page, page.locator('form[action="/staff/cycle/publish"] button'));
  await expectFlash('The draft is published. Candidates now see the new version.');
  assert.ok((await page.locator('main').textContent()).includes('v2'), 'version 2 is published');
  await audit.page(page, 'editor-published');

  // The field and step forms, including an error at a condition.
  await goto('/staff/cycle/fields/profile/passport_number');
  await expectH1('Field passport_number');
  await page.fill('[name="visible_when"]', '!candidate.polsih');
  await clickAndWait(page, page.locator('form.form button[type=submit]'));
  assert.ok((await page.locator('#visible_when-error').textContent()).includes('polsih'));
  await audit.page(page, 'editor-field-error');
  await goto('/staff/cycle/steps/profile/personal');
  await audit.page(page, 'editor-step');
  await goto('/staff/cycle/programs/informatyka-s1/copy');
  await page.fill('#new_code', 'Not A Code!');
  await clickAndWait(page, page.locator('form.form button[type=submit]'));
  assert.ok(await page.locator('#new_code-error').isVisible(), 'a malformed code is refused at its field');
  await audit.page(page, 'editor-copy-error');

  // Structure: a new choice field with a malformed option line, then corrected; stage texts.
  await goto('/staff/cycle/steps/master/first_degree');
  await clickAndWait(page, page.locator('a[href="/staff/cycle/steps/master/first_degree/fields/new"]'));
  await page.fill('#key', 'thesis_topic_language');
  await page.selectOption('#kind', 'choice');
  await page.fill('#label_pl', 'Język pracy dyplomowej');
  await page.fill('#label_en', 'Language of the thesis');
  await page.fill('#options', 'pl | Polski | Polish\nen | Angielski');
  await clickAndWait(page, page.locator('form.form button[type=submit]'));
  assert.ok((await page.locator('#options-error').textContent()).includes('Line 2'));
  await audit.page(page, 'editor-new-field-error');
  await page.fill('#options', 'pl | Polski | Polish\nen | Angielski | English');
  await clickAndWait(page, page.locator('form.form button[type=submit]'));
  await expectH1('Field thesis_topic_language');
  await goto('/staff/cycle');
  await audit.page(page, 'editor-overview-with-draft');
  await goto('/staff/cycle/workflows/master');
  await expectH1('Workflow master');
  await audit.page(page, 'editor-workflow');

  // A document's accepted types and reusable rejection reasons, with errors at their fields.
  await goto('/staff/cycle/documents/profile/photo');
  await page.uncheck('#type_jpeg');
  await page.uncheck('#type_png');
  await page.fill('#rejection_reasons', 'Zdjęcie jest nieostre. | The photo is blurred.\nBez tłumaczenia');
  await clickAndWait(page, page.locator('form.form button[type=submit]'));
  assert.ok(await page.locator('#type_pdf-error').isVisible(), 'no type chosen is refused at the types');
  assert.ok((await page.locator('#rejection_reasons-error').textContent()).includes('Line 2'));
  await audit.page(page, 'editor-document-error');
  await page.check('#type_jpeg');
  await page.fill('#rejection_reasons', 'Zdjęcie jest nieostre. | The photo is blurred.');
  await clickAndWait(page, page.locator('form.form button[type=submit]'));
  await expectH1('Admission cycle definition');

  // The automation rules in words, and a dry run of one.
  await goto('/staff/automation');
  await expectH1('Automation rules');
  const rules = await page.locator('main').textContent();
  assert.ok(rules.includes('3 days before registration closes'), 'the warning rule is put into words');
  await audit.page(page, 'automation-rules');
  await clickAndWait(page, page.locator('a[href="/staff/automation/expire-drafts"]'));
  assert.ok((await page.locator('main').textContent()).includes('If it fired now it would act on'));
  await audit.page(page, 'automation-dry-run');
  await logout();
});

step('11. saving a programme form untouched changes nothing; a fee edit changes only the fee line', async (t, audit) => {
  const admin = server.accounts.program_admin;
  const response = await login(admin.email, admin.password);
  assert.equal(response.status(), 200);
  await goto('/staff/cycle');
  if (await page.locator('form[action="/staff/cycle/discard"] button').count()) {
    await clickAndWait(page, page.locator('form[action="/staff/cycle/discard"] button'));
  }
  const codes = await page.locator('main a[href^="/staff/cycle/programs/"]').evaluateAll(
    (links) => [...new Set(links.map((a) => a.getAttribute('href')).filter((h) => !h.endsWith('/copy')))],
  );
  assert.equal(codes.length, 8, `the demo's eight programmes are listed (${codes})`);

  const changedLines = async () => {
    await goto('/staff/cycle/changes');
    return {
      removed: await page.locator('.diff-removed code').allTextContents(),
      added: await page.locator('.diff-added code').allTextContents(),
    };
  };
  for (const href of codes) {
    await goto(href);
    await clickAndWait(page, page.locator('form.form button[type=submit]'));
    await expectFlash('The change is saved in the draft.');
    const { removed, added } = await changedLines();
    assert.deepEqual({ removed, added }, { removed: [], added: [] }, `saving ${href} untouched changed nothing`);
  }
  assert.ok((await page.locator('main').textContent()).includes('The draft is the same as the published version.'));
  await audit.page(page, 'editor-untouched-saves');

  await goto('/staff/cycle/programs/prawo');
  await audit.page(page, 'editor-program-multiline-formula');
  assert.ok((await page.locator('#points').inputValue()).includes('\n'), 'the formula keeps its lines');
  await page.fill('#fee_amount', '95.00');
  await clickAndWait(page, page.locator('form.form button[type=submit]'));
  const { removed, added } = await changedLines();
  assert.deepEqual(removed, ['amount = "85.00"']);
  assert.deepEqual(added, ['amount = "95.00"']);
  await audit.page(page, 'editor-fee-change');
  await goto('/staff/cycle');
  await clickAndWait(page, page.locator('form[action="/staff/cycle/discard"] button'));
  await logout();
});
