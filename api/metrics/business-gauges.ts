import { Gauge, type Registry } from 'prom-client';
import { sql } from 'slonik';
import type { DatabasePool } from '../../db/pool.ts';
import { type BusinessGauges, readBusinessGauges } from '../../db/queries/business-gauges.ts';
import { MISSION_STATUSES } from '../../workflows/messages/mission.ts';

export interface BusinessGaugeOptions {
  /** A scrape within this long of the last read reuses it: scrapers cannot hammer Postgres. */
  cacheMs?: number;
  /** Postgres cancels the read after this long; the gauges then go empty and `missions_read_model_up` 0. */
  timeoutMs?: number;
  /** Told why a read failed: `missions_read_model_up` 0 says only that it did. */
  onReadError?: (error: Error) => void;
}

/**
 * Gauges read from the read model when Prometheus scrapes. Every gauge of one scrape shares one
 * read (prom-client collects them concurrently), and a failed or slow read empties them rather
 * than repeat stale figures, while the API's own metrics are still served.
 */
export function registerBusinessGauges(
  registry: Registry,
  pool: DatabasePool,
  options: BusinessGaugeOptions = {},
): void {
  const cacheMs = options.cacheMs ?? 10_000;
  const timeoutMs = options.timeoutMs ?? 2_000;
  let last: { at: number; done: boolean; read: Promise<BusinessGauges | null> } | undefined;
  const snapshot = (): Promise<BusinessGauges | null> => {
    if (last && (!last.done || Date.now() - last.at < cacheMs)) return last.read;
    const current = {
      at: Date.now(),
      done: false,
      read: readWithin(pool, timeoutMs)
        .catch((error: Error) => {
          options.onReadError?.(error);
          return null;
        })
        .finally(() => {
          current.done = true;
        }),
    };
    last = current;
    return current.read;
  };

  const gauge = <L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    set: (gauge: Gauge<L>, gauges: BusinessGauges) => void,
  ) =>
    new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        const gauges = await snapshot();
        this.reset();
        if (gauges) set(this, gauges);
      },
    });

  new Gauge({
    name: 'missions_read_model_up',
    help: 'Whether the last read of the business gauges succeeded (1) or not (0)',
    registers: [registry],
    async collect() {
      this.set((await snapshot()) ? 1 : 0);
    },
  });
  gauge(
    'missions_by_status',
    'Missions in the read model, by status',
    ['status'],
    (g, { missionsByStatus }) => {
      // Every known status is written, at 0 when none, so a rate or a dashboard never sees a gap.
      for (const status of new Set([...MISSION_STATUSES, ...Object.keys(missionsByStatus)]))
        g.set({ status }, missionsByStatus[status] ?? 0);
    },
  );
  gauge(
    'missions_sessions_awaiting_attendance',
    'Sessions ended more than 24 h or 72 h ago whose attendance is not recorded (reminder at 24 h, escalation to staff at 72 h)',
    ['since_end'],
    (g, gauges) => {
      g.set({ since_end: '24h' }, gauges.attendanceOverdue24h);
      g.set({ since_end: '72h' }, gauges.attendanceOverdue72h);
    },
  );
  gauge(
    'missions_trainings_awaiting_funding_decision',
    "Trainings whose funder's decision is awaited, by whether they start within 7 days",
    ['starts_within_7_days'],
    (g, gauges) => {
      g.set({ starts_within_7_days: 'true' }, gauges.fundingAwaitedWithin7Days);
      g.set({ starts_within_7_days: 'false' }, gauges.fundingAwaitedLater);
    },
  );
  gauge(
    'missions_payouts_awaiting_invoice',
    "Provider payouts waiting for the provider's own invoice",
    [],
    (g, gauges) => g.set(gauges.payoutsAwaitingInvoice),
  );
  gauge(
    'missions_payouts_awaiting_invoice_oldest_seconds',
    'How long the oldest payout awaiting an invoice has waited since the invoice was asked for (0: none)',
    [],
    (g, gauges) => g.set(gauges.oldestInvoiceWaitSeconds),
  );
  gauge(
    'missions_stuck_activities',
    'Activities retrying after repeated failures (GET /stuck-activities lists them)',
    [],
    (g, gauges) => g.set(gauges.stuckActivities),
  );
  gauge(
    'missions_stuck_activities_oldest_seconds',
    'How long the longest-stuck activity has been failing (0: none)',
    [],
    (g, gauges) => g.set(gauges.oldestStuckSeconds),
  );
}

/** `statement_timeout` makes Postgres itself stop the query, so a slow read does not pile up. */
function readWithin(pool: DatabasePool, timeoutMs: number): Promise<BusinessGauges> {
  return pool.transaction(async (transaction) => {
    await transaction.query(sql.unsafe`select set_config('statement_timeout', ${String(timeoutMs)}, true)`);
    return readBusinessGauges(transaction);
  });
}
