/** Per-client choices that staff set (client_settings). */
import { type CommonQueryMethods, sql } from 'slonik';
import { z } from 'zod';
import { MANAGER_SILENCE_OUTCOMES } from '../../workflows/policy.ts';
import type { DatabasePool } from '../pool.ts';

const settingsRow = z.object({
  clientName: z.string(),
  managerSilence: z.enum(MANAGER_SILENCE_OUTCOMES),
  updatedAt: z.string(),
  updatedBy: z.string(),
});

export type ClientSettingsRecord = z.infer<typeof settingsRow>;

const columns = sql.fragment`client_name as "clientName", manager_silence as "managerSilence",
  updated_at as "updatedAt", updated_by as "updatedBy"`;

export async function findClientSettings(
  db: CommonQueryMethods,
  clientName: string,
): Promise<ClientSettingsRecord | null> {
  return db.maybeOne(
    sql.type(settingsRow)`select ${columns} from client_settings where client_name = ${clientName}`,
  );
}

/** Saves the settings and records the change, both or neither. */
export async function saveClientSettings(
  db: DatabasePool,
  settings: Pick<ClientSettingsRecord, 'clientName' | 'managerSilence' | 'updatedBy'>,
): Promise<ClientSettingsRecord> {
  return db.transaction(async (transaction) => {
    await transaction.query(sql.unsafe`
      insert into client_settings_changes (client_name, manager_silence, changed_by)
      values (${settings.clientName}, ${settings.managerSilence}, ${settings.updatedBy})`);
    return transaction.one(sql.type(settingsRow)`
    insert into client_settings (client_name, manager_silence, updated_by)
    values (${settings.clientName}, ${settings.managerSilence}, ${settings.updatedBy})
    on conflict (client_name) do update set manager_silence = excluded.manager_silence,
      updated_by = excluded.updated_by, updated_at = now()
    returning ${columns}`);
  });
}

export async function listClientSettingsChanges(
  db: CommonQueryMethods,
  clientName: string,
): Promise<readonly { managerSilence: string; changedBy: string; changedAt: string }[]> {
  return db.any(sql.type(
    z.object({ managerSilence: z.string(), changedBy: z.string(), changedAt: z.string() }),
  )`
    select manager_silence as "managerSilence", changed_by as "changedBy", changed_at as "changedAt"
    from client_settings_changes where client_name = ${clientName} order by changed_at, id`);
}
