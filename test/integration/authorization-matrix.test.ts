/**
 * Every documented route, called as every kind of caller: the route table comes from the OpenAPI
 * document the app generates from its own routes, so a new route without a row here fails.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDate } from '../../workflows/rules/calendar.ts';
import { type RunningApi, startApi } from '../support/api-harness.ts';
import { type MissionBody, readJson } from '../support/http.ts';
import { trainingOffer } from '../support/offers.ts';
import { SAMPLE_SETTINGS } from '../support/organisation.ts';

const matrixClient = `Client matrice ${randomUUID()}`;
const MATRIX_BILLING_PARTY = {
  legalName: 'Client matrice SAS',
  addressLine: '1 place Bellecour',
  postalCode: '69002',
  city: 'Lyon',
  country: 'FR',
  siren: '732829320',
  vatNumber: null,
};

type Caller = 'anonymous' | 'facilitator' | 'otherCoordinator' | 'coordinator' | 'staff';
const CALLERS: Caller[] = ['anonymous', 'facilitator', 'otherCoordinator', 'coordinator', 'staff'];
/** `allowed`: the caller gets past authentication and authorisation (2xx, or a business 409/422). */
type Expected = 'allowed' | 401 | 403 | 404;

const everyone = (): Record<Caller, Expected> => ({
  anonymous: 'allowed',
  facilitator: 'allowed',
  otherCoordinator: 'allowed',
  coordinator: 'allowed',
  staff: 'allowed',
});
/** E-mail links carry their own credential: a made-up token is refused whoever sends it. */
const linkOnly = (): Record<Caller, Expected> => ({
  anonymous: 401,
  facilitator: 401,
  otherCoordinator: 401,
  coordinator: 401,
  staff: 401,
});
const ownMission = (): Record<Caller, Expected> => ({
  anonymous: 401,
  facilitator: 403,
  otherCoordinator: 404,
  coordinator: 'allowed',
  staff: 'allowed',
});
const staffOnlyOnMission = (): Record<Caller, Expected> => ({
  anonymous: 401,
  facilitator: 403,
  otherCoordinator: 403,
  coordinator: 403,
  staff: 'allowed',
});
const staffOnly = staffOnlyOnMission;
/** Coordinators plan sessions from the catalogue, so they read it; staff write it. */
const plannersAndStaff = (): Record<Caller, Expected> => ({
  anonymous: 401,
  facilitator: 403,
  otherCoordinator: 'allowed',
  coordinator: 'allowed',
  staff: 'allowed',
});
const STARTER_TRAINING = '00000000-0000-4000-8000-000000000002';
const offerBody = () => {
  const {
    offerId: _id,
    version: _version,
    versionDate: _date,
    placeholder: _placeholder,
    ...body
  } = trainingOffer;
  return body;
};
/** A made-up short code names no half-day, whoever asks. */
const unknownToAll = (): Record<Caller, Expected> => ({
  anonymous: 404,
  facilitator: 404,
  otherCoordinator: 404,
  coordinator: 404,
  staff: 404,
});

interface Row {
  expected: Record<Caller, Expected>;
  path: () => string;
  body?: () => object;
}

