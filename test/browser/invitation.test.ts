/**
 * A facilitator answers their invitation from the e-mail's button on a phone, as they would: the
 * staffing the coordinator reads through the API then says what the page said.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clickAndLoad,
  DESKTOP,
  expectAccessible,
  expectNoSideScroll,
  launchBrowser,
  mainHeading,
  openContext,
  PHONE,
  screenshot,
  WITHOUT_JAVASCRIPT,
} from '../support/browser.ts';
import { type Fixtures, fixtures, type PlannedSession } from '../support/browser-fixtures.ts';
import { type BrowserStack, buttonLink, sentTo, startBrowserStack } from '../support/browser-stack.ts';

interface Staffing {
  slots: { total: number; taken: number; open: number };
  invitations: {
    facilitator: { id: string };
    status: string;
    approval: string;
    duringWorkingTime: boolean | null;
  }[];
}

describe('invitation page', () => {
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

  /** A session with a facilitator invited: the link their e-mail's button carries. */
  async function invited(
    name: string,
    options: { status?: string; language?: 'fr' | 'en'; overrides?: Record<string, unknown> } = {},
  ) {
    const session = await given.session(missionId, options.language ? { language: options.language } : {});
    const facilitator = await given.facilitator(name, options.overrides);
    await given.invite(session, facilitator.id, options.status);
    const email = await stack.waitForEmail(sentTo(facilitator.email));
    return { session, facilitator, link: buttonLink(email, stack.baseUrl) };
  }

  const invitationOf = async (session: PlannedSession, facilitatorId: string) => {
    const staffing = await given.expectCall<Staffing>(
      given.coordinator,
      'GET',
      `${session.base}/staffing`,
      200,
    );
    return staffing.invitations.find((invitation) => invitation.facilitator.id === facilitatorId);
  };

  it('accepts an invitation on a phone, and the session counts the facilitator in', async () => {
    const { session, facilitator, link } = await invited('Anna');
    const page = await phone.newPage();
    expect((await page.goto(link))?.status()).toBe(200);
    expect(await mainHeading(page)).toBe('Invitation à animer une session');
    await page.getByText(session.title).first().waitFor();
    await expectAccessible(page, 'invitation');
    await expectNoSideScroll(page, 'invitation');
    await screenshot(page, 'invitation-phone');
    // Mail scanners open every link: opening it must not answer.
    expect((await invitationOf(session, facilitator.id))?.status).toBe('pending');

    const landed = await clickAndLoad(page, page.getByRole('button', { name: 'Accepter l’invitation' }));
    expect(landed.status()).toBe(200);
    expect(landed.url()).toBe(link);
    await page.getByRole('heading', { name: 'Vous avez accepté l’invitation' }).waitFor();
    await expectAccessible(page, 'invitation accepted');
    await screenshot(page, 'invitation-accepted-phone');
    expect(await invitationOf(session, facilitator.id)).toMatchObject({
      status: 'accepted',
      approval: 'not_needed',
    });
  });

  it('declines an invitation, and the slot opens again', async () => {
    const { session, facilitator, link } = await invited('Bruno');
    const page = await phone.newPage();
    await page.goto(link);
    await clickAndLoad(page, page.getByRole('button', { name: 'Refuser l’invitation' }));
    await page.getByRole('heading', { name: 'Vous avez refusé l’invitation' }).waitFor();
    expect((await invitationOf(session, facilitator.id))?.status).toBe('declined');
    const staffing = await given.expectCall<Staffing>(
      given.coordinator,
      'GET',
      `${session.base}/staffing`,
      200,
    );
    expect(staffing.slots).toEqual({ total: 2, taken: 0, open: 2 });
  });

  it('asks an employee whether they take part during working time, and says so beside the question when unanswered', async () => {
    const { link } = await invited('Chloé', {
      status: 'internal',
      overrides: { managerEmail: 'manager-chloe@example.org' },
    });
    const page = await phone.newPage();
    await page.goto(link);
    const landed = await clickAndLoad(page, page.getByRole('button', { name: 'Accepter l’invitation' }));
    expect(landed.status()).toBe(422);
    const message = 'Dites si vous participerez sur votre temps de travail';
    await page.getByRole('alert').getByRole('link', { name: message }).waitFor();
    const question = page.getByRole('group', { name: 'Participerez-vous sur votre temps de travail ?' });
    expect(await question.getAttribute('aria-describedby')).toContain('duringWorkingTime-error');
    await page.getByText(message, { exact: true }).last().waitFor();
    await expectAccessible(page, 'invitation with an error');
    await expectNoSideScroll(page, 'invitation with an error');
    await screenshot(page, 'invitation-error-phone');
  });

  it("starts the manager's approval when an employee takes part during working time", async () => {
    const { session, facilitator, link } = await invited('Driss', {
      status: 'internal',
      overrides: { managerEmail: 'manager-driss@example.org' },
    });
    const page = await phone.newPage();
    await page.goto(link);
    await page.getByRole('radio', { name: 'Oui, sur mon temps de travail' }).check();
    await clickAndLoad(page, page.getByRole('button', { name: 'Accepter l’invitation' }));
    await page.getByRole('heading', { name: 'Vous avez accepté l’invitation' }).waitFor();
    await page.getByText('Votre manager a reçu une demande d’accord').waitFor();
    expect(await invitationOf(session, facilitator.id)).toMatchObject({
      status: 'accepted',
      approval: 'pending',
      duringWorkingTime: true,
    });
    await stack.waitForEmail(sentTo('manager-driss@example.org'));
  });

  it('lays out the invitation on a desktop', async () => {
    const { session, link } = await invited('Gaelle');
    const desktop = await openContext(browser, DESKTOP);
    const page = await desktop.newPage();
    expect((await page.goto(link))?.status()).toBe(200);
    await page.getByText(session.title).first().waitFor();
    await expectAccessible(page, 'invitation on a desktop');
    await expectNoSideScroll(page, 'invitation on a desktop');
    await screenshot(page, 'invitation-desktop');
    await desktop.close();
  });

  it('shows the new date of a session moved after the invitation was sent', async () => {
    const { session, link } = await invited('Hugo');
    const sessions = await given.expectCall<{ id: string; startsAt: string; endsAt: string }[]>(
      given.coordinator,
      'GET',
      `/missions/${missionId}/sessions`,
      200,
    );
    const planned = sessions.find((candidate) => candidate.id === session.sessionId);
    const week = 7 * 24 * 3600_000;
    const startsAt = new Date(Date.parse(planned?.startsAt ?? '') + week);
    await given.expectCall(given.coordinator, 'PATCH', session.base, 200, {
      startsAt: startsAt.toISOString(),
      endsAt: new Date(Date.parse(planned?.endsAt ?? '') + week).toISOString(),
    });
    const day = new Intl.DateTimeFormat('fr-FR', {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'Europe/Paris',
    }).format(startsAt);
    const page = await phone.newPage();
    expect((await page.goto(link))?.status()).toBe(200);
    await page.getByText(`${day}, 09:00–17:00`).waitFor();
    await page.getByRole('button', { name: 'Accepter l’invitation' }).waitFor();
  });

  it('accepts an invitation with JavaScript turned off', async () => {
    const { session, facilitator, link } = await invited('Emma');
    const noScript = await openContext(browser, PHONE, WITHOUT_JAVASCRIPT);
    const page = await noScript.newPage();
    await page.goto(link);
    const landed = await clickAndLoad(page, page.getByRole('button', { name: 'Accepter l’invitation' }));
    expect(landed.status()).toBe(200);
    await page.getByRole('heading', { name: 'Vous avez accepté l’invitation' }).waitFor();
    expect((await invitationOf(session, facilitator.id))?.status).toBe('accepted');
    await noScript.close();
  });

  it('shows the invitation of a session in English in English', async () => {
    const { link } = await invited('Farid', { language: 'en' });
    const page = await phone.newPage();
    await page.goto(link);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await mainHeading(page)).toBe('Invitation to facilitate a session');
    await page.getByRole('button', { name: 'Accept the invitation' }).waitFor();
    await expectAccessible(page, 'invitation in English');
    await screenshot(page, 'invitation-en-phone');
  });
});
