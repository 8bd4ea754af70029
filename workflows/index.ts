/** Everything the worker bundles: every workflow type, by its exported name. */
export { missionWorkflow } from './mission/mission-workflow.ts';
export { sessionWorkflow } from './session/session-workflow.ts';
