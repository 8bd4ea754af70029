/**
 * A deep copy of plain state, for answers and reports: what leaves a workflow must not be changed
 * later by the state it was read from. Workflow state is JSON by construction (it travels in
 * histories), so JSON is an exact copy.
 */
export const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
