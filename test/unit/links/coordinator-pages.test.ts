import { describe, expect, it } from 'vitest';
import {
  checkCoordinatorPages,
  coordinatorPage,
  defaultCoordinatorPages,
} from '../../../links/coordinator-pages.ts';

describe("coordinators' e-mail buttons", () => {
  const templates = {
    mission: 'https://console.example.org/m/{missionId}',
    session: 'https://console.example.org/m/{missionId}/s/{sessionId}?tab=people',
  };

  it("lead to the session's page when the e-mail is about a session", () => {
    expect(coordinatorPage(templates, 'm-1', 's-2')).toBe(
      'https://console.example.org/m/m-1/s/s-2?tab=people',
    );
  });

  it("lead to the mission's page otherwise", () => {
    expect(coordinatorPage(templates, 'm-1')).toBe('https://console.example.org/m/m-1');
  });

  it('default to the console served under the public address', () => {
    expect(coordinatorPage(defaultCoordinatorPages('http://localhost:3000'), 'm-1', 's-2')).toBe(
      'http://localhost:3000/console/missions/m-1/sessions/s-2',
    );
  });

  it('refuse a template that does not name the mission or the session', () => {
    expect(checkCoordinatorPages({ ...templates, mission: 'https://console.example.org/' })).toMatch(
      /COORDINATOR_MISSION_URL/,
    );
    expect(
      checkCoordinatorPages({ ...templates, session: 'https://console.example.org/m/{missionId}' }),
    ).toMatch(/COORDINATOR_SESSION_URL/);
    expect(checkCoordinatorPages(templates)).toBeNull();
  });
});
