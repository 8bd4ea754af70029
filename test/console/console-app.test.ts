/**
 * What the console decides by itself, before any API call: who may sign in and how, which posts
 * it accepts, where it redirects, how a pasted list and an API refusal become field messages.
 */
import { decodeJwt } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyToken } from '../../api/auth/tokens.ts';
import { buildConsole } from '../../console/app.ts';
import { fieldErrors } from '../../console/problems.ts';
import { TIME_FIELDS } from '../../console/screens/mission.ts';
import { parsePeople } from '../../console/screens/session.ts';
import { consoleSettings } from '../../console/settings.ts';
import { missionWorkflowsLink, workflowLink } from '../../console/temporal-ui.ts';

const SECRET = 'console-test-secret-that-is-long-enough';
const PEOPLE = [
  { subject: 'coord-test', role: 'coordinator' as const, name: 'Alex Durand' },
  { subject: 'staff-test', role: 'staff' as const, name: 'Camille Bernard' },
];
// Nothing listens here: these requests never reach the API.
const NO_API = 'http://127.0.0.1:9';

describe('console sign-in in development', () => {
  let app: Awaited<ReturnType<typeof buildConsole>>;
  beforeAll(async () => {
    app = await buildConsole({ apiUrl: NO_API, devSignIn: { secret: SECRET, people: PEOPLE } });
  });
  afterAll(() => app.close());

  it('sends a person who is not signed in to the sign-in page, remembering where they were going', async () => {
    const response = await app.inject({ method: 'GET', url: '/missions/abc' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/sign-in?back=%2Fmissions%2Fabc');
  });

  it('signs in as a listed person with a token the API accepts, in an HttpOnly SameSite=Lax cookie', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/sign-in?back=%2Fmissions%2Fabc',
      headers: { origin: 'http://console.test', host: 'console.test' },
      payload: { person: 'coord-test' },
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/missions/abc');
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const token = /console_session=([^;]+)/.exec(cookie)?.[1] ?? '';
    expect(await verifyToken(SECRET, token)).toEqual({ subject: 'coord-test', role: 'coordinator' });
    expect(decodeJwt(token).exp).toBeDefined();
  });

  it('refuses a person who is not on the list, beside the choice', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { origin: 'http://console.test', host: 'console.test' },
      payload: { person: 'someone-else' },
    });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('id="person-error"');
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a form posted from another site, or with no origin at all, before doing anything', async () => {
    for (const headers of [
      { origin: 'https://evil.example', host: 'console.test' },
      { origin: 'null', host: 'console.test' },
      { host: 'console.test' },
      { referer: 'https://evil.example/page', host: 'console.test' },
    ]) {
      const response = await app.inject({
        method: 'POST',
        url: '/sign-in',
        headers,
        payload: { person: 'coord-test' },
      });
      expect(response.statusCode, JSON.stringify(headers)).toBe(403);
      expect(response.headers['set-cookie']).toBeUndefined();
    }
  });

  it('never redirects to another site after sign-in or a language change', async () => {
    // A tab or a newline after the first slash is dropped by browsers, making "//evil.example".
    for (const back of [
      '//evil.example/x',
      'https://evil.example',
      '/\\evil.example',
      '/\t/evil.example/x',
      '/\n/evil.example',
    ]) {
      const response = await app.inject({
        method: 'GET',
        url: `/language/en?back=${encodeURIComponent(back)}`,
      });
      expect(response.headers.location, back).toBe('/missions');
    }
    const kept = await app.inject({ method: 'GET', url: '/language/en?back=%2Fmissions%2Fabc' });
    expect(kept.headers.location).toBe('/missions/abc');
    expect(String(kept.headers['set-cookie'])).toMatch(/console_lang=en/);
  });

  it('answers pages that no one can frame, cache or run scripts in', async () => {
    const response = await app.inject({ method: 'GET', url: '/sign-in' });
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['cache-control']).toBe('no-store');
  });
});

describe('console behind a TLS-terminating proxy (TRUST_PROXY)', () => {
  it('sets a Secure cookie and checks forms against the public origin the proxy forwards', async () => {
    const app = await buildConsole({
      apiUrl: NO_API,
      devSignIn: { secret: SECRET, people: PEOPLE },
      trustProxy: true,
    });
    const forwarded = {
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'console.example',
      host: '10.0.0.5:3001',
    };
    const response = await app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { ...forwarded, origin: 'https://console.example' },
      payload: { person: 'coord-test' },
    });
    expect(response.statusCode).toBe(303);
    expect(String(response.headers['set-cookie'])).toMatch(/; Secure/);
    const inner = await app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { ...forwarded, origin: 'http://10.0.0.5:3001' },
      payload: { person: 'coord-test' },
    });
    expect(inner.statusCode).toBe(403);
    await app.close();
  });
});

describe('console sign-in outside development', () => {
  it('offers no dev people and mints nothing', async () => {
    const app = await buildConsole({ apiUrl: NO_API });
    const page = await app.inject({ method: 'GET', url: '/sign-in' });
    expect(page.statusCode).toBe(503);
    expect(page.body).not.toContain('type="radio"');
    const post = await app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { origin: 'http://console.test', host: 'console.test' },
      payload: { person: 'coord-test' },
    });
    expect(post.statusCode).toBe(503);
    expect(post.headers['set-cookie']).toBeUndefined();
    await app.close();
  });
});

