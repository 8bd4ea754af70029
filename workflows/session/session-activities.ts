import { ActivityFailure, log, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { MissionActivities } from '../../activities/index.ts';
import { DURABLE_ACTIVITY } from '../activity-options.ts';
import type { DocumentRequest, StoredDocument } from '../messages/documents.ts';

/** The activities the session workflow and the modules carrying out its effects call. */
export const sessionActivities = proxyActivities<MissionActivities>(DURABLE_ACTIVITY);

/**
 * The projection as a local activity (workflows/patches.ts LEAN_SESSION_COMMANDS): it runs inside
 * the workflow task that applied the command and leaves one marker in history, without the view
 * it carried, where a regular activity costs an activity task and a second workflow task. A rerun
 * is harmless: the read model keeps the higher version and audit events are keyed.
 */
export const { projectSession: projectSessionLocally } =
  proxyLocalActivities<MissionActivities>(DURABLE_ACTIVITY);

/**
 * A document that cannot be built fails the same way on every retry (the activity says so): the
 * session carries on without it, and the failure is logged for staff, instead of the whole
 * session workflow failing with its timers, certificates and surveys.
 */
export async function buildDocument(
  request: DocumentRequest,
  sessionId: string,
): Promise<StoredDocument | null> {
  try {
    return await sessionActivities.generateDocument(request);
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    log.error('document could not be built', { kind: request.kind, sessionId, error });
    return null;
  }
}
