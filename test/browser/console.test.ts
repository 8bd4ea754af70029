/**
 * The coordinator's day in the console, as seed 000's tutorial tells it, on the real stack (API
 * over the time-skipping server with a worker, the console listening and calling that API):
 * sign in, open my mission, plan two sessions and watch the counter, see a third refused beside
 * the field it concerns, invite a facilitator, register participants by pasting a list, hand out
 * a registration link; once the session has started, record who was there, upload the signed
 * sheet, and (as staff) judge it. axe on every page, on a laptop and a phone.
 */
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsole } from '../../console/app.ts';
import { addDays, businessDate } from '../../workflows/rules/calendar.ts';
import { TEST_JWT_SECRET } from '../support/api-harness.ts';
import {
  clickAndLoad,
  DESKTOP,
  expectAccessible,
  launchBrowser,
  mainHeading,
  openContext,
  PHONE,
  screenshot,
  WITHOUT_JAVASCRIPT,
} from '../support/browser.ts';
import { type Fixtures, fixtures } from '../support/browser-fixtures.ts';
import {
  type BrowserStack,
  buttonLink,
  emailButton,
  sentTo,
  startBrowserStack,
} from '../support/browser-stack.ts';
import { freePort } from '../support/free-port.ts';
import type { MissionBody } from '../support/http.ts';
import { smallPdf } from '../support/small-pdf.ts';

interface FollowUp {
  participants: { email: string; firstName: string; lastName: string; hoursAttended: number | null }[];
  attendance: { status: string };
}

