import type { ActivityOptions } from '@temporalio/workflow';

/**
 * How every workflow calls its activities (e-mails, projections, documents): no attempt limit,
 * so a database or mail outage delays a mission and shows as a retrying activity in the Web UI;
 * it never fails a process that runs for months.
 */
export const DURABLE_ACTIVITY = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '5 minutes' },
} satisfies ActivityOptions;