describe('authorisation matrix over every route', () => {
  let api: RunningApi;
  const run = randomUUID().slice(0, 8);
  const ids = {
    coordinator: `coord-a-${run}`,
    otherCoordinator: `coord-b-${run}`,
    facilitator: `fac-${run}`,
    guest: `guest-${run}`,
  };
  const tokens: Partial<Record<Caller, string>> = {};
  let mission: MissionBody;
  let cancellable: MissionBody;
  let sessionId = '';
  let invitationId = '';
  let cancellableSessionId = '';
  const future = (days: number, hour: number) =>
    `${addDays(businessDate(new Date()), days)}T${String(hour).padStart(2, '0')}:00:00.000Z`;

  const send = (caller: Caller, method: string, path: string, body?: object) =>
    fetch(`${api.baseUrl}${path}`, {
      method,
      headers: {
        ...(tokens[caller] ? { authorization: `Bearer ${tokens[caller]}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
        'idempotency-key': randomUUID(),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });

  const newMission = (coordinatorId: string) => ({
    title: 'Matrice',
    client: { name: `Client ${run}` },
    sector: 'company',
    dealType: 'subcontracting',
    coordinator: { id: coordinatorId, name: 'Coordinatrice', email: `${coordinatorId}@example.org` },
    endDate: addDays(businessDate(new Date()), 120),
    orderLines: [{ kind: 'workshop', quantity: 20, participantsPerSession: 15, unitPriceCents: 10_000 }],
  });
  const newSession = (days: number) => ({
    kind: 'workshop',
    title: 'Atelier',
    startsAt: future(days, 8),
    endsAt: future(days, 11),
    location: { mode: 'online', url: 'https://visio.example.org/a' },
    capacity: 10,
    otherFacilitators: 4,
  });
  const directoryEntry = (id: string) => ({
    id,
    firstName: 'Nour',
    lastName: 'Petit',
    email: `${id}@example.org`,
    country: 'FR',
    trainingProviderNumber: '11755555575',
    complianceCheckedOn: businessDate(new Date()),
    compliantUntil: addDays(businessDate(new Date()), 365),
  });

  beforeAll(async () => {
    api = await startApi();
    tokens.facilitator = await api.token({ subject: ids.facilitator, role: 'facilitator' });
    tokens.otherCoordinator = await api.token({ subject: ids.otherCoordinator, role: 'coordinator' });
    tokens.coordinator = await api.token({ subject: ids.coordinator, role: 'coordinator' });
    tokens.staff = await api.token({ subject: `staff-${run}`, role: 'staff' });
    mission = await readJson<MissionBody>(
      await send('staff', 'POST', '/missions', newMission(ids.coordinator)),
    );
    cancellable = await readJson<MissionBody>(
      await send('staff', 'POST', '/missions', newMission(ids.coordinator)),
    );
    const planned = await readJson<MissionBody>(
      await send('coordinator', 'POST', `/missions/${mission.id}/sessions`, newSession(10)),
    );
    sessionId = planned.sessions[0]?.id ?? '';
    const withSecond = await readJson<MissionBody>(
      await send('coordinator', 'POST', `/missions/${mission.id}/sessions`, newSession(15)),
    );
    cancellableSessionId = withSecond.sessions.find((candidate) => candidate.id !== sessionId)?.id ?? '';
    for (const id of [ids.facilitator, ids.guest])
      expect((await send('staff', 'POST', '/facilitators', directoryEntry(id))).status).toBe(201);
    const staffing = await readJson<{ invitations: { id: string }[] }>(
      await send('coordinator', 'POST', `/missions/${mission.id}/sessions/${sessionId}/invitations`, {
        facilitatorId: ids.facilitator,
      }),
    );
    invitationId = staffing.invitations[0]?.id ?? '';
  });
  afterAll(async () => api?.stop());

  const session = () => `/missions/${mission.id}/sessions/${sessionId}`;
  const bogus = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJub2JvZHkifQ.bm90LWEtcmVhbC1zaWduYXR1cmU';
  const matrix: Record<string, Row> = {
    'GET /health/live': { expected: everyone(), path: () => '/health/live' },
    'GET /health/ready': { expected: everyone(), path: () => '/health/ready' },
    'GET /links/invitations/{token}': { expected: linkOnly(), path: () => `/links/invitations/${bogus}` },
    'POST /links/invitations/{token}/accept': {
      expected: linkOnly(),
      path: () => `/links/invitations/${bogus}/accept`,
      body: () => ({}),
    },
    'POST /links/invitations/{token}/decline': {
      expected: linkOnly(),
      path: () => `/links/invitations/${bogus}/decline`,
    },
    'POST /links/shared-sessions/{token}/request': {
      expected: linkOnly(),
      path: () => `/links/shared-sessions/${bogus}/request`,
      body: () => ({ email: 'someone@example.org' }),
    },
    'POST /links/approvals/{token}/{decision}': {
      expected: linkOnly(),
      path: () => `/links/approvals/${bogus}/approve`,
    },
    'POST /links/registrations/{token}': {
      expected: linkOnly(),
      path: () => `/links/registrations/${bogus}`,
      body: () => ({ email: 'someone@example.org', firstName: 'Ana', lastName: 'Lopez' }),
    },
    'POST /links/registration-confirmations/{token}': {
      expected: linkOnly(),
      path: () => `/links/registration-confirmations/${bogus}`,
    },
    'POST /links/positioning-tests/{token}': {
      expected: linkOnly(),
      path: () => `/links/positioning-tests/${bogus}`,
      body: () => ({ answers: {} }),
    },
    'POST /links/surveys/{token}': {
      expected: linkOnly(),
      path: () => `/links/surveys/${bogus}`,
      body: () => ({ rating: 4 }),
    },
    'POST /links/funding-decisions/{token}': {
      expected: linkOnly(),
      path: () => `/links/funding-decisions/${bogus}`,
      body: () => ({ outcome: 'full' }),
    },
    'GET /links/attendance-signing/{token}': {
      expected: linkOnly(),
      path: () => `/links/attendance-signing/${bogus}`,
    },
    'POST /links/attendance-signing/{token}/signatures': {
      expected: linkOnly(),
      path: () => `/links/attendance-signing/${bogus}/signatures`,
      body: () => ({ participantId: randomUUID(), signature: 'data:image/png;base64,iVBORw0KGgo=' }),
    },
    'POST /links/attendance-signing/{token}/countersignatures': {
      expected: linkOnly(),
      path: () => `/links/attendance-signing/${bogus}/countersignatures`,
      body: () => ({ halfDayIndex: 0, signature: 'data:image/png;base64,iVBORw0KGgo=' }),
    },
    'GET /links/half-day-signing/{token}': {
      expected: linkOnly(),
      path: () => `/links/half-day-signing/${bogus}`,
    },
    'POST /links/half-day-signing/{token}': {
      expected: linkOnly(),
      path: () => `/links/half-day-signing/${bogus}`,
      body: () => ({ participantId: randomUUID(), signature: 'data:image/png;base64,iVBORw0KGgo=' }),
    },
    'GET /e/{code}': { expected: unknownToAll(), path: () => '/e/ZZZZZZ' },
    'GET /missions/{missionId}/sessions/{sessionId}/signing-link': {
      expected: ownMission(),
      path: () => `${session()}/signing-link`,
    },
    'GET /missions/{missionId}/sessions/{sessionId}/funding': {
      expected: ownMission(),
      path: () => `${session()}/funding`,
    },
    'PUT /missions/{missionId}/sessions/{sessionId}/funding': {
      expected: ownMission(),
      path: () => `${session()}/funding`,
      body: () => ({
        kind: 'cpf',
        client: {
          type: 'individual',
          firstName: 'Léa',
          lastName: 'Roux',
          email: 'lea@example.org',
          phone: '0600000000',
          franceTravailId: null,
          agencyLocality: null,
        },
        expenses: [],
      }),
    },
    'POST /missions/{missionId}/sessions/{sessionId}/funding/proposal': {
      expected: ownMission(),
      path: () => `${session()}/funding/proposal`,
    },
    'POST /missions/{missionId}/sessions/{sessionId}/funding/decision': {
      expected: staffOnlyOnMission(),
      path: () => `${session()}/funding/decision`,
      body: () => ({ outcome: 'full' }),
    },
    'POST /missions/{missionId}/sessions/{sessionId}/funding/keep': {
      expected: ownMission(),
      path: () => `${session()}/funding/keep`,
    },
    'GET /missions/{missionId}/sessions/{sessionId}/participants': {
      expected: ownMission(),
      path: () => `${session()}/participants`,
    },
    'POST /missions/{missionId}/sessions/{sessionId}/participants': {
      expected: ownMission(),
      path: () => `${session()}/participants`,
      body: () => ({
        participants: [{ email: `p-${randomUUID()}@example.org`, firstName: 'Ana', lastName: 'Lopez' }],
      }),
    },
    'DELETE /missions/{missionId}/sessions/{sessionId}/participants/{participantId}': {
      expected: ownMission(),
      path: () => `${session()}/participants/${randomUUID()}`,
    },
    'POST /missions/{missionId}/sessions/{sessionId}/registration-links': {
      expected: ownMission(),
      path: () => `${session()}/registration-links`,
    },
    'GET /missions/{missionId}/sessions/{sessionId}/registration-links': {
      expected: ownMission(),
      path: () => `${session()}/registration-links`,
    },
    'DELETE /missions/{missionId}/sessions/{sessionId}/registration-links/{linkId}': {
      expected: ownMission(),
      path: () => `${session()}/registration-links/${randomUUID()}`,
    },
    'PUT /missions/{missionId}/sessions/{sessionId}/attendance': {
      expected: ownMission(),
      path: () => `${session()}/attendance`,
      body: () => ({ presence: [] }),
    },
    'GET /missions/{missionId}/sessions/{sessionId}/attendance-sheet': {
      expected: ownMission(),
      path: () => `${session()}/attendance-sheet`,
    },
    'PUT /missions/{missionId}/sessions/{sessionId}/attendance-sheet/signed': {
      expected: ownMission(),
      path: () => `${session()}/attendance-sheet/signed`,
      body: () => ({}),
    },
    'POST /missions/{missionId}/sessions/{sessionId}/attendance-sheet/confirm': {
      expected: staffOnlyOnMission(),
      path: () => `${session()}/attendance-sheet/confirm`,
    },
    'POST /missions/{missionId}/sessions/{sessionId}/attendance-sheet/non-compliant': {
      expected: staffOnlyOnMission(),
      path: () => `${session()}/attendance-sheet/non-compliant`,
      body: () => ({ reason: 'illisible' }),
    },
    'GET /missions/{missionId}/sessions/{sessionId}/emails': {
      expected: ownMission(),
      path: () => `${session()}/emails`,
    },
    'POST /missions/{missionId}/sessions/{sessionId}/messages': {
      expected: ownMission(),
      path: () => `${session()}/messages`,
      body: () => ({ audience: 'participants', subject: 'Bonjour', body: 'Texte' }),
    },
    // A client of its own: what staff set here is the rule no other test's client follows.
    'GET /clients/{clientName}/settings': {
      expected: staffOnly(),
      path: () => `/clients/${encodeURIComponent(matrixClient)}/settings`,
    },
    'PUT /clients/{clientName}/settings': {
      expected: staffOnly(),
      path: () => `/clients/${encodeURIComponent(matrixClient)}/settings`,
      body: () => ({ managerSilence: 'wait' }),
    },
    // A client and a company of their own: no other test's invoices are addressed with these.
    'GET /clients/{clientName}/billing-party': {
      expected: staffOnly(),
      path: () => `/clients/${encodeURIComponent(matrixClient)}/billing-party`,
    },
    'PUT /clients/{clientName}/billing-party': {
      expected: staffOnly(),
      path: () => `/clients/${encodeURIComponent(matrixClient)}/billing-party`,
      body: () => MATRIX_BILLING_PARTY,
    },
    'GET /opcos/{companySiren}/billing-party': {
      expected: staffOnly(),
      path: () => '/opcos/732829320/billing-party',
    },
    'PUT /opcos/{companySiren}/billing-party': {
      expected: staffOnly(),
      path: () => '/opcos/732829320/billing-party',
      body: () => MATRIX_BILLING_PARTY,
    },
    'GET /organisation/settings': { expected: staffOnly(), path: () => '/organisation/settings' },
    // A SIRET whose check digit is wrong: staff get past authorisation to a 422, and no test's
    // documents change (the settings are the whole install's).
    'PUT /organisation/settings': {
      expected: staffOnly(),
      path: () => '/organisation/settings',
      body: () => ({ ...SAMPLE_SETTINGS, siret: '80123456800006' }),
    },
    'GET /organisation/settings/versions': {
      expected: staffOnly(),
      path: () => '/organisation/settings/versions',
    },
    // A JSON body is no file: staff get past authorisation to a 415, and nothing is stored.
    'PUT /organisation/settings/files/{kind}': {
      expected: staffOnly(),
      path: () => '/organisation/settings/files/signature',
      body: () => ({}),
    },
    'GET /organisation/settings/files/{kind}': {
      expected: staffOnly(),
      path: () => '/organisation/settings/files/generalTerms',
    },
    // E-mail clients fetch the logo without credentials: nobody is refused, an unknown file is 404.
    'GET /organisation/logo/{fileId}': {
      expected: unknownToAll(),
      path: () => '/organisation/logo/00000000-0000-4000-8000-000000000000',
    },
    // The starter training, which every install has; writes get past authorisation to a 422 (no
    // objective) or a 404 (no such offer), so no other test's catalogue changes.
    'GET /catalogue/offers': { expected: plannersAndStaff(), path: () => '/catalogue/offers' },
    'POST /catalogue/offers': {
      expected: staffOnly(),
      path: () => '/catalogue/offers',
      body: () => ({ ...offerBody(), objectives: [] }),
    },
    'GET /catalogue/offers/{offerId}': {
      expected: plannersAndStaff(),
      path: () => `/catalogue/offers/${STARTER_TRAINING}`,
    },
    'PUT /catalogue/offers/{offerId}': {
      expected: staffOnly(),
      path: () => `/catalogue/offers/${STARTER_TRAINING}`,
      body: () => ({ ...offerBody(), objectives: [] }),
    },
    'GET /catalogue/offers/{offerId}/versions/{version}': {
      expected: plannersAndStaff(),
      path: () => `/catalogue/offers/${STARTER_TRAINING}/versions/1`,
    },
    'POST /catalogue/offers/{offerId}/retire': {
      expected: { ...staffOnly(), staff: 404 },
      path: () => `/catalogue/offers/${randomUUID()}/retire`,
    },
    'GET /missions/{missionId}/sessions/{sessionId}/surveys/summary': {
      expected: ownMission(),
      path: () => `${session()}/surveys/summary`,
    },
    'GET /coordinators/{coordinatorId}/surveys/summary': {
      expected: {
        anonymous: 401,
        facilitator: 403,
        otherCoordinator: 403,
        coordinator: 'allowed',
        staff: 'allowed',
      },
      path: () => `/coordinators/${ids.coordinator}/surveys/summary`,
    },
    'POST /missions': {
      expected: {
        anonymous: 401,
        facilitator: 403,
        otherCoordinator: 403,
        coordinator: 'allowed',
        staff: 'allowed',
      },
      path: () => '/missions',
      body: () => newMission(ids.coordinator),
    },
    'GET /missions': {
      expected: {
        anonymous: 401,
        facilitator: 403,
        otherCoordinator: 'allowed',
        coordinator: 'allowed',
        staff: 'allowed',
      },
      path: () => '/missions',
    },
    'GET /missions/{missionId}': { expected: ownMission(), path: () => `/missions/${mission.id}` },
    'GET /missions/{missionId}/sessions': {
      expected: ownMission(),
      path: () => `/missions/${mission.id}/sessions`,
    },
    'POST /missions/{missionId}/sessions': {
      expected: ownMission(),
      path: () => `/missions/${mission.id}/sessions`,
      body: () => newSession(20),
    },
    'PATCH /missions/{missionId}/sessions/{sessionId}': {
      expected: ownMission(),
      path: session,
      body: () => ({ startsAt: future(11, 8), endsAt: future(11, 11) }),
    },
    'POST /missions/{missionId}/sessions/{sessionId}/cancel': {
      expected: ownMission(),
      path: () => `/missions/${mission.id}/sessions/${cancellableSessionId}/cancel`,
      body: () => ({ reason: 'matrice' }),
    },
    'PUT /missions/{missionId}/order': {
      expected: staffOnlyOnMission(),
      path: () => `/missions/${mission.id}/order`,
      body: () => ({
        orderLines: [{ kind: 'workshop', quantity: 25, participantsPerSession: 15, unitPriceCents: 10_000 }],
      }),
    },
    'POST /missions/{missionId}/cancel': {
      expected: staffOnlyOnMission(),
      path: () => `/missions/${cancellable.id}/cancel`,
      body: () => ({ reason: 'matrice' }),
    },
    'POST /facilitators': {
      expected: staffOnly(),
      path: () => '/facilitators',
      body: () => directoryEntry(`new-${randomUUID()}`),
    },
    // Coordinators pick whom to invite from the directory; billing details stay staff's.
    'GET /facilitators': {
      expected: {
        anonymous: 401,
        facilitator: 403,
        otherCoordinator: 'allowed',
        coordinator: 'allowed',
        staff: 'allowed',
      },
      path: () => '/facilitators',
    },
    'GET /facilitators/{facilitatorId}': {
      expected: {
        anonymous: 401,
        facilitator: 'allowed',
        otherCoordinator: 'allowed',
        coordinator: 'allowed',
        staff: 'allowed',
      },
      path: () => `/facilitators/${ids.facilitator}`,
    },
    'GET /facilitators/{facilitatorId}/billing': {
      expected: staffOnly(),
      path: () => `/facilitators/${ids.guest}/billing`,
    },
    'GET /facilitators/{facilitatorId}/surveys/summary': {
      expected: {
        anonymous: 401,
        facilitator: 'allowed',
        otherCoordinator: 403,
        coordinator: 403,
        staff: 'allowed',
      },
      path: () => `/facilitators/${ids.facilitator}/surveys/summary`,
    },
    'PATCH /facilitators/{facilitatorId}': {
      expected: staffOnly(),
      path: () => `/facilitators/${ids.guest}`,
      body: () => ({ lastName: 'Petit' }),
    },
    'GET /missions/{missionId}/sessions/{sessionId}/staffing': {
      expected: ownMission(),
      path: () => `${session()}/staffing`,
    },
    'POST /missions/{missionId}/sessions/{sessionId}/invitations': {
      expected: ownMission(),
      path: () => `${session()}/invitations`,
      body: () => ({ facilitatorId: ids.guest }),
    },
    'POST /missions/{missionId}/sessions/{sessionId}/share-links': {
      expected: ownMission(),
      path: () => `${session()}/share-links`,
      body: () => ({}),
    },
    'PUT /missions/{missionId}/sessions/{sessionId}/facilitators/{facilitatorId}/status': {
      expected: ownMission(),
      path: () => `${session()}/facilitators/${ids.facilitator}/status`,
      body: () => ({ status: 'paid' }),
    },
    'POST /missions/{missionId}/sessions/{sessionId}/invitations/{invitationId}/withdraw': {
      expected: {
        anonymous: 401,
        facilitator: 'allowed',
        otherCoordinator: 404,
        coordinator: 'allowed',
        staff: 'allowed',
      },
      path: () => `${session()}/invitations/${invitationId}/withdraw`,
    },
    'GET /links/supplier-invoices/{token}': {
      expected: linkOnly(),
      path: () => `/links/supplier-invoices/${bogus}`,
    },
    'PUT /links/supplier-invoices/{token}': {
      expected: linkOnly(),
      path: () => `/links/supplier-invoices/${bogus}`,
      body: () => ({}),
    },
    'GET /missions/{missionId}/payouts': {
      expected: ownMission(),
      path: () => `/missions/${mission.id}/payouts`,
    },
    'POST /missions/{missionId}/payout-requests': {
      expected: ownMission(),
      path: () => `/missions/${mission.id}/payout-requests`,
    },
    'POST /missions/{missionId}/sessions/{sessionId}/payout-waiver': {
      expected: staffOnlyOnMission(),
      path: () => `${session()}/payout-waiver`,
      body: () => ({ reason: 'matrice' }),
    },
    'GET /missions/{missionId}/closure': {
      expected: ownMission(),
      path: () => `/missions/${mission.id}/closure`,
    },
    'POST /missions/{missionId}/closure': {
      expected: ownMission(),
      path: () => `/missions/${mission.id}/closure`,
    },
    // A facilitator who took part in none of the mission's sessions is told it does not exist.
    'POST /missions/{missionId}/usage-rights': {
      expected: {
        anonymous: 401,
        facilitator: 404,
        otherCoordinator: 404,
        coordinator: 'allowed',
        staff: 'allowed',
      },
      path: () => `/missions/${mission.id}/usage-rights`,
      body: () => ({ facilitatorId: ids.facilitator, revenueCents: 1000, participants: 3 }),
    },
    'POST /payouts/{payoutId}/paid': {
      expected: staffOnly(),
      path: () => `/payouts/${randomUUID()}/paid`,
      body: () => ({ paidOn: businessDate(new Date()) }),
    },
    'GET /payouts/{payoutId}/invoice': {
      expected: staffOnly(),
      path: () => `/payouts/${randomUUID()}/invoice`,
    },
    'GET /payout-rates': {
      expected: {
        anonymous: 401,
        facilitator: 403,
        otherCoordinator: 'allowed',
        coordinator: 'allowed',
        staff: 'allowed',
      },
      path: () => '/payout-rates',
    },
    // The default rate, so that tests running meanwhile price payouts as they expect.
    'PUT /payout-rates/{sessionKind}/{role}': {
      expected: staffOnly(),
      path: () => '/payout-rates/training/co_facilitator',
      body: () => ({ amountCents: 45_000 }),
    },
    'GET /stuck-activities': { expected: staffOnly(), path: () => '/stuck-activities' },
    'GET /reports/bpf': { expected: staffOnly(), path: () => '/reports/bpf?year=2026' },
    'GET /reports/bpf.csv': { expected: staffOnly(), path: () => '/reports/bpf.csv?year=2026' },
    'GET /missions/{missionId}/audit-report': {
      expected: staffOnly(),
      path: () => `/missions/${mission.id}/audit-report`,
    },
    'GET /missions/{missionId}/sessions/{sessionId}/audit-report': {
      expected: staffOnly(),
      path: () => `${session()}/audit-report`,
    },
    'POST /missions/{missionId}/sessions/{sessionId}/audit-hold/release': {
      // Nothing is held on the matrix's session: staff get past authorisation to the workflow's 409.
      expected: staffOnly(),
      path: () => `${session()}/audit-hold/release`,
      body: () => ({ reason: 'Heures vérifiées sur les originaux' }),
    },
    'GET /missions/{missionId}/audit-bundle.zip': {
      expected: staffOnly(),
      path: () => `/missions/${mission.id}/audit-bundle.zip`,
    },
    'GET /missions/{missionId}/sessions/{sessionId}/audit-bundle.zip': {
      expected: staffOnly(),
      path: () => `${session()}/audit-bundle.zip`,
    },
    'PUT /facilitators/{facilitatorId}/billing': {
      expected: staffOnly(),
      path: () => `/facilitators/${ids.guest}/billing`,
      body: () => ({
        billingName: null,
        billingAddress: null,
        siret: null,
        vatNumber: null,
        vatRatePercent: null,
        selfBillingMandateSignedOn: null,
      }),
    },
  };

  it("never reaches another coordinator's session through one's own mission id", async () => {
    const theirs = await readJson<MissionBody>(
      await send('staff', 'POST', '/missions', newMission(ids.otherCoordinator)),
    );
    const planned = await readJson<MissionBody>(
      await send('otherCoordinator', 'POST', `/missions/${theirs.id}/sessions`, newSession(12)),
    );
    const theirSession = planned.sessions[0]?.id ?? '';
    const reads = ['participants', 'attendance-sheet', 'emails', 'surveys/summary', 'staffing', 'funding'];
    const missionReads = ['payouts', 'closure'];
    for (const read of missionReads)
      expect((await send('coordinator', 'GET', `/missions/${theirs.id}/${read}`)).status).toBe(404);
    const statuses = [];
    for (const read of reads)
      statuses.push(
        (await send('coordinator', 'GET', `/missions/${mission.id}/sessions/${theirSession}/${read}`)).status,
      );
    expect(statuses).toEqual(reads.map(() => 404));
  });

  it('has a row for every documented route, and no row for a route that does not exist', async () => {
    const spec = await readJson<{ paths: Record<string, Record<string, unknown>> }>(
      await fetch(`${api.baseUrl}/openapi.json`),
    );
    const documented = Object.entries(spec.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(Object.keys(matrix).sort()).toEqual(documented.sort());
  });

  it.each(Object.keys(matrix))('%s answers each caller as the matrix says', async (route) => {
    const row = matrix[route] as Row;
    const method = route.split(' ')[0] as string;
    const seen: Record<string, number | string> = {};
    for (const caller of CALLERS) {
      const response = await send(caller, method, row.path(), row.body?.());
      const expected = row.expected[caller];
      // Allowed: past authorisation. A business 404 (no such participant) still is; a hidden mission is not.
      const hidden =
        response.status === 404 && (await readJson<{ code?: string }>(response)).code === 'MISSION_NOT_FOUND';
      const passed = response.status < 500 && ![401, 403].includes(response.status) && !hidden;
      seen[caller] = expected === 'allowed' && passed ? 'allowed' : response.status;
    }
    expect(seen).toEqual(row.expected);
  });
});
