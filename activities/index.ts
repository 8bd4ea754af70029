/** The one place activities get their dependencies; the worker registers what this returns. */
import type { DatabasePool } from '../db/pool.ts';
import { projectMissionActivity } from './read-model/project-mission.ts';

export interface ActivityDependencies {
  pool: DatabasePool;
}

export function createActivities(deps: ActivityDependencies) {
  return {
    projectMission: projectMissionActivity(deps.pool),
  };
}

export type MissionActivities = ReturnType<typeof createActivities>;
