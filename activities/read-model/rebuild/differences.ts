import type { RowDifference } from './scratch.ts';

/** One field that the read model holds differently from the workflows; a whole row when one side has none. */
export interface FieldDifference {
  missionId: string;
  /** `table[key].column`, or `table[key]` for a row only one side has. */
  field: string;
  /** `undefined`: no such row on this side. */
  readModel: unknown;
  workflow: unknown;
}

/** Both rows come from Postgres' jsonb, whose objects have one key order: text comparison is exact. */
const same = (left: unknown, right: unknown) => JSON.stringify(left) === JSON.stringify(right);

export function fieldDifferences(missionId: string, row: RowDifference): FieldDifference[] {
  const where = `${row.table}[${row.key}]`;
  if (!row.readModel || !row.workflow) {
    return [
      { missionId, field: where, readModel: row.readModel ?? undefined, workflow: row.workflow ?? undefined },
    ];
  }
  const { readModel, workflow } = row;
  return [...new Set([...Object.keys(readModel), ...Object.keys(workflow)])]
    .filter((column) => !same(readModel[column], workflow[column]))
    .map((column) => ({
      missionId,
      field: `${where}.${column}`,
      readModel: readModel[column],
      workflow: workflow[column],
    }));
}

export function describeDifference(difference: FieldDifference): string {
  const show = (value: unknown) => (value === undefined ? '(no row)' : JSON.stringify(value));
  return `mission ${difference.missionId}  ${difference.field}  read model: ${show(difference.readModel)}  workflow: ${show(difference.workflow)}`;
}
