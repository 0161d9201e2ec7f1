// Two whole application journeys in a real browser, from registration to a submitted
// application: a Polish bachelor's candidate (in English) and a Ukrainian master's candidate
// (in Polish). Each corrects a validation error on the way, uploads its documents, submits,
// finds the receipt email in the development mailbox and downloads the PDF summary, whose text
// is checked with pdftotext. Every page visited gets an axe-core WCAG 2.1 A/AA check.
//
// Run from the repository root:  node --test tests/browser/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import zlib from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  Audit, REPO_ROOT, clickAndWait, launchBrowser, prepareScreenshotDir, startServer, trackDocuments,
} from './lib.mjs';

const STEP_TIMEOUT = 180_000;
const MAIL_TIMEOUT = 30_000;
const PASSWORD = 'correct horse battery staple';

let server;
let browser;

/** A one-page A4 PDF showing `text`, with a correct cross-reference table (the portal checks it). */
function pdfShowing(text) {
  const content = `BT /F1 28 Tf 72 760 Td (${text}) Tj ET\n`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R'
      + ' /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}endstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = pdf.length;
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return pdf;
}

/** CRC-32 of a PNG chunk's type and data. */
function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k += 1) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A real RGB PNG: a light background with a darker oval, like an ID photo. */
function pngPortrait(width, height) {
  const chunk = (type, data) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const dx = (x - width / 2) / (width * 0.3);
      const dy = (y - height * 0.45) / (height * 0.3);
      const face = dx * dx + dy * dy < 1;
      rows.set(face ? [196, 150, 120] : [225, 232, 240], y * (width * 3 + 1) + 1 + x * 3);
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Files to upload: a one-page PDF and a PNG photo (the portal checks their structure).
const files = fs.mkdtempSync(path.join(os.tmpdir(), 'admitto-uploads-'));
const PDF = path.join(files, 'skan-świadectwa.pdf');
const PNG = path.join(files, 'zdjęcie.png');
fs.writeFileSync(PDF, pdfShowing('Secondary-school certificate (scan)'), 'latin1');
fs.writeFileSync(PNG, pngPortrait(300, 400));

before(async () => {
  prepareScreenshotDir('application');
  server = await startServer();
  browser = await launchBrowser();
}, { timeout: 90_000 });

after(async () => {
  await browser?.close().catch(() => {});
  await server?.stop();
  fs.rmSync(files, { recursive: true, force: true });
});

/** A browser context of its own for one candidate. */
async function candidatePage(locale) {
  const context = await browser.newContext({
    locale,
    bypassCSP: true, // only so that axe-core can be injected
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(20_000);
  trackDocuments(context);
  return { context, page: await context.newPage() };
}

function helpers(page) {
  const url = (p) => `${server.baseUrl}${p}`;
  return {
    pathname: () => new URL(page.url()).pathname,
    async goto(p) {
      const response = await page.goto(url(p), { waitUntil: 'load' });
      assert.ok(response, `no response for ${p}`);
      return response;
    },
    async h1() {
      return (await page.locator('main h1').first().textContent()).trim();
    },
    /** Save and continue on a step form, or continue from a step of documents only. */
    async next() {
      const save = page.locator('form.step-form button[name=_action][value=next]');
      if (await save.count()) return clickAndWait(page, save);
      return clickAndWait(page, page.locator('a.next-step'));
    },
  };
}

/** Registers, confirms the address from the mailbox and logs in. */
async function registerAndLogIn(page, email, audit, texts) {
  const h = helpers(page);
  await h.goto('/register');
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  await page.fill('#password_confirm', PASSWORD);
  await page.check('#accept_privacy');
  await clickAndWait(page, page.locator('form[action="/register"] button[type=submit]'));
  const link = await mailboxMessage(page, email, texts.verifySubject);
  await clickAndWait(page, link);
  const verify = page.locator('.email-body a[href*="/verify-email?token="]').first();
  await clickAndWait(page, verify);
  await h.goto('/login');
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  const response = await clickAndWait(page, page.locator('form[action="/login"] button[type=submit]'));
  assert.equal(response.status(), 200);
  assert.equal(h.pathname(), '/');
  await audit.page(page, `${texts.who}-home`);
}

/** Waits for an email to `email` whose subject starts with `subject`; returns its link. */
async function mailboxMessage(page, email, subject) {
  await page.goto(`${server.baseUrl}/dev/mailbox`, { waitUntil: 'load' });
  const link = page
    .locator('tbody tr', { hasText: email })
    .locator('a[href^="/dev/mailbox/"]', { hasText: subject });
  const deadline = Date.now() + MAIL_TIMEOUT;
  while ((await link.count()) === 0) {
    if (Date.now() >= deadline) {
      const rows = await page.locator('tbody tr', { hasText: email }).allTextContents();
      assert.fail(`no "${subject}" email for ${email} within ${MAIL_TIMEOUT} ms; theirs: ${rows.join(' | ')}`);
    }
    await page.waitForTimeout(300);
    await page.reload({ waitUntil: 'load' });
  }
  return link.first();
}

/** Uploads a file for every document on the current step that is still missing. */
async function uploadMissing(page, audit, name) {
  let uploaded = 0;
  for (;;) {
    const missing = page.locator('li.item-missing form.upload-form, li.item-rejected form.upload-form');
    if ((await missing.count()) === 0) break;
    const form = missing.first();
    const input = form.locator('input[type=file]');
    const accept = (await input.getAttribute('accept')) || '';
    await input.setInputFiles(accept.includes('.pdf') ? PDF : PNG);
    const response = await clickAndWait(page, form.locator('button[type=submit]'));
    assert.equal(response.status(), 200, `upload on ${page.url()}`);
    uploaded += 1;
    assert.ok(uploaded < 12, 'uploads keep being asked for');
  }
  if (uploaded) await audit.page(page, name);
  return uploaded;
}

/** Downloads a PDF of the application (its summary unless `document` names another) with the
 * page's cookies and returns its text (pdftotext). */
async function pdfText(page, applicationPath, document = 'summary.pdf') {
  const response = await page.request.get(`${server.baseUrl}${applicationPath}/${document}`);
  assert.equal(response.status(), 200);
  assert.equal(response.headers()['content-type'], 'application/pdf');
  // Kept beside the screenshots, to be looked at.
  const file = path.join(REPO_ROOT, 'target', 'browser-screenshots', 'application',
    `${path.basename(document, '.pdf').replace('/', '-')}-${path.basename(applicationPath)}.pdf`);
  fs.writeFileSync(file, await response.body());
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

test('a Polish bachelor\'s candidate applies to Computer Science and submits', { timeout: STEP_TIMEOUT }, async (t) => {
  const audit = new Audit(t);
  const { context, page } = await candidatePage('en-GB');
  const h = helpers(page);
  const email = `zofia-${crypto.randomBytes(4).toString('hex')}@example.com`;
  try {
    await registerAndLogIn(page, email, audit, { who: 'pl', verifySubject: /^Confirm your email address/ });

    // Choose the programme with the search and a filter.
    await page.fill('#q', 'computer');
    await page.selectOption('#level', 'bachelor');
    await clickAndWait(page, page.locator('form.filters button[type=submit]'));
    assert.match(await page.locator('main').textContent(), /Computer Science/);
    await audit.page(page, 'pl-programmes-filtered');
    await clickAndWait(page, page.locator('form[action="/applications"]:has(input[value="informatyka-s1"]) button'));
    assert.match(h.pathname(), /^\/applications\/[^/]+$/);
    const application = h.pathname();
    await audit.page(page, 'pl-application-new');

    // Personal data: choosing Polish citizenship brings the PESEL question; a wrong PESEL is
    // explained at its field and corrected.
    await clickAndWait(page, page.locator('ol.step-list a').first());
    await audit.page(page, 'pl-step-personal');
    await page.fill('#first_name', 'Zofia');
    await page.fill('#last_name', 'Wójcik-Żak');
    await page.fill('#date_of_birth', '17.05.2006');
    await page.fill('#place_of_birth', 'Łódź');
    // Choosing Polish citizenship brings the PESEL question at once, before anything is saved,
    // and the passport questions go; nothing typed is lost.
    assert.equal(await page.locator('#pesel').count(), 0);
    assert.equal(await page.locator('#passport_number').count(), 0, 'no passport question before the citizenship');
    await page.selectOption('#citizenship', 'PL');
    await page.locator('#pesel').waitFor();
    assert.equal(await page.locator('#passport_number').count(), 0, 'no passport question for a Polish citizen');
    assert.equal(await page.inputValue('#first_name'), 'Zofia', 'what was typed is kept');
    assert.equal(await page.inputValue('#date_of_birth'), '17.05.2006');
    assert.match(await page.locator('#step-fields-status').textContent(), /changed to match your answer/);
    await audit.page(page, 'pl-step-personal-live');
    await page.fill('#phone', '+48 600 100 200');
    await page.fill('#pesel', '06251701232');
    const wrong = await h.next();
    assert.equal(wrong.status(), 422);
    const summary = page.locator('.error-summary');
    assert.ok(await summary.locator('a[href="#pesel"]').count() === 1, 'the summary links to the PESEL field');
    assert.match(await page.locator('#pesel-error').textContent(), /This PESEL number is not valid/);
    assert.equal(await page.inputValue('#pesel'), '06251701232', 'what was typed is kept');
    assert.equal(await page.inputValue('#first_name'), 'Zofia');
    await audit.page(page, 'pl-step-personal-error');
    await page.fill('#pesel', '06251701231');
    await h.next();

    // Address, education, exam results (with the points what-if), documents, support.
    await page.selectOption('#country_of_residence', 'PL');
    await page.fill('#street', 'ul. Piotrkowska 1/2');
    await page.fill('#postal_code', '90001');
    await page.fill('#city', 'Łódź');
    await page.check('#correspondence_same-yes');
    await h.next();
    await audit.page(page, 'pl-step-education');
    await page.check('#school_certificate-matura');
    await page.selectOption('#diploma_country', 'PL');
    await page.fill('#school_name', 'XXI LO im. H. Kołłątaja');
    await page.fill('#school_city', 'Łódź');
    await page.fill('#graduation_year', '2025');
    await h.next();
    await page.fill('[name="matura_results.math.extended"]', '80');
    await page.fill('[name="matura_results.math.basic"]', '95');
    await page.fill('[name="matura_results.polish.basic"]', '70');
    await page.fill('[name="matura_results.english.extended"]', '90');
    await clickAndWait(page, page.locator('button[name=_action][value=points]'));
    const whatIf = (await page.locator('.points-preview').textContent()).trim();
    assert.match(whatIf, /Computer Science: \d+(\.\d+)? \/ \d+ points/, whatIf);
    t.diagnostic(`what-if points: ${whatIf}`);
    await audit.page(page, 'pl-step-results-points');
    await h.next();
    assert.equal(await uploadMissing(page, audit, 'pl-step-documents'), 1, 'only the photo is asked for');
    await h.next();
    await page.check('#needs_support-no');
    await h.next();
    await page.check('#olympiad_laureate-no');
    await h.next();
    await page.check('#rules_accepted-yes');
    await page.check('#data_true-yes');
    await h.next();
    assert.equal(h.pathname(), application, 'the last step leads back to the application');

    // The checklist has nothing missing; no apostille for a Polish matura; submit.
    const main = await page.locator('main').textContent();
    assert.ok(!/apostille/i.test(main), 'no apostille for a Polish candidate');
    assert.match(main, /Your points/);
    await audit.page(page, 'pl-application-ready');
    await clickAndWait(page, page.locator('form#submit button:not([name=then])'));
    assert.equal(h.pathname(), `${application}/receipt`);
    const receipt = (await page.locator('.receipt-number').textContent()).split(': ')[1].trim();
    assert.match(receipt, /^\d{8}-[0-9A-Z]{6}$/);
    await audit.page(page, 'pl-receipt');

    // The receipt email, then the PDF.
    const mail = await mailboxMessage(page, email, /^Application submitted/);
    await clickAndWait(page, mail);
    assert.match(await page.locator('main').textContent(), new RegExp(receipt));
    await audit.page(page, 'pl-receipt-email');
    const text = await pdfText(page, application);
    for (const expected of ['Application summary', 'Computer Science', 'Zofia', 'Wójcik-Żak', receipt, 'Łódź']) {
      assert.ok(text.includes(expected), `the PDF contains "${expected}"`);
    }
    await h.goto(application);
    assert.match(await page.locator('main').textContent(), /submitted, receipt/);
    assert.match(await page.locator('#fee').textContent(), /The application fee of 85.00 PLN is due/);
    await audit.page(page, 'pl-application-submitted');

    // The fee, paid through the demo's payment sandbox.
    await clickAndWait(page, page.locator('#fee form button'));
    assert.match(h.pathname(), /^\/dev\/pay\//);
    await audit.page(page, 'pl-payment-sandbox');
    await clickAndWait(page, page.locator('button[value="paid"]'));
    assert.equal(h.pathname(), application);
    assert.match(await page.locator('main').textContent(), /your payment is in and the fee is paid/);
    assert.match(await page.locator('#fee').textContent(), /Paid on .* \(demo payment\)/);
    assert.match(await page.locator('.history').textContent(), /application fee paid \(demo payment\)/);
    assert.equal(await page.locator('#fee form').count(), 0, 'nothing left to pay');
    await audit.page(page, 'pl-application-paid');
    const confirmationPdf = await pdfText(page, application, 'fee/confirmation.pdf');
    for (const expected of ['Payment confirmation', 'not an invoice', '85.00 PLN', receipt, 'Zofia', 'demo payment']) {
      assert.ok(confirmationPdf.includes(expected), `the payment confirmation contains "${expected}"`);
    }
    const confirmation = await mailboxMessage(page, email, /^Payment received/);
    await clickAndWait(page, confirmation);
    assert.match(await page.locator('main').textContent(), /We have received your payment of 85.00 PLN/);
    await audit.page(page, 'pl-payment-email');
  } finally {
    await context.close();
  }
  audit.assertClean(assert);
});

test('a Ukrainian master\'s candidate (in Polish) is told why each document applies and submits', { timeout: STEP_TIMEOUT }, async (t) => {
  const audit = new Audit(t);
  const { context, page } = await candidatePage('pl-PL');
  const h = helpers(page);
  const email = `olena-${crypto.randomBytes(4).toString('hex')}@example.com`;
  try {
    await registerAndLogIn(page, email, audit, { who: 'ua', verifySubject: /^Potwierdź adres e-mail/ });
    await clickAndWait(page, page.locator('form[action="/applications"]:has(input[value="data-science-s2"]) button'));
    const application = h.pathname();

    await clickAndWait(page, page.locator('ol.step-list a').first());
    await page.fill('#first_name', 'Олена');
    await page.fill('#last_name', 'Шевченко');
    await page.fill('#date_of_birth', '09.03.2001');
    await page.fill('#place_of_birth', 'Київ');
    // A Ukrainian citizen is asked for a passport, never for a PESEL.
    await page.selectOption('#citizenship', 'UA');
    await page.locator('#passport_number').waitFor();
    assert.equal(await page.locator('#pesel').count(), 0, 'no PESEL question for a Ukrainian citizen');
    await page.fill('#passport_number', 'FA123456');
    await page.fill('#passport_valid_until', '01.01.2030');
    await page.check('#karta_polaka-no');
    // A number typed without the country code is read as Ukrainian; one digit short, it is
    // explained (in Ukraine's terms) and corrected, still without the code.
    await page.fill('#phone', '050 123 456');
    const wrong = await h.next();
    assert.equal(wrong.status(), 422);
    const message = await page.locator('#phone-error').textContent();
    assert.match(message, /\+380/);
    assert.match(message, /czytamy go jako numer z kraju/);
    await audit.page(page, 'ua-step-personal-error');
    await page.fill('#phone', '050 123 4567');
    await h.next();

    await page.selectOption('#country_of_residence', 'UA');
    await page.fill('#street', 'вул. Хрещатик 1');
    await page.fill('#postal_code', '01001');
    await page.fill('#city', 'Київ');
    await page.check('#correspondence_same-yes');
    await h.next();
    await page.check('#school_certificate-foreign');
    await page.selectOption('#diploma_country', 'UA');
    await page.fill('#school_name', 'Ліцей № 1');
    await page.fill('#school_city', 'Київ');
    await page.fill('#graduation_year', '2019');
    await h.next();
    // Identity and school-certificate documents: photo, passport, certificate, apostille.
    let uploads = await uploadMissing(page, audit, 'ua-step-identity-documents');
    await h.next();
    uploads += await uploadMissing(page, audit, 'ua-step-education-documents');
    await h.next();
    await page.check('#needs_support-no');
    await h.next();
    await audit.page(page, 'ua-step-first-degree');
    await page.fill('#first_degree_university', 'Київський національний університет імені Тараса Шевченка');
    await page.selectOption('#first_degree_country', 'UA');
    await page.fill('#first_degree_field', 'Informatyka');
    await page.check('#first_degree_title-foreign_bachelor');
    await page.check('#diploma_pending-no');
    await page.fill('#graduation_date', '30.06.2024');
    await page.fill('#diploma_grade', '4,5');
    await h.next();
    uploads += await uploadMissing(page, audit, 'ua-step-diploma-documents');
    await h.next();
    // Not having studied in Polish makes the B2 certificate required on this same step.
    await page.check('#studies_in_polish-no');
    await clickAndWait(page, page.locator('form.step-form button[name=_action][value=stay]'));
    uploads += await uploadMissing(page, audit, 'ua-step-language');
    await h.next();
    await page.check('#stay_basis-study_visa');
    await page.check('#insurance_declaration-yes');
    await h.next();
    if (await page.locator('#visa_consulate').count()) {
      await page.fill('#visa_consulate', 'Konsulat RP we Lwowie');
      await h.next();
    }
    uploads += await uploadMissing(page, audit, 'ua-step-stay');
    await audit.page(page, 'ua-step-declarations');
    await page.check('#rules_accepted-yes');
    await page.check('#data_true-yes');
    await h.next();
    t.diagnostic(`documents uploaded: ${uploads}`);
    assert.equal(h.pathname(), application);

    // The checklist says why: citizenship Ukraine, a diploma from outside the EU.
    const main = await page.locator('main').textContent();
    assert.match(main, /Obywatelstwo: Ukraina/);
    assert.match(main, /[Aa]postill/);
    assert.match(main, /[Uu]znani|nostryfik/);
    assert.match(main, /B2|język polski|języka polskiego/);
    await audit.page(page, 'ua-application-ready');
    await audit.mobile(page, 'ua-application-ready-mobile');
    await clickAndWait(page, page.locator('form#submit button:not([name=then])'));
    assert.equal(h.pathname(), `${application}/receipt`);
    const receipt = (await page.locator('.receipt-number').textContent()).split(': ')[1].trim();
    await audit.page(page, 'ua-receipt');
    const mail = await mailboxMessage(page, email, /^Zgłoszenie wysłane/);
    await clickAndWait(page, mail);
    assert.match(await page.locator('main').textContent(), new RegExp(receipt));
    const text = await pdfText(page, application);
    for (const expected of ['Podsumowanie zgłoszenia', 'Analiza danych', 'Шевченко', 'Київ', receipt, 'Ukraina']) {
      assert.ok(text.includes(expected), `the PDF contains "${expected}"`);
    }
  } finally {
    await context.close();
  }
  audit.assertClean(assert);
});

/** Fills in a Polish matura candidate's profile steps from the first step on. */
async function fillPolishProfile(page, h) {
  await clickAndWait(page, page.locator('ol.step-list a').first());
  await page.fill('#first_name', 'Jan');
  await page.fill('#last_name', 'Kowalczyk');
  await page.fill('#date_of_birth', '17.05.2006');
  await page.fill('#place_of_birth', 'Gdańsk');
  await page.selectOption('#citizenship', 'PL');
  await page.fill('#phone', '+48 600 100 200');
  await h.next();
  await page.fill('#pesel', '06251701231');
  await h.next();
  await page.selectOption('#country_of_residence', 'PL');
  await page.fill('#street', 'ul. Długa 1');
  await page.fill('#postal_code', '80-831');
  await page.fill('#city', 'Gdańsk');
  await page.check('#correspondence_same-yes');
  await h.next();
  await page.check('#school_certificate-matura');
  await page.selectOption('#diploma_country', 'PL');
  await page.fill('#school_name', 'I LO');
  await page.fill('#school_city', 'Gdańsk');
  await page.fill('#graduation_year', '2025');
  await h.next();
  await page.fill('[name="matura_results.math.extended"]', '100');
  await h.next();
}

/** Text in Windows-1250, as Polish banks write MT940 files. */
function windows1250(text) {
  const polish = {
    ą: 0xb9, ć: 0xe6, ę: 0xea, ł: 0xb3, ń: 0xf1, ó: 0xf3, ś: 0x9c, ź: 0x9f, ż: 0xbf,
    Ą: 0xa5, Ć: 0xc6, Ę: 0xca, Ł: 0xa3, Ń: 0xd1, Ó: 0xd3, Ś: 0x8c, Ź: 0x8f, Ż: 0xaf,
  };
  return Buffer.from([...text].map((c) => polish[c] ?? c.charCodeAt(0)));
}

/** A one-credit MT940 statement of today: `amount` (e.g. "85,00") with `details` in :86:. */
function statementWith(amount, details) {
  const d = new Date();
  const yymmdd = `${String(d.getFullYear() % 100).padStart(2, '0')}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
  return [
    ':20:ST-BROWSER/1',
    ':25:/PL61109010140000071219812874',
    ':28C:00001/1',
    `:60F:C${yymmdd}PLN0,00`,
    `:61:${yymmdd}C${amount}NTRFNONREF//B-0001`,
    `:86:${details}`,
    `:62F:C${yymmdd}PLN${amount}`,
    '-',
  ].join('\r\n');
}

/** Opens the waiting document named `name` of the candidate `email` in the staff queue. */
async function openQueued(page, h, email, name) {
  await h.goto('/staff/documents');
  const link = page.locator('tbody tr', { hasText: email }).locator('a', { hasText: name }).first();
  await clickAndWait(page, link);
}

test('staff reject a photo with a reason, the candidate replaces it, staff accept both documents', { timeout: STEP_TIMEOUT }, async (t) => {
  const audit = new Audit(t);
  const candidate = await candidatePage('en-GB');
  const staff = await candidatePage('en-GB');
  const page = candidate.page;
  const h = helpers(page);
  const s = helpers(staff.page);
  const email = `jan-${crypto.randomBytes(4).toString('hex')}@example.com`;
  try {
    await registerAndLogIn(page, email, audit, { who: 'docs', verifySubject: /^Confirm your email address/ });
    await clickAndWait(page, page.locator('form[action="/applications"]:has(input[value="informatyka-s1"]) button'));
    const application = h.pathname();
    await fillPolishProfile(page, h);
    // Identity documents: the photo.
    assert.equal(await uploadMissing(page, audit, 'docs-photo'), 1);
    await h.next();
    await page.check('#needs_support-no');
    await h.next();
    // An olympiad laureate sends the diploma (a PDF) on the same step.
    await page.check('#olympiad_laureate-yes');
    await clickAndWait(page, page.locator('form.step-form button[name=_action][value=stay]'));
    await page.fill('#olympiad_name', 'Olimpiada Matematyczna');
    await clickAndWait(page, page.locator('form.step-form button[name=_action][value=stay]'));
    assert.equal(await uploadMissing(page, audit, 'docs-olympiad'), 1);

    // The officer rejects the photo with a common reason and a note.
    const officer = server.accounts.officer;
    await s.goto('/login');
    await staff.page.fill('#email', officer.email);
    await staff.page.fill('#password', officer.password);
    await clickAndWait(staff.page, staff.page.locator('form[action="/login"] button[type=submit]'));
    await s.goto('/staff/documents');
    assert.match(await staff.page.locator('main').textContent(), new RegExp(email.replace(/[.]/g, '\\.')));
    await audit.page(staff.page, 'docs-queue');
    await openQueued(staff.page, s, email, 'Photo for the student ID card');
    await audit.page(staff.page, 'docs-review-photo');
    await staff.page.check('#preset-0');
    await staff.page.fill('#reason', 'Please take it in daylight.');
    await clickAndWait(staff.page, staff.page.locator('form.reject-form button[type=submit]'));
    assert.match(await staff.page.locator('.flash').textContent(), /rejected/);

    // The candidate gets the email with the reason and sends a new photo.
    const mail = await mailboxMessage(page, email, /^A document needs correcting/);
    await clickAndWait(page, mail);
    const body = await page.locator('main').textContent();
    assert.match(body, /The photo is blurred or too dark\. Please take it in daylight\./);
    await audit.page(page, 'docs-rejection-email');
    const link = page.locator('.email-body a[href*="/steps/identity_documents"]').first();
    await clickAndWait(page, link);
    assert.match(await page.locator('.rejection').textContent(), /could not accept this file/);
    await audit.page(page, 'docs-step-rejected');
    assert.equal(await uploadMissing(page, audit, 'docs-photo-replaced'), 1);

    // The officer accepts the new photo and the diploma.
    await openQueued(staff.page, s, email, 'Photo for the student ID card');
    assert.match(await staff.page.locator('main').textContent(), /version 2/);
    await clickAndWait(staff.page, staff.page.locator('form[action$="/accept"] button'));
    await openQueued(staff.page, s, email, 'Olympiad');
    await clickAndWait(staff.page, staff.page.locator('form[action$="/accept"] button'));
    await s.goto('/staff/documents');
    assert.ok(!(await staff.page.locator('main').textContent()).includes(email), 'nothing of this candidate is waiting');
    await audit.page(staff.page, 'docs-queue-after');

    // The candidate's checklist shows both accepted.
    await h.goto(application);
    const accepted = page.locator('li.item-accepted');
    assert.equal(await accepted.count(), 2, 'both documents are accepted');
    await audit.page(page, 'docs-checklist-accepted');
  } finally {
    await candidate.context.close();
    await staff.context.close();
  }
  audit.assertClean(assert);
});

test('a candidate pays by bank transfer without the account number and the finance office matches it', { timeout: STEP_TIMEOUT }, async (t) => {
  const audit = new Audit(t);
  const candidate = await candidatePage('en-GB');
  const staff = await candidatePage('pl-PL');
  const page = candidate.page;
  const h = helpers(page);
  const s = helpers(staff.page);
  const email = `jan-transfer-${crypto.randomBytes(4).toString('hex')}@example.com`;
  const file = path.join(files, 'wyciag.sta');
  try {
    await registerAndLogIn(page, email, audit, { who: 'transfer', verifySubject: /^Confirm your email address/ });
    await clickAndWait(page, page.locator('form[action="/applications"]:has(input[value="informatyka-s1"]) button'));
    const application = h.pathname();
    await fillPolishProfile(page, h);
    assert.equal(await uploadMissing(page, audit, 'transfer-photo'), 1);
    await h.next();
    await page.check('#needs_support-no');
    await h.next();
    await page.check('#olympiad_laureate-no');
    await h.next();
    await page.check('#rules_accepted-yes');
    await page.check('#data_true-yes');
    await h.next();
    await clickAndWait(page, page.locator('form#submit button:not([name=then])'));
    const receipt = (await page.locator('.receipt-number').textContent()).split(': ')[1].trim();

    // The application shows the candidate's own account number with the transfer details.
    await h.goto(application);
    const fee = await page.locator('#fee').textContent();
    assert.match(fee, /Pay by bank transfer/);
    assert.match(fee, new RegExp(`Application fee ${receipt}`));
    assert.match(fee, /up to 7 working days/);
    const account = (await page.locator('#fee code.account').textContent()).trim();
    assert.match(account, /^\d{2}( \d{4}){6}$/, account);
    await audit.page(page, 'transfer-details');

    // A parent pays without the account number, naming the application in the title.
    fs.writeFileSync(file, windows1250(statementWith('85,00', `020~00TRAN~20Opłata rekrutacyjna ${receipt}~27Józef Kowalczyk~28ul. Długa 1`)));

    // The finance office imports the statement (in Polish) and matches the transfer by hand.
    const finance = server.accounts.finance;
    await s.goto('/login');
    await staff.page.fill('#email', finance.email);
    await staff.page.fill('#password', finance.password);
    await clickAndWait(staff.page, staff.page.locator('form[action="/login"] button[type=submit]'));
    await s.goto('/staff/payments');
    await audit.page(staff.page, 'payments-empty');
    await staff.page.setInputFiles('#statement', file);
    await clickAndWait(staff.page, staff.page.locator('form[action="/staff/payments/import"] button'));
    assert.match(await staff.page.locator('.notice').textContent(), /1 nowy wpływ: dopasowane 0, do ręcznego dopasowania 1/);
    const row = staff.page.locator('tbody tr', { hasText: 'Józef Kowalczyk' });
    assert.match(await row.textContent(), /Nie wskazuje żadnego numeru konta kandydata/);
    await audit.page(staff.page, 'payments-queue');
    await row.locator('input[type=text]').fill(receipt);
    await clickAndWait(staff.page, row.locator('form:has(input[type=text]) button'));
    assert.match(await staff.page.locator('.notice').textContent(), new RegExp(`opłaca teraz opłatę zgłoszenia ${receipt}`));
    assert.match(await staff.page.locator('main').textContent(), /Żaden przelew nie czeka/);
    await audit.page(staff.page, 'payments-matched');

    // The candidate sees the fee paid by transfer, and gets the confirmation.
    await h.goto(application);
    assert.match(await page.locator('#fee').textContent(), /Paid on .* \(bank transfer\)/);
    assert.match(await page.locator('.history').textContent(), /application fee paid \(bank transfer\)/);
    await audit.page(page, 'transfer-paid');
    const confirmation = await mailboxMessage(page, email, /^Payment received/);
    await clickAndWait(page, confirmation);
    assert.match(await page.locator('main').textContent(), /We have received your payment of 85.00 PLN/);

    // The candidate withdrew in time: the finance office refunds the fee by transfer.
    await s.goto(`/staff${application}`);
    await clickAndWait(staff.page, staff.page.locator('a', { hasText: 'Zwroty tej opłaty' }));
    assert.match(await staff.page.locator('main').textContent(), /Pieniądze wrócą przelewem/);
    await staff.page.fill('#reason', 'Rezygnacja przed terminem');
    await staff.page.fill('#account', '62 1090 1014 0000 0712 1981 2874');
    await clickAndWait(staff.page, staff.page.locator('form[action$="/refund"] button'));
    assert.ok(await staff.page.locator('.error-summary').isVisible(), 'the error summary is shown');
    assert.match(await staff.page.locator('#account-error').textContent(), /cyframi kontrolnymi/);
    assert.equal(await staff.page.inputValue('#reason'), 'Rezygnacja przed terminem');
    await audit.page(staff.page, 'refund-error');
    await staff.page.fill('#account', '61 1090 1014 0000 0712 1981 2874');
    await clickAndWait(staff.page, staff.page.locator('form[action$="/refund"] button'));
    assert.match(await staff.page.locator('.flash').textContent(), /Zwrot czeka na przelew/);
    await audit.page(staff.page, 'refund-to-send');
    await s.goto('/staff/payments');
    assert.match(await staff.page.locator('main').textContent(), /Jeden zwrot czeka na wysłanie/);
    await clickAndWait(staff.page, staff.page.locator('form[action$="/sent"] button'));
    assert.match(await staff.page.locator('.flash').textContent(), /oznaczono jako wysłany/);
    await audit.page(staff.page, 'refund-sent');
    await h.goto(application);
    assert.match(await page.locator('.history').textContent(), /85.00 PLN of the application fee given back to you/);
    const refunded = await mailboxMessage(page, email, /^Application fee refund/);
    await clickAndWait(page, refunded);
    assert.match(await page.locator('main').textContent(), /sent by bank transfer to the account PL61109010140000071219812874/);
  } finally {
    await candidate.context.close();
    await staff.context.close();
  }
  audit.assertClean(assert);
});

/** Signs a new browser in as the demo account of `role`; resolves to { context, page, h }. */
async function staffPage(role) {
  const staff = await candidatePage('en-GB');
  const h = helpers(staff.page);
  const account = server.accounts[role];
  await h.goto('/login');
  await staff.page.fill('#email', account.email);
  await staff.page.fill('#password', account.password);
  await clickAndWait(staff.page, staff.page.locator('form[action="/login"] button[type=submit]'));
  return { ...staff, h };
}

/** Registers `email`, fills in and submits an architecture application; returns its path. */
async function submitArchitecture(page, email, audit, who) {
  const h = helpers(page);
  await registerAndLogIn(page, email, audit, { who, verifySubject: /^Confirm your email address/ });
  await clickAndWait(page, page.locator('form[action="/applications"]:has(input[value="architektura-s1"]) button'));
  const application = h.pathname();
  await fillPolishProfile(page, h);
  await uploadMissing(page, audit, `${who}-photo`);
  await h.next();
  await page.check('#needs_support-no');
  await h.next();
  await page.check('#olympiad_laureate-no');
  await h.next();
  assert.equal(await uploadMissing(page, audit, `${who}-portfolio`), 1);
  await page.check('#interview_language-pl');
  await h.next();
  await page.check('#rules_accepted-yes');
  await page.check('#data_true-yes');
  await h.next();
  await clickAndWait(page, page.locator('form#submit button:not([name=then])'));
  return application;
}

/** The number before " / " in a points text ("39.5 / 200"). */
function pointsNumber(text) {
  return Number(text.trim().split(' / ')[0].replace(',', '.'));
}

test('an architecture candidate books the drawing exam, moves it and cancels it; examiners score it and the points change', { timeout: STEP_TIMEOUT }, async (t) => {
  const audit = new Audit(t);
  const candidate = await candidatePage('en-GB');
  const page = candidate.page;
  const h = helpers(page);
  const email = `ola-architektura-${crypto.randomBytes(4).toString('hex')}@example.com`;
  try {
    const application = await submitArchitecture(page, email, audit, 'exam');

    // The checklist asks for both bookings, with the reason.
    await h.goto(application);
    const item = page.locator('li.checklist-item', { hasText: 'Book a date: Freehand drawing exam' });
    assert.match(await item.textContent(), /To book/);
    assert.match(await item.textContent(), /The programme requires it of every candidate/);
    await clickAndWait(page, item.locator('a'));
    assert.equal(await h.h1(), 'Freehand drawing exam');
    assert.match(await page.locator('main').textContent(), /Monday, 5 July 2027/);
    await audit.page(page, 'exam-sessions');

    // Booking without choosing says so at the choice.
    await clickAndWait(page, page.locator('main form button[type=submit]'));
    assert.ok(await page.locator('.error-summary').isVisible());
    assert.match(await page.locator('#session-error').textContent(), /Choose a date/);
    await audit.page(page, 'exam-error');

    await page.check('#session-2027-07-05');
    await clickAndWait(page, page.locator('main form button[type=submit]'));
    assert.match(await page.locator('.flash').textContent(), /Booked/);
    assert.match(await page.locator('.booking').textContent(), /Monday, 5 July 2027 09:00–12:00/);
    assert.match(await page.locator('.booking').textContent(), /moves left: 2/);
    await audit.page(page, 'exam-booked');
    const invitation = await mailboxMessage(page, email, /^Booked: Freehand drawing exam/);
    await clickAndWait(page, invitation);
    assert.match(await page.locator('main').textContent(), /Please bring: An identity document/);
    await h.goto(`${application}/exams/drawing`);

    await page.check('#session-2027-07-07');
    await clickAndWait(page, page.locator('main form button[type=submit]'));
    assert.match(await page.locator('.flash').textContent(), /moved/);
    assert.match(await page.locator('.booking').textContent(), /Wednesday, 7 July 2027/);
    assert.match(await page.locator('.booking').textContent(), /moves left: 1/);
    await audit.page(page, 'exam-moved');
    await mailboxMessage(page, email, /^Moved: Freehand drawing exam/);
    await h.goto(`${application}/exams/drawing`);

    await clickAndWait(page, page.locator('a', { hasText: 'Cancel my booking' }));
    assert.equal(await h.h1(), 'Cancel the booking?');
    await audit.page(page, 'exam-cancel');
    await clickAndWait(page, page.locator('form[action$="/cancel"] button[type=submit]'));
    assert.match(await page.locator('.flash').textContent(), /cancelled/);
    assert.equal(await page.locator('.booking').count(), 0);
    await audit.page(page, 'exam-cancelled');
    await mailboxMessage(page, email, /^Cancelled: Freehand drawing exam/);
    await h.goto(application);
    assert.match(await page.locator('li.checklist-item', { hasText: 'Freehand drawing exam' }).textContent(), /To book/);

    // Booked again, the candidate sits the exam; the examiner and an officer score the drawing.
    await h.goto(`${application}/exams/drawing`);
    await page.check('#session-2027-07-05');
    await clickAndWait(page, page.locator('main form button[type=submit]'));
    await h.goto(application);
    const pointsBefore = pointsNumber(await page.locator('p.points').textContent());
    const applicationId = application.split('/').pop();
    const sheetPath = '/staff/exams/architektura-s1/drawing/2027-07-05';
    const rowOf = (p) => p.locator('tbody tr', { has: p.locator(`a[href="/staff/applications/${applicationId}"]`) });

    const examiner = await staffPage('examiner');
    try {
      await examiner.h.goto('/staff/exams');
      assert.equal(await examiner.h.h1(), 'Exams and interviews');
      await audit.page(examiner.page, 'exam-schedule');
      await clickAndWait(examiner.page, examiner.page.locator(`a[href="${sheetPath}"]`));
      await audit.page(examiner.page, 'exam-sheet');
      let row = rowOf(examiner.page);
      assert.match(await row.textContent(), /Kowalczyk/);
      await row.locator('input[value=present]').check();
      await row.locator('input[name^="first-"]').fill('50.5');
      await clickAndWait(examiner.page, examiner.page.locator('form.exam-sheet button[type=submit]'));
      assert.ok(await examiner.page.locator('.error-summary').isVisible());
      row = rowOf(examiner.page);
      assert.match(await row.locator('.error-message').textContent(), /not on the exam.s scale/);
      await audit.page(examiner.page, 'exam-sheet-error');
      await row.locator('input[name^="first-"]').fill('38');
      await clickAndWait(examiner.page, examiner.page.locator('form.exam-sheet button[type=submit]'));
      assert.match(await examiner.page.locator('.flash').textContent(), /saved/);
    } finally {
      await examiner.context.close();
    }
    // One score of two does not count yet.
    await h.goto(application);
    assert.equal(pointsNumber(await page.locator('p.points').textContent()), pointsBefore);

    const officer = await staffPage('officer');
    try {
      await officer.h.goto(sheetPath);
      const row = rowOf(officer.page);
      await row.locator('input[name^="second-"]').fill('41');
      await clickAndWait(officer.page, officer.page.locator('form.exam-sheet button[type=submit]'));
      assert.match(await officer.page.locator('.flash').textContent(), /saved/);
      assert.match(await rowOf(officer.page).locator('td.num').textContent(), /39\.5/);
      await audit.page(officer.page, 'exam-sheet-scored');
      // The printable list names the candidate, with their PESEL, beside their photo (the
      // request carries no language, so it is in Polish, the default).
      const list = await pdfText(officer.page, sheetPath, 'attendance.pdf');
      assert.match(list, /Lista obecności/);
      assert.match(list, /Jan Kowalczyk/);
      assert.match(list, /Dokument: 06251701231/);
      assert.match(list, /☐ Obecny/);
    } finally {
      await officer.context.close();
    }
    await h.goto(application);
    assert.equal(pointsNumber(await page.locator('p.points').textContent()), pointsBefore + 39.5);
    await audit.page(page, 'exam-points');

    // The office moves the candidate to the other date on request, and looks at cancelling a
    // session and at importing scores from a spreadsheet.
    const office = await staffPage('officer');
    try {
      await office.h.goto(sheetPath);
      await clickAndWait(office.page, rowOf(office.page).locator('a', { hasText: 'Move to another date' }));
      assert.match(await office.h.h1(), /^Move Jan Kowalczyk to another date/);
      await audit.page(office.page, 'exam-office-move');
      await office.page.check('#to-2027-07-07');
      await clickAndWait(office.page, office.page.locator('main form button[type=submit]'));
      assert.match(await office.page.locator('.flash').textContent(), /has been moved/);
      await mailboxMessage(page, email, /^Moved: Freehand drawing exam/);
      await office.h.goto('/staff/exams/architektura-s1/drawing/2027-07-07/cancel');
      assert.equal(await office.h.h1(), 'Cancel the whole session?');
      assert.match(await office.page.locator('main').textContent(), /one booked candidate/);
      await audit.page(office.page, 'exam-office-cancel');
      await office.h.goto('/staff/exams');
      await clickAndWait(office.page, office.page.locator('a[href="/staff/exams/architektura-s1/drawing/scores"]'));
      assert.equal(await office.h.h1(), 'Import scores from a spreadsheet');
      await audit.page(office.page, 'exam-import');
    } finally {
      await office.context.close();
    }
    await h.goto(`${application}/exams/drawing`);
    assert.match(await page.locator('.booking').textContent(), /Wednesday, 7 July 2027/);

    // Another candidate takes the interview's one-seat 9:00 session: the first joins its
    // waiting list, and when it is given back the seat is held for them and they take it.
    const other = await candidatePage('en-GB');
    const otherEmail = `piotr-architektura-${crypto.randomBytes(4).toString('hex')}@example.com`;
    try {
      const otherApplication = await submitArchitecture(other.page, otherEmail, audit, 'exam-other');
      const oh = helpers(other.page);
      await oh.goto(`${otherApplication}/exams/interview`);
      await other.page.check('#session-2027-07-06-0900');
      await clickAndWait(other.page, other.page.locator('main form[action$="/exams/interview"] button[type=submit]'));
      assert.match(await other.page.locator('.flash').textContent(), /Booked/);

      await h.goto(`${application}/exams/interview`);
      assert.match(await page.locator('#full-heading').textContent(), /Full dates/);
      await page.check('#wait-2027-07-06-0900');
      await clickAndWait(page, page.locator('form[action$="/wait"] button[type=submit]'));
      assert.match(await page.locator('.flash').textContent(), /waiting list/);
      assert.match(await page.locator('#waiting').textContent(), /You are number 1 on the waiting list/);
      await audit.page(page, 'exam-waiting');
      await audit.mobile(page, 'exam-waiting-phone');

      await oh.goto(`${otherApplication}/exams/interview/cancel`);
      await clickAndWait(other.page, other.page.locator('form[action$="/cancel"] button[type=submit]'));
      await mailboxMessage(page, email, /^A seat is free: Portfolio interview/);
      await h.goto(`${application}/exams/interview`);
      assert.match(await page.locator('#waiting-heading').textContent(), /A seat is held for you/);
      await audit.page(page, 'exam-offer');
      await clickAndWait(page, page.locator('form[action$="/wait/take"] button[type=submit]'));
      assert.match(await page.locator('.flash').textContent(), /Booked/);
      assert.match(await page.locator('.booking').textContent(), /Tuesday, 6 July 2027 09:00–09:20/);
    } finally {
      await other.context.close();
    }

    // The programme administrator edits the exam and adds sessions from a pattern.
    const admin = await staffPage('program_admin');
    try {
      await admin.h.goto('/staff/cycle');
      await clickAndWait(admin.page, admin.page.locator('a[href="/staff/cycle/exams/architektura-s1/interview"]'));
      assert.equal(await admin.h.h1(), 'Exam interview');
      await audit.page(admin.page, 'editor-exam');
      await clickAndWait(admin.page, admin.page.locator('a', { hasText: 'Add sessions' }));
      await admin.page.fill('#first_day', '2027-07-12');
      await admin.page.fill('#first_start', '09:00');
      await admin.page.fill('#last_start', '10:00');
      await admin.page.fill('#every_minutes', '30');
      await admin.page.fill('#rooms', 'A-101');
      await clickAndWait(admin.page, admin.page.locator('main form button[type=submit]'));
      assert.ok(await admin.page.locator('.error-summary').isVisible());
      await audit.page(admin.page, 'editor-sessions-error');
      await admin.page.fill('#place_pl', 'Wydział Architektury, sala A-101');
      await admin.page.fill('#place_en', 'Faculty of Architecture, room A-101');
      await clickAndWait(admin.page, admin.page.locator('main form button[type=submit]'));
      assert.match(await admin.page.locator('main').textContent(), /2027-07-12 10:00/);
      await audit.page(admin.page, 'editor-exam-sessions');
    } finally {
      await admin.context.close();
    }
  } finally {
    await candidate.context.close();
  }
  audit.assertClean(assert);
});
