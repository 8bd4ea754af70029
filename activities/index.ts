/** The one place activities get their dependencies; the worker registers what this returns. */
import type { DatabasePool } from '../db/pool.ts';
import { sendEmailActivity } from './email/send-email.ts';
import type { EmailSender } from './email/sender.ts';
import { projectMissionActivity } from './read-model/project-mission.ts';

export interface ActivityDependencies {
  pool: DatabasePool;
  email: { sender: EmailSender; from: string; staffEmail: string };
  publicBaseUrl: string;
}

export function createActivities(deps: ActivityDependencies) {
  return {
    projectMission: projectMissionActivity(deps.pool),
    sendEmail: sendEmailActivity({ pool: deps.pool, ...deps.email, publicBaseUrl: deps.publicBaseUrl }),
  };
}

export type MissionActivities = ReturnType<typeof createActivities>;