describe("the coordinator's console", () => {
  let stack: BrowserStack;
  let browser: Browser;
  let consoleApp: FastifyInstance;
  let consoleUrl = '';
  let laptop: BrowserContext;
  let given: Fixtures;
  let missionId = '';
  let coordinatorName = '';
  const day = (offset: number) => addDays(businessDate(stack.now()), offset);

  beforeAll(async () => {
    // Known before the stack starts: the coordinators' e-mail buttons lead to this console.
    consoleUrl = `http://127.0.0.1:${await freePort()}`;
    [stack, browser] = await Promise.all([
      startBrowserStack({
        coordinatorPages: {
          mission: `${consoleUrl}/missions/{missionId}`,
          session: `${consoleUrl}/missions/{missionId}/sessions/{sessionId}`,
        },
      }),
      launchBrowser(),
    ]);
    given = await fixtures(stack);
    coordinatorName = `Alex Durand ${given.run}`;
    consoleApp = await buildConsole({
      apiUrl: stack.baseUrl,
      devSignIn: {
        secret: TEST_JWT_SECRET,
        people: [
          { subject: 'staff-1', role: 'staff', name: 'Camille Bernard' },
          { subject: `coord-${given.run}`, role: 'coordinator', name: coordinatorName },
          { subject: `coord-other-${given.run}`, role: 'coordinator', name: 'Sam Leroy' },
        ],
      },
    });
    await consoleApp.listen({ host: '127.0.0.1', port: Number(new URL(consoleUrl).port) });
    const mission = await given.expectCall<MissionBody>(given.staff, 'POST', '/missions', 201, {
      title: `Sensibilisation climat ${given.run}`,
      client: { name: 'Mairie de Villeurbanne' },
      sector: 'public_sector',
      dealType: 'subcontracting',
      coordinator: { id: `coord-${given.run}`, name: coordinatorName, email: given.coordinatorEmail },
      endDate: day(200),
      orderLines: [
        { kind: 'training', quantity: 2, participantsPerSession: 12, unitPriceCents: 250_000 },
        { kind: 'workshop', quantity: 4, participantsPerSession: 15, unitPriceCents: 90_000 },
      ],
    });
    missionId = mission.id;
    laptop = await openContext(browser, DESKTOP);
    await signIn(laptop);
  });
  afterAll(async () => {
    await browser?.close();
    await consoleApp?.close();
    await stack?.stop();
  });

  async function signIn(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    expect((await page.goto(`${consoleUrl}/missions`))?.status()).toBe(200);
    expect(await mainHeading(page)).toBe('Se connecter');
    await expectAccessible(page, 'sign-in');
    await page.getByLabel(coordinatorName).check();
    await clickAndLoad(page, page.getByRole('button', { name: 'Se connecter' }));
    expect(new URL(page.url()).pathname).toBe('/missions');
    return page;
  }

  const counterOf = (page: Page, kind: string) =>
    page.locator('main > .counters li', { hasText: kind }).locator('.counter-figures').textContent();

  async function plan(page: Page, title: string, offset: number) {
    await page.getByRole('group', { name: 'Type' }).getByLabel('Formation').check();
    await page.getByLabel('Titre').fill(title);
    await page.getByRole('group', { name: 'Début' }).getByLabel('Jour').fill(day(offset));
    await page.getByRole('group', { name: 'Début' }).getByLabel('Heure').fill('09:00');
    await page
      .getByRole('group', { name: 'Fin' })
      .getByLabel('Jour')
      .fill(day(offset + 1));
    await page.getByRole('group', { name: 'Fin' }).getByLabel('Heure').fill('17:00');
    await page.getByLabel('Adresse (sur place)').fill('Hôtel de ville, place Lazare-Goujon, Villeurbanne');
    await page.getByLabel('Nombre de places').fill('12');
    await page.getByLabel('Il y aura d’autres animateur·ices : combien ?').fill('1');
    return clickAndLoad(page, page.getByRole('button', { name: 'Planifier la session' }));
  }

  it('opens my mission from the e-mail that gives it to me, signing in on the way', async () => {
    const email = await stack.waitForEmail(
      (sent) => sentTo(given.coordinatorEmail)(sent) && sent.subject.startsWith('Nouvelle mission'),
    );
    expect(emailButton(email)).toBe(`${consoleUrl}/missions/${missionId}`);
    const phone = await openContext(browser, PHONE);
    const page = await phone.newPage();
    await page.goto(emailButton(email));
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.getByLabel(coordinatorName).check();
    await clickAndLoad(page, page.getByRole('button', { name: 'Se connecter' }));
    expect(new URL(page.url()).pathname).toBe(`/missions/${missionId}`);
    expect(await mainHeading(page)).toContain(`Sensibilisation climat ${given.run}`);
    await phone.close();
  });

  it('lists my missions with the counter, then plans two sessions and refuses a third beside the kind', async () => {
    const page = await laptop.newPage();
    await page.goto(`${consoleUrl}/missions`);
    expect(await mainHeading(page)).toBe('Mes missions');
    const card = page.locator('.card', { hasText: `Sensibilisation climat ${given.run}` });
    await expect(card.textContent()).resolves.toContain('Formations 0 / 2');
    await expect(card.locator('.to-do').textContent()).resolves.toBe(
      'À faire : planifier 4 ateliers, 2 formations',
    );
    await expectAccessible(page, 'my missions');
    await screenshot(page, 'console-missions-laptop');

    await clickAndLoad(page, card.getByRole('link', { name: `Sensibilisation climat ${given.run}` }));
    expect(await mainHeading(page)).toBe(`Sensibilisation climat ${given.run}`);
    expect(await counterOf(page, 'Formations')).toBe('0 / 2');
    await expectAccessible(page, 'mission dashboard');

    const requestKey = await page.locator('input[name="requestKey"]').inputValue();
    expect((await plan(page, 'Premiers pas — groupe 1', 30)).status()).toBe(200);
    await page.getByRole('status').getByText('Session planifiée').waitFor();
    expect(await counterOf(page, 'Formations')).toBe('1 / 2');
    // A double tap sends the same form again: the session is planned once.
    const again = await page.request.post(`${consoleUrl}/missions/${missionId}/sessions`, {
      form: {
        kind: 'training',
        title: 'Premiers pas — groupe 1',
        startDate: day(30),
        startTime: '09:00',
        endDate: day(31),
        endTime: '17:00',
        locationMode: 'onsite',
        address: 'Hôtel de ville, place Lazare-Goujon, Villeurbanne',
        language: 'fr',
        capacity: '12',
        otherFacilitators: '1',
        requestKey,
      },
      headers: { origin: consoleUrl },
      maxRedirects: 0,
    });
    expect(again.status()).toBe(303);
    await page.reload();
    expect(await counterOf(page, 'Formations')).toBe('1 / 2');
    expect((await plan(page, 'Premiers pas — groupe 2', 40)).status()).toBe(200);
    expect(await counterOf(page, 'Formations')).toBe('2 / 2');
    const sessions = page.locator('#sessions ~ .cards .card h3');
    await expect(sessions.allTextContents()).resolves.toEqual([
      'Premiers pas — groupe 1',
      'Premiers pas — groupe 2',
    ]);
    await screenshot(page, 'console-mission-laptop');

    const refused = await plan(page, 'Premiers pas — groupe 3', 50);
    expect(refused.status()).toBe(422);
    const message = 'La commande prévoit 2 formation(s) et 2 sont déjà planifié·es';
    await expect(page.locator('#kind-error').textContent()).resolves.toContain(message);
    await expect(page.locator('.error-summary a[href="#kind"]').textContent()).resolves.toContain(message);
    // What was typed stays in the form, to change the kind or ask staff.
    await expect(page.getByLabel('Titre').inputValue()).resolves.toBe('Premiers pas — groupe 3');
    expect(await counterOf(page, 'Formations')).toBe('2 / 2');
    await expectAccessible(page, 'mission dashboard with a refused session');
    await screenshot(page, 'console-mission-refused-laptop');
  });

  it('invites a facilitator of the directory to a session, who gets the e-mail, then changes their status', async () => {
    const lina = await given.facilitator('Lina');
    const page = await laptop.newPage();
    await page.goto(`${consoleUrl}/missions/${missionId}`);
    await clickAndLoad(page, page.getByRole('link', { name: 'Premiers pas — groupe 1', exact: true }));
    expect(await mainHeading(page)).toBe('Premiers pas — groupe 1');
    await expect(page.getByText('2 place(s) : 0 prise(s), 2 ouverte(s)').count()).resolves.toBe(1);
    await expectAccessible(page, 'session facilitators');

    await page.getByLabel('Identifiant dans l’annuaire').fill('nobody-in-the-directory');
    expect(
      (await clickAndLoad(page, page.getByRole('button', { name: 'Envoyer l’invitation' }))).status(),
    ).toBe(422);
    await expect(page.locator('#facilitatorId-error').textContent()).resolves.toContain(
      'Personne avec cet identifiant',
    );

    await page.getByLabel('Identifiant dans l’annuaire').fill(lina.id);
    await page.getByRole('group', { name: 'Statut sur la mission' }).getByLabel('Rémunéré·e').check();
    expect(
      (await clickAndLoad(page, page.getByRole('button', { name: 'Envoyer l’invitation' }))).status(),
    ).toBe(200);
    const invited = page.locator('.card', { hasText: 'Lina Martin' });
    await expect(invited.textContent()).resolves.toContain('En attente de réponse');
    await expect(invited.textContent()).resolves.toContain('Rémunéré·e');
    const email = await stack.waitForEmail(sentTo(lina.email));
    expect(email.subject).toContain('Premiers pas — groupe 1');
    await clickAndLoad(page, page.getByRole('link', { name: 'E-mails envoyés' }));
    // The log is written once the mail service answered: it may trail the e-mail by a moment.
    await expect
      .poll(async () => {
        await page.reload();
        return page.locator('.people li', { hasText: lina.email }).filter({ hasText: email.subject }).count();
      })
      .toBe(1);
    await expectAccessible(page, 'session e-mails');
    await clickAndLoad(page, page.getByRole('link', { name: 'Animateur·ices' }));

    // A status changes from the invitation's card; volunteers are for education missions only.
    const status = page.getByLabel('Statut de Lina Martin');
    await status.selectOption({ label: 'Bénévole' });
    expect((await clickAndLoad(page, page.getByRole('button', { name: 'Changer le statut' }))).status()).toBe(
      422,
    );
    await expect(page.locator(`#status-${lina.id}-error`).textContent()).resolves.toContain(
      'missions de l’enseignement',
    );
    await page.getByLabel('Statut de Lina Martin').selectOption({ label: 'Interne' });
    expect((await clickAndLoad(page, page.getByRole('button', { name: 'Changer le statut' }))).status()).toBe(
      200,
    );
    await page.getByRole('status').getByText('Statut modifié').waitFor();
    await expect(page.locator('.card', { hasText: 'Lina Martin' }).textContent()).resolves.toContain(
      'Interne',
    );

    await clickAndLoad(page, page.getByRole('button', { name: 'Créer un lien à partager' }));
    const shared = await page.getByLabel('Le lien').inputValue();
    expect(shared).toMatch(/\/links\/shared-sessions\//);
    await expectAccessible(page, 'session facilitators with an invitation');
    await screenshot(page, 'console-session-facilitators-laptop');
  });

  it('registers participants pasted as a list, naming a line it cannot read, and hands out a capped link', async () => {
    const page = await laptop.newPage();
    await page.goto(`${consoleUrl}/missions/${missionId}`);
    await clickAndLoad(page, page.getByRole('link', { name: 'Premiers pas — groupe 2', exact: true }));
    await clickAndLoad(page, page.getByRole('link', { name: 'Participant·es' }));
    expect(await mainHeading(page)).toBe('Premiers pas — groupe 2');

    const list = page.getByLabel('Une personne par ligne');
    await list.fill('Inès Moreau <ines.moreau@example.org>\nsans adresse ici\n');
    expect((await clickAndLoad(page, page.getByRole('button', { name: 'Inscrire la liste' }))).status()).toBe(
      422,
    );
    await expect(page.locator('#list-error').textContent()).resolves.toContain('Ligne(s) 2');
    await expectAccessible(page, 'participants with an unreadable line');

    await list.fill(
      [
        'Inès Moreau <ines.moreau@example.org>',
        'Jean-Pierre Le Goff <jp.legoff@example.org>',
        'Awa Diallo <awa.diallo@example.org>',
      ].join('\n'),
    );
    expect((await clickAndLoad(page, page.getByRole('button', { name: 'Inscrire la liste' }))).status()).toBe(
      200,
    );
    await page.getByRole('status').getByText('Inscriptions enregistrées').waitFor();
    await expect(page.locator('.people li strong').allTextContents()).resolves.toEqual([
      'Awa Diallo',
      'Jean-Pierre Le Goff',
      'Inès Moreau',
    ]);
    const mission = await given.expectCall<MissionBody>(
      given.coordinator,
      'GET',
      `/missions/${missionId}`,
      200,
    );
    const sessionId = mission.sessions.find((session) => session.title === 'Premiers pas — groupe 2')?.id;
    const followUp = await given.expectCall<FollowUp>(
      given.coordinator,
      'GET',
      `/missions/${missionId}/sessions/${sessionId}/participants`,
      200,
    );
    expect(followUp.participants.map((person) => person.email).sort()).toEqual([
      'awa.diallo@example.org',
      'ines.moreau@example.org',
      'jp.legoff@example.org',
    ]);

    await page.getByLabel('Plafond d’inscriptions').fill('5');
    await clickAndLoad(page, page.getByRole('button', { name: 'Créer un lien d’inscription' }));
    expect(await page.getByLabel('Le lien').inputValue()).toMatch(/\/links\/registrations\//);
    await expect(page.locator('.card', { hasText: 'plafond 5' }).count()).resolves.toBe(1);
    await expectAccessible(page, 'participants');
    await screenshot(page, 'console-session-participants-laptop');
    await clickAndLoad(page, page.getByRole('button', { name: /Retirer ce lien/ }));
    await expect(page.locator('.card', { hasText: 'plafond 5' }).textContent()).resolves.toContain('Retiré');
  });

  it('sets an OPCO funding with the company’s details, sends the proposal, and staff record the decision', async () => {
    const page = await laptop.newPage();
    await page.goto(`${consoleUrl}/missions/${missionId}`);
    await clickAndLoad(page, page.getByRole('link', { name: 'Premiers pas — groupe 1', exact: true }));
    await clickAndLoad(page, page.getByRole('link', { name: 'Financement' }));
    await expect(page.getByText('Pas encore renseigné').count()).resolves.toBe(2);
    await page.getByRole('group', { name: 'Qui finance' }).getByLabel('OPCO').check();
    await page
      .getByRole('group', { name: 'Le client est' })
      .getByLabel('Une entreprise ou une organisation')
      .check();
    const company = page.getByRole('group', { name: 'Coordonnées — Une entreprise ou une organisation' });
    await company.getByLabel('Raison sociale').fill('Mairie de Villeurbanne');
    await company.getByLabel('SIRET (14 chiffres)').fill('2169 0266');
    await company.getByLabel('Nom du ou de la dirigeant·e').fill('Cédric Van Styvendael');
    await company.getByLabel('Téléphone').fill('04 78 03 67 67');
    await company.getByLabel('Adresse').fill('Place Lazare-Goujon');
    await company.getByLabel('Code postal').fill('69100');
    await company.getByLabel('Ville').fill('Villeurbanne');
    await company.getByLabel('Lieu de la formation').fill('Hôtel de ville');
    await company.getByLabel('E-mail du contact').fill('formation@villeurbanne.example');
    expect(
      (await clickAndLoad(page, page.getByRole('button', { name: 'Enregistrer le financement' }))).status(),
    ).toBe(422);
    await expect(page.locator('#c-siret-error').textContent()).resolves.toBe('Le SIRET compte 14 chiffres.');
    await expectAccessible(page, 'funding with an error');
    await page
      .getByRole('group', { name: 'Coordonnées — Une entreprise ou une organisation' })
      .getByLabel('SIRET (14 chiffres)')
      .fill('21690266800013');
    expect(
      (await clickAndLoad(page, page.getByRole('button', { name: 'Enregistrer le financement' }))).status(),
    ).toBe(200);
    await page.getByRole('status').getByText('Financement enregistré').waitFor();
    await expect(page.getByText('Proposition à envoyer').count()).resolves.toBe(1);
    // Three documents are built, converted to PDF and sealed before the answer: seconds, not milliseconds.
    await clickAndLoad(page, page.getByRole('button', { name: 'Envoyer la proposition au client' }), {
      timeout: 90_000,
    });
    await page.getByRole('status').getByText('Proposition envoyée au client').waitFor();
    await expect(page.getByText('Décision du financeur attendue').count()).resolves.toBe(1);
    await screenshot(page, 'console-session-funding-laptop');

    const staffContext = await openContext(browser, DESKTOP);
    const staffPage = await staffContext.newPage();
    await staffPage.goto(`${consoleUrl}/sign-in?back=${encodeURIComponent(new URL(page.url()).pathname)}`);
    await staffPage.getByLabel('Camille Bernard').check();
    await clickAndLoad(staffPage, staffPage.getByRole('button', { name: 'Se connecter' }));
    const agreementField = staffPage.getByLabel('N° d’accord de prise en charge du financeur (facultatif)');
    // An agreement number with a refusal is refused beside its field, before anything is recorded.
    await staffPage.getByRole('group', { name: 'Décision' }).getByLabel('Refus').check();
    await agreementField.fill('PEC-2027/0042');
    await clickAndLoad(staffPage, staffPage.getByRole('button', { name: 'Enregistrer la décision' }));
    await staffPage
      .locator('#agreementNumber-error')
      .getByText('Un refus n’a pas de numéro d’accord')
      .waitFor();
    await staffPage.getByRole('group', { name: 'Décision' }).getByLabel('Prise en charge partielle').check();
    await staffPage.getByLabel('Montant pris en charge (partielle), en euros').fill('1 500,00');
    await agreementField.fill(' PEC-2027/0042 ');
    await clickAndLoad(staffPage, staffPage.getByRole('button', { name: 'Enregistrer la décision' }));
    await staffPage.getByRole('status').getByText('Décision enregistrée').waitFor();
    // The read model takes the billing from the workflow a moment after the decision's answer.
    await expect
      .poll(async () => {
        await staffPage.reload();
        return staffPage.locator('.summary').last().textContent();
      })
      .toMatch(/2\s500,00\s€ au total : 1\s500,00\s€ pris en charge, 1\s000,00\s€ facturés au client/);
    expect(await staffPage.locator('.summary').last().textContent()).toContain('PEC-2027/0042');
    await expectAccessible(staffPage, 'funding decided');
    await staffContext.close();
  });

  it('speaks English once asked, on every page, until asked back', async () => {
    const context = await openContext(browser, DESKTOP);
    const page = await signIn(context);
    await clickAndLoad(page, page.getByRole('link', { name: 'English' }));
    expect(await mainHeading(page)).toBe('My missions');
    await page.goto(`${consoleUrl}/missions/${missionId}`);
    await expect(page.locator('main > .counters').textContent()).resolves.toContain(
      'Trainings 2 / 2 planned of 2 ordered',
    );
    await expect(page.getByRole('heading', { name: 'Plan a session' }).count()).resolves.toBe(1);
    await expectAccessible(page, 'mission dashboard in English');
    await clickAndLoad(page, page.getByRole('link', { name: 'Français' }));
    await expect(page.getByRole('heading', { name: 'Planifier une session' }).count()).resolves.toBe(1);
    await context.close();
  });

  it('lets staff filter every mission and read the directory with each one’s compliance', async () => {
    const context = await openContext(browser, DESKTOP);
    const page = await context.newPage();
    await page.goto(`${consoleUrl}/sign-in`);
    await page.getByLabel('Camille Bernard').check();
    await clickAndLoad(page, page.getByRole('button', { name: 'Se connecter' }));
    expect(await mainHeading(page)).toBe('Missions');
    await page.getByLabel('Identifiant de la coordination').fill(`coord-${given.run}`);
    await page.getByLabel('État').selectOption({ label: 'En cours' });
    await clickAndLoad(page, page.getByRole('button', { name: 'Filtrer' }));
    await expect(page.locator('.cards .card h3').allTextContents()).resolves.toEqual([
      `Sensibilisation climat ${given.run}`,
    ]);
    await expectAccessible(page, 'missions filtered by staff');
    await page.getByLabel('État').selectOption({ label: 'Clôturée' });
    await clickAndLoad(page, page.getByRole('button', { name: 'Filtrer' }));
    await expect(page.locator('.cards .card').count()).resolves.toBe(0);

    await clickAndLoad(page, page.getByRole('link', { name: 'Annuaire' }));
    expect(await mainHeading(page)).toBe('Annuaire des animateur·ices');
    await page.getByLabel('Nom ou e-mail').fill(`lina-${given.run}`);
    await clickAndLoad(page, page.getByRole('button', { name: 'Filtrer' }));
    const lina = page.locator('.card', { hasText: 'Lina Martin' });
    await expect(lina.textContent()).resolves.toContain('Conforme OF');
    await expectAccessible(page, 'facilitator directory');
    await screenshot(page, 'console-directory-laptop');
    await context.close();
  });

  it('reads on a 360 px phone without side scrolling, and works with JavaScript off', async () => {
    const phone = await openContext(browser, PHONE);
    const page = await signIn(phone);
    await screenshot(page, 'console-missions-phone');
    await page.goto(`${consoleUrl}/missions/${missionId}`);
    const refused = await plan(page, 'Premiers pas — groupe 3', 50);
    expect(refused.status()).toBe(422);
    await expectAccessible(page, 'mission dashboard on a phone');
    await screenshot(page, 'console-mission-refused-phone');
    await clickAndLoad(page, page.getByRole('link', { name: 'Premiers pas — groupe 1', exact: true }));
    await expectAccessible(page, 'session on a phone');
    await screenshot(page, 'console-session-facilitators-phone');
    for (const path of [`/missions`, `/missions/${missionId}`, page.url().replace(consoleUrl, '')]) {
      await page.goto(`${consoleUrl}${path}`);
      const width = await page.evaluate<number>('document.documentElement.scrollWidth');
      expect(width, `${path} scrolls sideways`).toBeLessThanOrEqual(360);
    }
    await phone.close();

    // The console has no script at all: with JavaScript off, signing in and a refused plan still work.
    const noScript = await openContext(browser, PHONE, WITHOUT_JAVASCRIPT);
    const plain = await noScript.newPage();
    await plain.goto(`${consoleUrl}/missions/${missionId}`);
    await plain.getByLabel(coordinatorName).check();
    await clickAndLoad(plain, plain.getByRole('button', { name: 'Se connecter' }));
    expect(await mainHeading(plain)).toBe(`Sensibilisation climat ${given.run}`);
    expect((await plan(plain, 'Premiers pas — groupe 3', 50)).status()).toBe(422);
    await expect(plain.locator('#kind-error').textContent()).resolves.toContain(
      'La commande prévoit 2 formation(s)',
    );
    await noScript.close();
  });

  it('records attendance on paper once the session has started, uploads the signed sheet, and staff judge it not compliant', async () => {
    const mission = await given.expectCall<MissionBody>(
      given.coordinator,
      'GET',
      `/missions/${missionId}`,
      200,
    );
    const session = mission.sessions.find((candidate) => candidate.title === 'Premiers pas — groupe 2');
    const base = `/missions/${missionId}/sessions/${session?.id}`;
    // A paid facilitator who accepted, for the payouts that follow.
    const marc = await given.facilitator('Marc');
    await given.expectCall(given.coordinator, 'POST', `${base}/invitations`, 201, {
      facilitatorId: marc.id,
      facilitatorStatus: 'paid',
    });
    const invitation = buttonLink(await stack.waitForEmail(sentTo(marc.email)), stack.baseUrl);
    const accepted = await fetch(`${invitation}/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: '{}',
    });
    expect(accepted.status, await accepted.text()).toBe(200);
    const page = await laptop.newPage();
    await page.goto(`${consoleUrl}${base}/attendance`);
    expect(await mainHeading(page)).toBe('Premiers pas — groupe 2');
    await expect(page.getByRole('img', { name: /QR code de la page d’émargement/ }).count()).resolves.toBe(1);
    const signing = await page
      .getByRole('link', { name: 'Ouvrir la page d’émargement de l’animateur·ice' })
      .getAttribute('href');
    expect(signing).toMatch(/\/links\/attendance-signing\//);
    // Digital signing has not started: every half-day shows nobody signed and no countersignature.
    await expect(page.getByText('0 / 3 participant·es ont signé').count()).resolves.toBe(4);
    await expect(page.getByText('pas encore contresignée').count()).resolves.toBe(4);
    const sheet = await page.request.get(`${consoleUrl}${base}/attendance-sheet`);
    expect(sheet.status()).toBe(200);
    expect((await sheet.body()).subarray(0, 2).toString()).toBe('PK');

    // Before the start, the API refuses: the console says so beside the presence.
    await page.getByLabel(/matin/).first().check();
    expect(
      (await clickAndLoad(page, page.getByRole('button', { name: 'Enregistrer les présences' }))).status(),
    ).toBe(422);
    await expect(page.locator('#presence-error').textContent()).resolves.toContain(
      'à partir du début de la session',
    );

    await stack.sleepUntil(new Date(Date.parse(session?.startsAt ?? '') + 3600_000));
    await page.goto(`${consoleUrl}${base}/attendance`);
    const awa = page.getByRole('group', { name: 'Awa Diallo' });
    for (const box of await awa.getByRole('checkbox').all()) await box.check();
    const ines = page.getByRole('group', { name: 'Inès Moreau' });
    await ines.getByRole('checkbox').first().check();
    await expectAccessible(page, 'attendance before recording');
    await screenshot(page, 'console-session-attendance-laptop');
    expect(
      (await clickAndLoad(page, page.getByRole('button', { name: 'Enregistrer les présences' }))).status(),
    ).toBe(200);
    await page.getByRole('status').getByText('Présences enregistrées').waitFor();

    await page.getByLabel('La feuille signée, scannée').setInputFiles({
      name: 'feuille.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('pas une feuille'),
    });
    expect(
      (await clickAndLoad(page, page.getByRole('button', { name: 'Déposer la feuille signée' }))).status(),
    ).toBe(422);
    await expect(page.locator('#sheet-error').textContent()).resolves.toContain('PDF, un PNG ou un JPEG');
    await page.getByLabel('La feuille signée, scannée').setInputFiles({
      name: 'feuille-signee.pdf',
      mimeType: 'application/pdf',
      buffer: smallPdf('Feuille signée'),
    });
    expect(
      (await clickAndLoad(page, page.getByRole('button', { name: 'Déposer la feuille signée' }))).status(),
    ).toBe(200);
    await expect(page.getByText('Feuille signée déposée, en attente de vérification').count()).resolves.toBe(
      1,
    );
    // The coordinator uploaded it: someone else judges it.
    await expect(page.getByRole('button', { name: 'La feuille est conforme' }).count()).resolves.toBe(0);

    const staffContext = await openContext(browser, DESKTOP);
    const staffPage = await staffContext.newPage();
    await staffPage.goto(`${consoleUrl}/sign-in?back=${encodeURIComponent(`${base}/attendance`)}`);
    await staffPage.getByLabel('Camille Bernard').check();
    await clickAndLoad(staffPage, staffPage.getByRole('button', { name: 'Se connecter' }));
    await expectAccessible(staffPage, 'attendance for staff');
    // Staff judge it: a verdict against the sheet needs its reason, said beside the field.
    const refuse = staffPage.getByRole('button', { name: 'Marquer la feuille non conforme' });
    expect((await clickAndLoad(staffPage, refuse)).status()).toBe(422);
    await expect(staffPage.locator('#reason-error').textContent()).resolves.toContain(
      'Dites pourquoi la feuille n’est pas conforme',
    );
    await staffPage
      .getByLabel('Pourquoi la feuille n’est pas conforme')
      .fill('La signature de l’animateur manque sur l’après-midi du premier jour.');
    expect((await clickAndLoad(staffPage, refuse)).status()).toBe(200);
    await expect(staffPage.getByText('Feuille non conforme', { exact: true }).count()).resolves.toBe(1);
    await screenshot(staffPage, 'console-session-attendance-judged-laptop');
    const followUp = await given.expectCall<FollowUp>(given.coordinator, 'GET', `${base}/participants`, 200);
    expect(followUp.attendance.status).toBe('non_compliant');
    const hours = Object.fromEntries(
      followUp.participants.map((person) => [person.lastName, person.hoursAttended]),
    );
    expect(hours.Diallo).toBeGreaterThan(hours.Moreau ?? 0);
    expect(hours['Le Goff']).toBe(0);
    await staffContext.close();
  });

  it('lets staff waive the sheet condition, requests the payouts, shows when the next window opens, lets staff mark one paid, and closes the mission', async () => {
    const mission = await given.expectCall<MissionBody>(
      given.coordinator,
      'GET',
      `/missions/${missionId}`,
      200,
    );
    const session = mission.sessions.find((candidate) => candidate.title === 'Premiers pas — groupe 2');
    await stack.sleepUntil(new Date(Date.parse(session?.endsAt ?? '') + 3600_000));
    // The sheet was judged not compliant: Marc's payout waits until staff waive the condition.
    const waiverContext = await openContext(browser, DESKTOP);
    const waiverPage = await waiverContext.newPage();
    await waiverPage.goto(
      `${consoleUrl}/sign-in?back=${encodeURIComponent(`/missions/${missionId}/payouts`)}`,
    );
    await waiverPage.getByLabel('Camille Bernard').check();
    await clickAndLoad(waiverPage, waiverPage.getByRole('button', { name: 'Se connecter' }));
    await expect(waiverPage.locator('.card', { hasText: 'Marc Martin' }).textContent()).resolves.toContain(
      'la feuille signée est non conforme',
    );
    const waive = waiverPage.getByRole('button', { name: 'Lever la condition' });
    expect((await clickAndLoad(waiverPage, waive)).status()).toBe(422);
    await expect(waiverPage.locator('.error-summary').textContent()).resolves.toContain(
      'Dites pourquoi la condition est levée',
    );
    await waiverPage
      .getByLabel('Pourquoi, pour la session « Premiers pas — groupe 2 »')
      .fill('Présences attestées par le client ; la feuille sera refaite.');
    await expectAccessible(waiverPage, 'payouts waiver for staff');
    expect((await clickAndLoad(waiverPage, waive)).status()).toBe(200);
    await waiverPage.getByRole('status').getByText('Condition levée pour la session').waitFor();
    await screenshot(waiverPage, 'console-payouts-waived-laptop');
    await waiverContext.close();

    const page = await laptop.newPage();
    await page.goto(`${consoleUrl}/missions/${missionId}`);
    await clickAndLoad(page, page.getByRole('link', { name: 'Rétributions' }));
    expect(await mainHeading(page)).toBe('Rétributions');
    const marc = page.locator('.card', { hasText: 'Marc Martin' });
    await expect(marc.textContent()).resolves.toContain('Rétribution à demander');
    await expectAccessible(page, 'payouts');
    expect(
      (await clickAndLoad(page, page.getByRole('button', { name: 'Demander les rétributions' }))).status(),
    ).toBe(200);
    await page.getByRole('status').getByText('Rétributions demandées').waitFor();
    await expect(marc.textContent()).resolves.toContain('Rétribution demandée');
    const next = await page
      .locator('dt', { hasText: 'Prochaine demande possible' })
      .locator('xpath=../dd')
      .textContent();
    expect(next).toMatch(/1er|^\w+ 1 /);

    expect(
      (await clickAndLoad(page, page.getByRole('button', { name: 'Demander les rétributions' }))).status(),
    ).toBe(422);
    // Requested in the month the session ended (Paris time): the next window opens on the 1st of the next.
    const [year, month] = businessDate(stack.now()).split('-').map(Number) as [number, number];
    const opens = month === 12 ? `01/01/${year + 1}` : `01/${String(month + 1).padStart(2, '0')}/${year}`;
    await expect(page.locator('#request-error').textContent()).resolves.toContain(
      `une demande par mois. Prochaine demande possible le ${opens}`,
    );
    await expect(page.locator('.error-summary a[href="#request"]').count()).resolves.toBe(1);
    await expectAccessible(page, 'payouts refused in the same month');
    await screenshot(page, 'console-payouts-laptop');

    // Marc is not self-billed: he sends his own invoice from the e-mail, then staff mark the payout paid.
    const request = await stack.waitForEmail(
      (email) => sentTo(`marc-${given.run}@example.org`)(email) && email.subject.includes('votre facture'),
    );
    const uploaded = await fetch(buttonLink(request, stack.baseUrl), {
      method: 'PUT',
      headers: { 'content-type': 'application/pdf', accept: 'application/json' },
      body: smallPdf('Facture Marc Martin'),
    });
    expect(uploaded.status, await uploaded.text()).toBe(200);
    const staffContext = await openContext(browser, DESKTOP);
    const staffPage = await staffContext.newPage();
    await staffPage.goto(
      `${consoleUrl}/sign-in?back=${encodeURIComponent(`/missions/${missionId}/payouts`)}`,
    );
    await staffPage.getByLabel('Camille Bernard').check();
    await clickAndLoad(staffPage, staffPage.getByRole('button', { name: 'Se connecter' }));
    await expect
      .poll(async () => {
        await staffPage.reload();
        return staffPage.getByRole('button', { name: 'Marquer payée' }).count();
      })
      .toBe(1);
    await staffPage.getByLabel('Date du virement (Marc Martin)').fill(businessDate(stack.now()));
    await clickAndLoad(staffPage, staffPage.getByRole('button', { name: 'Marquer payée' }));
    await staffPage.getByRole('status').getByText('Rétribution marquée payée').waitFor();
    await expect
      .poll(async () => {
        await staffPage.reload();
        return staffPage.locator('.card', { hasText: 'Marc Martin' }).last().textContent();
      })
      .toContain('Payée');
    await expectAccessible(staffPage, 'payouts for staff');
    await staffContext.close();

    await page.goto(`${consoleUrl}/missions/${missionId}`);
    await clickAndLoad(page, page.getByRole('link', { name: 'Clôture' }));
    expect(await mainHeading(page)).toBe('Clôture');
    // Two of the six workshops and trainings ordered took place: the order is not delivered.
    const delivered = page.locator('.card', { hasText: 'La commande est livrée' });
    await expect(delivered.locator('.badge').textContent()).resolves.not.toBe('fait');
    await expect(page.getByRole('button', { name: 'Déclarer la mission clôturée' }).count()).resolves.toBe(1);
    await expectAccessible(page, 'closure checklist');
    await screenshot(page, 'console-closure-laptop');
    expect(
      (await clickAndLoad(page, page.getByRole('button', { name: 'Déclarer la mission clôturée' }))).status(),
    ).toBe(200);
    await page.getByRole('status').getByText('Mission clôturée').waitFor();
    await expect(page.getByText(/Mission clôturée le/).count()).resolves.toBe(1);
    await expectAccessible(page, 'closed mission');
    // Closed, the mission moves to the second list of "Mes missions" and plans nothing more.
    await page.goto(`${consoleUrl}/missions`);
    const closed = page
      .locator('h2', { hasText: 'Clôturées et annulées' })
      .locator('xpath=following-sibling::ul[1]');
    await expect(closed.textContent()).resolves.toContain(`Sensibilisation climat ${given.run}`);
    await page.goto(`${consoleUrl}/missions/${missionId}`);
    await expect(page.getByRole('button', { name: 'Planifier la session' }).count()).resolves.toBe(0);
  });
});
