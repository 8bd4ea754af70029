import { describe, expect, it } from 'vitest';
import {
  clientInvoiceNumber,
  dueDate,
  planClientInvoices,
} from '../../../workflows/rules/client-invoices.ts';
import type { InvoiceableSession } from '../../../workflows/rules/closure.ts';

const session = (overrides: Partial<InvoiceableSession>): InvoiceableSession => ({
  sessionId: 's',
  title: 'Formation',
  kind: 'training',
  date: '2027-01-12T08:00:00.000Z',
  priceCents: 280_000,
  fundedCents: 0,
  clientCents: 280_000,
  funder: null,
  agreementNumber: null,
  ...overrides,
});

describe('who is invoiced what at closure', () => {
  it('invoices the OPCO alone for a fully funded session, quoting its agreement number', () => {
    const { invoices, notInvoiced } = planClientInvoices([
      session({ fundedCents: 280_000, clientCents: 0, funder: 'opco', agreementNumber: 'PEC-42' }),
    ]);
    expect(invoices).toEqual([
      { sessionId: 's', payer: 'funder', amountCents: 280_000, agreementNumber: 'PEC-42' },
    ]);
    expect(notInvoiced).toEqual([]);
  });

  it('splits a partly funded session between the OPCO and the client, the two shares adding up to the price', () => {
    const { invoices } = planClientInvoices([
      session({ fundedCents: 200_000, clientCents: 80_000, funder: 'opco', agreementNumber: 'PEC-42' }),
    ]);
    expect(invoices.map(({ payer, amountCents }) => [payer, amountCents])).toEqual([
      ['funder', 200_000],
      ['client', 80_000],
    ]);
  });

  it('invoices the client for everything when the OPCO refused', () => {
    const { invoices } = planClientInvoices([session({ funder: 'opco' })]);
    expect(invoices).toEqual([
      { sessionId: 's', payer: 'client', amountCents: 280_000, agreementNumber: null },
    ]);
  });

  it('invoices the client for everything when the session was self-funded or had no funding request', () => {
    const { invoices } = planClientInvoices([
      session({ sessionId: 'a', funder: 'client' }),
      session({ sessionId: 'b', kind: 'workshop', priceCents: 90_000, clientCents: 90_000 }),
    ]);
    expect(invoices.map(({ sessionId, payer, amountCents }) => [sessionId, payer, amountCents])).toEqual([
      ['a', 'client', 280_000],
      ['b', 'client', 90_000],
    ]);
  });

  it('leaves a funded share to funders that do not pay on the provider’s invoice, and says so', () => {
    const { invoices, notInvoiced } = planClientInvoices([
      session({ fundedCents: 150_000, clientCents: 130_000, funder: 'cpf' }),
    ]);
    expect(invoices.map(({ payer }) => payer)).toEqual(['client']);
    expect(notInvoiced).toEqual([{ sessionId: 's', funder: 'cpf', amountCents: 150_000 }]);
  });

  it('numbers F-2027-0001 and counts the due date from the issue date', () => {
    expect(clientInvoiceNumber('F-2027', 1)).toBe('F-2027-0001');
    expect(clientInvoiceNumber('F-2027', 12_345)).toBe('F-2027-12345');
    expect(dueDate('2027-01-15', 30)).toBe('2027-02-14');
  });
});
