/**
 * Links into the Temporal Web UI, where staff inspect and unblock a mission's workflows. The UI's
 * list with a visibility query is the one address every UI version opens the same way, and the
 * MissionId search attribute that a mission, its sessions and its payouts share lists them all.
 */
export interface TemporalUiSettings {
  /** As staff's browsers reach it, e.g. http://localhost:8233 through an SSH tunnel. */
  baseUrl: string;
  namespace: string;
}

function listUrl(ui: TemporalUiSettings, query: string): string {
  return `${ui.baseUrl}/namespaces/${encodeURIComponent(ui.namespace)}/workflows?query=${encodeURIComponent(query)}`;
}

// Ids here are the API's (uuids and `kind-<uuid>`); quotes are escaped all the same so a query
// can never be broken out of.
const quoted = (value: string) => `"${value.replace(/["\\]/g, '\\$&')}"`;

export function workflowLink(ui: TemporalUiSettings, workflowId: string): string {
  return listUrl(ui, `WorkflowId=${quoted(workflowId)}`);
}

export function missionWorkflowsLink(ui: TemporalUiSettings, missionId: string): string {
  return listUrl(ui, `MissionId=${quoted(missionId)}`);
}
