/** A mission's audit as the read model answers it: its sessions' facts and the consistency report. */
import type { CommonQueryMethods } from 'slonik';
import {
  type AuditDocumentRecord,
  listAuditDocuments,
  listSessionFiles,
} from '../../db/queries/audit-facts.ts';
import { findMission, type MissionRecord, type SessionRecord } from '../../db/queries/missions.ts';
import {
  type AuditStage,
  auditFindings,
  type Finding,
  type SessionAuditFacts,
} from '../../workflows/rules/audit-consistency.ts';
import { sessionAuditFacts } from './facts.ts';

export interface SessionAudit {
  session: SessionRecord;
  facts: SessionAuditFacts;
  findings: Finding[];
}

export interface MissionAudit {
  mission: MissionRecord;
  sessions: SessionAudit[];
  /** Every document version of the mission, or of the one session asked for. */
  documents: readonly AuditDocumentRecord[];
}

export interface AuditScope {
  missionId: string;
  /** One session of the mission; every session when absent. */
  sessionId?: string;
  stage?: AuditStage;
}

/** Null when the mission, or the session within it, is not known. */
export async function readMissionAudit(
  db: CommonQueryMethods,
  scope: AuditScope,
): Promise<MissionAudit | null> {
  const mission = await findMission(db, scope.missionId);
  if (!mission) return null;
  const sessions = mission.sessions.filter(
    (session) => scope.sessionId === undefined || session.sessionId === scope.sessionId,
  );
  if (scope.sessionId !== undefined && sessions.length === 0) return null;
  const [files, documents] = await Promise.all([
    listSessionFiles(db, scope.missionId),
    listAuditDocuments(db, scope.missionId),
  ]);
  return {
    mission,
    sessions: sessions.map((session) => {
      const facts = sessionAuditFacts(
        session,
        files.find((file) => file.sessionId === session.sessionId),
        documents,
      );
      return { session, facts, findings: auditFindings(facts, scope.stage ?? 'final') };
    }),
    documents:
      scope.sessionId === undefined
        ? documents
        : documents.filter(
            (document) =>
              document.sessionId === scope.sessionId ||
              document.coveredSessionIds.includes(scope.sessionId as string),
          ),
  };
}

export interface AuditReport {
  missionId: string;
  sessionId: string | null;
  consistent: boolean;
  sessions: { sessionId: string; title: string; kind: string; findings: Finding[] }[];
}

/** The consistency report alone: what the API's audit-report answers and the index page shows on top. */
export function auditReport(audit: MissionAudit, sessionId: string | null): AuditReport {
  return {
    missionId: audit.mission.missionId,
    sessionId,
    consistent: audit.sessions.every((session) => session.findings.length === 0),
    sessions: audit.sessions.map(({ session, findings }) => ({
      sessionId: session.sessionId,
      title: session.title,
      kind: session.kind,
      findings,
    })),
  };
}