describe('a pasted list of participants', () => {
  it('reads "Prénom Nom <email>" lines, with compound names and blank lines', () => {
    expect(
      parsePeople('Inès Moreau <ines@example.org>\r\n\n  Jean-Pierre Le Goff   < jp@example.org >\n'),
    ).toEqual({
      people: [
        { firstName: 'Inès', lastName: 'Moreau', email: 'ines@example.org' },
        { firstName: 'Jean-Pierre', lastName: 'Le Goff', email: 'jp@example.org' },
      ],
      bad: [],
    });
  });

  it('names the lines it cannot read, counting blank ones', () => {
    expect(parsePeople('Awa Diallo <awa@example.org>\n\nawa@example.org\nAwa <awa@example.org>').bad).toEqual(
      [3, 4],
    );
  });
});

describe('an API refusal beside its field', () => {
  const fields = {
    codes: { ORDER_QUANTITY_EXCEEDED: 'kind' },
    paths: { 'body/location': 'address', 'body/location/url': 'url', 'body/capacity': 'capacity' },
    fallback: 'title',
  };
  const problem = { type: 't', title: 'Conflict', status: 409, code: 'ORDER_QUANTITY_EXCEEDED' };

  it("puts a rule's refusal beside the field its code names, in French with the order's figures", () => {
    const detail =
      'The order has 2 training(s) and 2 are already planned: ask staff to amend the order to plan more.';
    expect(fieldErrors({ ...problem, detail }, fields, 'fr')).toEqual([
      {
        field: 'kind',
        message:
          'La commande prévoit 2 formation(s) et 2 sont déjà planifié·es : demandez à l’équipe de modifier la commande pour en planifier davantage.',
      },
    ]);
    expect(fieldErrors({ ...problem, detail }, fields, 'en')).toEqual([{ field: 'kind', message: detail }]);
  });

  it('puts a session too short beside its end, in French with the minimum', () => {
    const detail =
      'A session lasts at least 15 minutes: attendance certificates count hours to the quarter hour, so a shorter one would give participants none.';
    const short = { type: 't', title: 'Unprocessable', status: 422, code: 'SESSION_TOO_SHORT', detail };
    expect(fieldErrors(short, { ...TIME_FIELDS, fallback: 'title' }, 'fr')).toEqual([
      {
        field: 'endDate',
        message:
          'Une session dure au moins 15 minutes : les attestations comptent les heures au quart d’heure, une session plus courte n’en donnerait aucune.',
      },
    ]);
  });

  it('puts a validation error beside the field of the longest matching path', () => {
    const validation = {
      ...problem,
      status: 422,
      code: 'VALIDATION_FAILED',
      detail: 'invalid',
      errors: [
        { path: 'body/location/url', message: 'must match format "uri"' },
        { path: 'body/capacity', message: 'must be <= 500' },
        { path: 'body', message: "must have required property 'title'" },
      ],
    };
    expect(fieldErrors(validation, fields, 'fr')).toEqual([
      { field: 'url', message: 'Saisissez l’adresse complète du lien, qui commence par https://.' },
      { field: 'capacity', message: 'Saisissez au plus 500.' },
      { field: 'title', message: "Valeur refusée (must have required property 'title')." },
    ]);
  });
});

describe("the Temporal Web UI's links (TEMPORAL_UI_URL)", () => {
  afterEach(() => vi.unstubAllEnvs());
  const settingsIn = (mode: 'development' | 'production', env: Record<string, string> = {}) => {
    vi.stubEnv('MISSIONS_MODE', mode);
    vi.stubEnv('TEMPORAL_UI_URL', '');
    vi.stubEnv('TEMPORAL_UI_PORT', '');
    vi.stubEnv('TEMPORAL_NAMESPACE', '');
    vi.stubEnv('OIDC_ISSUER', '');
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    return consoleSettings().temporalUi;
  };

  it('points at the dev stack’s UI in development, and at nothing in production unless told', () => {
    expect(settingsIn('development')).toEqual({ baseUrl: 'http://localhost:8233', namespace: 'default' });
    expect(settingsIn('development', { TEMPORAL_UI_PORT: '18233', TEMPORAL_NAMESPACE: 'missions' })).toEqual({
      baseUrl: 'http://localhost:18233',
      namespace: 'missions',
    });
    expect(settingsIn('production')).toBeUndefined();
    expect(settingsIn('production', { TEMPORAL_UI_URL: 'https://temporal.example.org/' })).toEqual({
      baseUrl: 'https://temporal.example.org',
      namespace: 'default',
    });
    expect(() => settingsIn('production', { TEMPORAL_UI_URL: 'temporal.example.org' })).toThrow(
      /TEMPORAL_UI_URL/,
    );
  });

  it('opens a workflow, or all of a mission’s, through the list’s visibility query', () => {
    const ui = { baseUrl: 'https://temporal.example.org', namespace: 'prod ns' };
    expect(workflowLink(ui, 'mission-3f1a')).toBe(
      'https://temporal.example.org/namespaces/prod%20ns/workflows?query=WorkflowId%3D%22mission-3f1a%22',
    );
    expect(missionWorkflowsLink(ui, '3f1a')).toBe(
      'https://temporal.example.org/namespaces/prod%20ns/workflows?query=MissionId%3D%223f1a%22',
    );
    // An id can never close the query's quotes and add a clause of its own.
    const query = new URL(workflowLink(ui, 'x" OR WorkflowType="y')).searchParams.get('query');
    expect(query).toBe('WorkflowId="x\\" OR WorkflowType=\\"y"');
  });
});
