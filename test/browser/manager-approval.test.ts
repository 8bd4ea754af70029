/**
 * A facilitator's manager decides from the approval e-mail's button on a phone; the note they
 * write reaches the coordinator, in the staffing the API shows and in the coordinator's e-mail.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

interface Staffing {
  slots: { total: number; taken: number; open: number };
  invitations: { facilitator: { id: string }; status: string; approval: string; approvalNote?: string }[];
}

describe('manager approval page', () => {
  let stack: BrowserStack;
  let browser: Browser;
  let phone: BrowserContext;
  let given: Fixtures;
  let missionId = '';

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startBrowserStack(), launchBrowser()]);
    phone = await openContext(browser, PHONE);
    given = await fixtures(stack);
    missionId = await given.mission();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** An employee of the client accepted during working time: the link their manager's e-mail carries. */
  async function approvalLink(name: string, language?: 'en') {
    const session = await given.session(missionId, language ? { language } : {});
    const manager = `manager-${name.toLowerCase()}-${given.run}@example.org`;
    const facilitator = await given.facilitator(name, {
      employer: `Client ${given.run}`,
      managerEmail: manager,
    });
    await given.invite(session, facilitator.id, 'internal');
    const invitation = await stack.waitForEmail(sentTo(facilitator.email));
    const answer = new URL(buttonLink(invitation, stack.baseUrl)).pathname;
    await given.expectCall(null, 'POST', `${answer}/accept`, 200, {
      duringWorkingTime: true,
    });
    const request = await stack.waitForEmail(sentTo(manager));
    return { session, facilitator, link: buttonLink(request, stack.baseUrl) };
  }

  const invitationOf = async (session: PlannedSession, facilitatorId: string) =>
    (
      await given.expectCall<Staffing>(given.coordinator, 'GET', `${session.base}/staffing`, 200)
    ).invitations.find((invitation) => invitation.facilitator.id === facilitatorId);

  it('approves with a note, which the coordinator reads in the staffing and in their e-mail', async () => {
    const { session, facilitator, link } = await approvalLink('Hugo');
    const page = await phone.newPage();
    expect((await page.goto(link))?.status()).toBe(200);
    expect(await mainHeading(page)).toBe('Demande d’accord de participation');
    await page.getByText('Hugo Martin').first().waitFor();
    await expectAccessible(page, 'manager approval');
    await expectNoSideScroll(page, 'manager approval');
    await screenshot(page, 'approval-phone');

    const note = 'D’accord, à condition de poser la journée dans l’outil RH.';
    await page.getByLabel('Note pour la coordination (facultatif)').fill(note);
    const landed = await clickAndLoad(page, page.getByRole('button', { name: 'Donner mon accord' }));
    expect(landed.status()).toBe(200);
    await page.getByRole('heading', { name: 'Vous avez donné votre accord' }).waitFor();
    await expectAccessible(page, 'manager approval decided');
    await screenshot(page, 'approval-decided-phone');

    await eventually('the approval in the staffing', async () => {
      const invitation = await invitationOf(session, facilitator.id);
      return invitation?.approval === 'approved' ? invitation : undefined;
    });
    const outcome = await stack.waitForEmail(
      (email) => sentTo(given.coordinatorEmail)(email) && (email.text ?? '').includes(note),
    );
    expect(outcome.text).toContain('Hugo Martin');
    expect(outcome.html).toContain('Note de son ou sa manager');
    expect((await invitationOf(session, facilitator.id))?.approvalNote).toBe(note);
  });

  it('refuses, which frees the slot', async () => {
    const { session, facilitator, link } = await approvalLink('Ines');
    const page = await phone.newPage();
    await page.goto(link);
    await clickAndLoad(page, page.getByRole('button', { name: 'Refuser' }));
    await page.getByRole('heading', { name: 'Vous avez refusé' }).waitFor();
    await eventually('the refusal in the staffing', async () =>
      (await invitationOf(session, facilitator.id))?.status === 'refused_by_manager' ? true : undefined,
    );
    const staffing = await given.expectCall<Staffing>(
      given.coordinator,
      'GET',
      `${session.base}/staffing`,
      200,
    );
    expect(staffing.slots.open).toBe(2);
  });

  it('asks the manager of a session in English in English', async () => {
    const { link } = await approvalLink('Jade', 'en');
    const page = await phone.newPage();
    await page.goto(link);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByRole('button', { name: 'Approve' }).waitFor();
    await page.getByLabel('Note for the coordinator (optional)').waitFor();
    await expectAccessible(page, 'manager approval in English');
    await screenshot(page, 'approval-en-phone');
  });
});
