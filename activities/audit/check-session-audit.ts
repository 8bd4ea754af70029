import type { DatabasePool } from '../../db/pool.ts';
import { readMissionAudit } from '../../reporting/audit/read-audit.ts';
import { type AuditHoldFinding, blockingFindings } from '../../workflows/rules/audit-consistency.ts';

/**
 * Reads a session's facts for the consistency check the session runs before its certificates;
 * the pure rule decides. Only mismatches come back: pieces that follow the certificates are not
 * missing yet, and the findings stay small in workflow history.
 */
export function checkSessionAuditActivity(pool: DatabasePool) {
  return async function checkSessionAudit(input: {
    missionId: string;
    sessionId: string;
  }): Promise<{ findings: AuditHoldFinding[] }> {
    const audit = await readMissionAudit(pool, { ...input, stage: 'beforeCertificates' });
    const findings = blockingFindings(audit?.sessions[0]?.findings ?? []);
    return {
      findings: findings.map(({ code, documentIds, problem, fix }) => ({ code, documentIds, problem, fix })),
    };
  };
}
