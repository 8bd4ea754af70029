/** Everything the worker bundles: every workflow type, by its exported name. */

export { fundingWorkflow } from './approvals/funding-workflow.ts';
export { managerApprovalWorkflow } from './approvals/manager-approval-workflow.ts';
export { missionWorkflow } from './mission/mission-workflow.ts';
export { registrationConfirmationWorkflow } from './participants/registration-confirmation-workflow.ts';
export { providerPayoutWorkflow } from './payouts/provider-payout-workflow.ts';
export { sessionWorkflow } from './session/session-workflow.ts';
