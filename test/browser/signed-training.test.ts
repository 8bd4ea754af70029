/**
 * A two-day training signed entirely on phones: every half-day the facilitator's phone shows the
 * short link, each participant signs with a finger on their own phone, the facilitator
 * countersigns; one participant misses the last afternoon. The certificates then carry the hours
 * the signatures prove, and the attendance sheet, printed by LibreOffice and read by poppler as a
 * funder would open it, shows every signature with its time.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSignatures } from '../../db/queries/attendance-signatures.ts';
import { addDays, businessDate } from '../../workflows/rules/calendar.ts';
import { zonedInstant } from '../../workflows/rules/zoned-time.ts';
import {
  clickAndLoad,
  expectAccessible,
  expectNoSideScroll,
  launchBrowser,
  mainHeading,
  openContext,
  PHONE,
  screenshot,
} from '../support/browser.ts';
import { type Fixtures, fixtures, type PlannedSession } from '../support/browser-fixtures.ts';
import {
  type BrowserStack,
  buttonLink,
  eventually,
  sentTo,
  startBrowserStack,
} from '../support/browser-stack.ts';
import { type PrintedDocument, printDocx } from '../support/document-reader.ts';
import { drawSignature } from '../support/signature-pad.ts';

interface FollowUp {
  participants: { firstName: string; hoursAttended: number | null; certificateSent: boolean }[];
}

describe('a two-day training signed on phones', () => {
  let stack: BrowserStack;
  let browser: Browser;
  let given: Fixtures;
  let session: PlannedSession;
  let english: PlannedSession;
  const phones: BrowserContext[] = [];
  let first = '';
  let second = '';

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startBrowserStack(), launchBrowser()]);
    given = await fixtures(stack);
    first = addDays(businessDate(stack.now()), 20);
    second = addDays(first, 1);
    session = await given.session(await given.mission(), { inDays: 20, days: 2, otherFacilitators: 0 });
    english = await given.session(await given.mission(), {
      inDays: 20,
      days: 2,
      otherFacilitators: 0,
      language: 'en',
    });
    for (const [planned, name] of [
      [session, 'Rosa'],
      [english, 'Eli'],
    ] as const) {
      const lead = await given.facilitator(name);
      await given.invite(planned, lead.id);
      const invitation = new URL(buttonLink(await stack.waitForEmail(sentTo(lead.email)), stack.baseUrl));
      await given.expectCall(given.staff, 'POST', `${invitation.pathname}/accept`, 200, {});
    }
    await given.register(english, [
      { email: `sam-${given.run}@example.org`, firstName: 'Sam', lastName: 'Taylor' },
    ]);
    await given.register(session, [
      { email: `ana-${given.run}@example.org`, firstName: 'Ana', lastName: 'Lopez' },
      { email: `bruno-${given.run}@example.org`, firstName: 'Bruno', lastName: 'Petit' },
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** Each person holds their own phone: a browser context of its own. */
  async function phone(): Promise<Page> {
    const context = await openContext(browser, PHONE);
    phones.push(context);
    return context.newPage();
  }

  /** The short link the facilitator's page shows for the half-day now open. */
  async function shortLink(facilitator: Page): Promise<string> {
    await facilitator.reload();
    const shown = await facilitator.getByText(/\/e\/[A-Z0-9]{6}$/).textContent();
    return `${stack.baseUrl}/e/${(shown ?? '').trim().split('/e/')[1]}`;
  }

  async function signOnPhone(person: Page, link: string, name: string) {
    await person.goto(link);
    await person.getByRole('radio', { name }).check();
    await drawSignature(person, 'signature');
    expect((await clickAndLoad(person, person.getByRole('button', { name: 'Signer' }))).status()).toBe(200);
    await person.getByRole('heading', { name: 'Merci, votre signature est enregistrée' }).waitFor();
  }

  async function countersign(facilitator: Page) {
    await facilitator.reload();
    await drawSignature(facilitator, 'countersignature');
    await clickAndLoad(
      facilitator,
      facilitator.getByRole('button', { name: 'Contresigner la demi-journée' }),
    );
    await facilitator.getByRole('heading', { name: 'Demi-journée contresignée' }).waitFor();
  }

  it('shows the signing pages of a session in English in English', async () => {
    await stack.sleepUntil(zonedInstant(first, '09:05', 'Europe/Paris'));
    const signingEmail = await stack.waitForEmail((email) => email.subject.startsWith('Attendance signing'));
    const facilitator = await phone();
    await facilitator.goto(buttonLink(signingEmail, stack.baseUrl));
    expect(await facilitator.getAttribute('html', 'lang')).toBe('en');
    expect(await mainHeading(facilitator)).toBe(`Attendance signing — ${english.title}`);
    await facilitator.getByRole('heading', { name: 'Half-day open for signing' }).waitFor();
    await expectAccessible(facilitator, 'facilitator signing page in English');
    await screenshot(facilitator, 'signed-training-facilitator-en-phone');

    const sam = await phone();
    await sam.goto(await shortLink(facilitator));
    expect(await mainHeading(sam)).toBe('Sign my attendance');
    await expectAccessible(sam, 'participant signing page in English');
    await sam.getByRole('radio', { name: 'Sam T.' }).check();
    await drawSignature(sam, 'signature');
    await clickAndLoad(sam, sam.getByRole('button', { name: 'Sign', exact: true }));
    await sam.getByRole('heading', { name: 'Thank you, your signature is recorded' }).waitFor();
    await expectAccessible(sam, 'participant signed, in English');
    await screenshot(sam, 'signed-training-participant-en-phone');
  });

  // Eleven drawn signatures, four countersignatures and LibreOffice printing: more than the default minute.
  it('certifies the hours the signatures prove, and prints every signature with its time on the sheet', async () => {
    const at = (day: string, time: string) => zonedInstant(day, time, 'Europe/Paris');
    await stack.sleepUntil(at(first, '09:05'));
    const signingEmail = await stack.waitForEmail((email) => email.subject.startsWith('Émargement'));
    const facilitator = await phone();
    expect((await facilitator.goto(buttonLink(signingEmail, stack.baseUrl)))?.status()).toBe(200);
    const [ana, bruno] = [await phone(), await phone()];

    const halfDays = [
      { day: first, opens: '09:10', closes: '12:20', signers: ['Ana L.', 'Bruno P.'] },
      { day: first, opens: '13:40', closes: '16:50', signers: ['Ana L.', 'Bruno P.'] },
      { day: second, opens: '09:10', closes: '12:20', signers: ['Ana L.', 'Bruno P.'] },
      // Bruno leaves at lunch on the second day: the afternoon is Ana's alone.
      { day: second, opens: '13:40', closes: '16:50', signers: ['Ana L.'] },
    ];
    for (const [index, halfDay] of halfDays.entries()) {
      await stack.sleepUntil(at(halfDay.day, halfDay.opens));
      const link = await shortLink(facilitator);
      for (const name of halfDay.signers) await signOnPhone(name === 'Ana L.' ? ana : bruno, link, name);
      if (index === 0) {
        await expectAccessible(bruno, 'participant signed');
        await screenshot(bruno, 'signed-training-participant-phone');
      }
      await stack.sleepUntil(at(halfDay.day, halfDay.closes));
      await countersign(facilitator);
    }
    await facilitator.getByRole('heading', { name: 'Toutes les demi-journées sont contresignées' }).waitFor();
    await expectAccessible(facilitator, 'facilitator signing page, all countersigned, on a phone');
    await expectNoSideScroll(facilitator, 'facilitator signing page');
    await screenshot(facilitator, 'signed-training-facilitator-phone');

    await stack.sleepUntil(at(second, '17:10'));
    const hours = await eventually('certificates from the signatures', async () => {
      const followUp = await given.expectCall<FollowUp>(
        given.coordinator,
        'GET',
        `${session.base}/participants`,
        200,
      );
      return followUp.participants.every((participant) => participant.certificateSent)
        ? followUp.participants.map((participant) => [participant.firstName, participant.hoursAttended])
        : undefined;
    });
    expect(hours).toEqual([
      ['Ana', 14],
      ['Bruno', 10.5],
    ]);
    const certificate = await stack.waitForEmail(
      (email) =>
        sentTo(`bruno-${given.run}@example.org`)(email) && email.subject.startsWith('Votre certificat'),
    );
    expect(certificate.text).toContain('10,5 heures');

    // 7 participants' signatures and 4 countersignatures, each printed as an image with its time.
    const signatures = await listSignatures(stack.harness.pool, session.sessionId);
    expect(signatures).toHaveLength(11);
    const printed = await eventually(
      'the sheet with every signature',
      async () => {
        const sheet = await stack.call<Buffer>(given.coordinator, 'GET', `${session.base}/attendance-sheet`);
        const document: PrintedDocument = await printDocx(sheet.body);
        return document.images.length >= signatures.length ? document : undefined;
      },
      90_000,
    );
    expect(printed.images).toHaveLength(signatures.length);
    const paris = new Intl.DateTimeFormat('fr-FR', {
      timeZone: 'Europe/Paris',
      hour: '2-digit',
      minute: '2-digit',
    });
    for (const signature of signatures)
      expect(printed.text).toContain(`Signé à ${paris.format(new Date(signature.signedAt))}`);
    expect(printed.text).toContain('LOPEZ');
    expect(printed.text).toContain('PETIT');
  }, 180_000);
});
