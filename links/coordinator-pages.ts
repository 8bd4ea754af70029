/**
 * Where the buttons of coordinators' and staff's e-mails ("Ouvrir la mission", escalations) lead:
 * the association's front end, as URL templates with `{missionId}` and `{sessionId}`. By default,
 * the mission's and session's pages of the console this service serves under `/console`.
 */
export interface CoordinatorPageTemplates {
  mission: string;
  session: string;
}

export const defaultCoordinatorPages = (publicBaseUrl: string): CoordinatorPageTemplates => ({
  mission: `${publicBaseUrl}/console/missions/{missionId}`,
  session: `${publicBaseUrl}/console/missions/{missionId}/sessions/{sessionId}`,
});

/** The page about a session when the e-mail is about one, otherwise the mission's page. */
export function coordinatorPage(
  templates: CoordinatorPageTemplates,
  missionId: string,
  sessionId?: string,
): string {
  const template = sessionId ? templates.session : templates.mission;
  return template
    .replaceAll('{missionId}', encodeURIComponent(missionId))
    .replaceAll('{sessionId}', encodeURIComponent(sessionId ?? ''));
}

/** A template must name the mission (and a session template the session), or every e-mail would point to the same page. */
export function checkCoordinatorPages(templates: CoordinatorPageTemplates): string | null {
  if (!templates.mission.includes('{missionId}')) return 'COORDINATOR_MISSION_URL must contain {missionId}';
  if (!templates.session.includes('{missionId}') || !templates.session.includes('{sessionId}'))
    return 'COORDINATOR_SESSION_URL must contain {missionId} and {sessionId}';
  return null;
}
