/**
 * Self-billing invoice numbers against the real Postgres: taken concurrently and retried, every
 * payout gets one number, every number one payout, and the series has no gap.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'slonik';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { issueSelfBillingInvoiceActivity } from '../../activities/payouts/issue-self-billing-invoice.ts';
import { createDatabasePool, type DatabasePool } from '../../db/pool.ts';
import { allocateInvoiceNumber } from '../../db/queries/payouts.ts';
import type { SelfBillingRequest } from '../../workflows/messages/payouts.ts';

describe('self-billing invoice numbers (real Postgres)', () => {
  let pool: DatabasePool;
  // A year of its own (within what a docx zip can date), so other test files do not share the series.
  const issuedOn = `${2040 + Math.floor(Math.random() * 55)}-03-15`;
  const series = `AF-${issuedOn.slice(0, 4)}`;

  beforeAll(async () => {
    pool = await createDatabasePool(inject('databaseUrl'), { maximumPoolSize: 8 });
  });
  afterAll(async () => {
    await pool?.end();
  });

  it('gives each payout one number, with no gap and no duplicate, under concurrent retries', async () => {
    const missionId = randomUUID();
    const payouts = Array.from({ length: 25 }, () => randomUUID());
    const attempt = (payoutId: string) =>
      allocateInvoiceNumber(pool, { payoutId, missionId, providerId: 'p', issuedOn, totalCents: 100 });
    // Three overlapping attempts per payout (a retried activity whose first attempt is still
    // running), all payouts at once, then one late retry each.
    const concurrent = await Promise.all(
      payouts.flatMap((payoutId) => [attempt(payoutId), attempt(payoutId), attempt(payoutId)]),
    );
    const late = await Promise.all(payouts.map(attempt));

    const byPayout = new Map<string, Set<number>>();
    payouts.forEach((payoutId, index) => {
      const numbers = [0, 1, 2].map((offset) => concurrent[index * 3 + offset]?.number ?? -1);
      byPayout.set(payoutId, new Set([...numbers, late[index]?.number ?? -1]));
    });
    for (const numbers of byPayout.values()) expect(numbers.size).toBe(1);
    const numbers = [...byPayout.values()].map((set) => [...set][0]).sort((a = 0, b = 0) => a - b);
    expect(numbers).toEqual(Array.from({ length: 25 }, (_, index) => index + 1));
    expect(late[0]?.invoiceNumber).toMatch(new RegExp(`^${series}-\\d{5}$`));

    const stored = await pool.one(sql.type(
      z.object({ rows: z.number(), highest: z.number(), counter: z.number() }),
    )`
      select count(*)::int as rows, max(number) as highest,
        (select last_number from invoice_series where series = ${series}) as counter
      from self_billing_invoices where series = ${series}`);
    expect(stored).toEqual({ rows: 25, highest: 25, counter: 25 });
  });

  it('returns the same invoice and document when the activity is retried, and spends no number on a refused one', async () => {
    const issue = issueSelfBillingInvoiceActivity(pool);
    const request: SelfBillingRequest = {
      payoutId: randomUUID(),
      missionId: randomUUID(),
      missionTitle: 'Ateliers',
      clientName: 'Client',
      provider: {
        providerId: 'lea',
        legalName: 'Léa Martin',
        address: '8 rue des Carmes, 31000 Toulouse',
        country: 'FR',
        siret: '12345678900012',
        vatNumber: 'FR00123456789',
        vatRatePercent: 20,
        selfBillingMandateSignedOn: '2026-01-01',
      },
      lines: [
        {
          sessionId: randomUUID(),
          kind: 'workshop',
          role: 'lead',
          title: 'Atelier',
          date: `${issuedOn}T08:00:00.000Z`,
          amountCents: 25_000,
        },
      ],
      issuedOn,
    };
    const first = await issue(request);
    const retried = await issue(request);
    expect(retried).toEqual(first);
    expect(first.totalCents).toBe(30_000);

    const before = await pool.oneFirst(sql.type(z.object({ last_number: z.number() }))`
      select last_number from invoice_series where series = ${series}`);
    await expect(
      issue({ ...request, payoutId: randomUUID(), provider: { ...request.provider, siret: null } }),
    ).rejects.toMatchObject({ type: 'DOCUMENT_DATA_INVALID', nonRetryable: true });
    const after = await pool.oneFirst(sql.type(z.object({ last_number: z.number() }))`
      select last_number from invoice_series where series = ${series}`);
    expect(after).toBe(before);
  });
});
