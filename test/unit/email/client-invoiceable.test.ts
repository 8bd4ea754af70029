import { describe, expect, it } from 'vitest';
import { EMAIL_SAMPLES } from '../../../activities/email/samples.ts';
import { clientInvoiceable } from '../../../activities/email/templates/closure.ts';

const sample = EMAIL_SAMPLES.clientInvoiceable;
const session = (overrides: Partial<(typeof sample.sessions)[number]>) => ({
  ...sample,
  sessions: [{ ...(sample.sessions[0] as (typeof sample.sessions)[number]), ...overrides }],
});

describe("billing's e-mail at closure", () => {
  it("quotes the funder's agreement number beside the funded share", () => {
    const { paragraphs } = clientInvoiceable(
      session({ agreementNumber: 'PEC-2027/0042' }),
      'fr',
      'https://x',
    );
    expect(paragraphs.join('\n')).toContain('pris en charge (OPCO, accord n° PEC-2027/0042)');
  });

  it('says when the funder paid nothing, and stays as before without a number', () => {
    const refused = clientInvoiceable(
      session({ fundedCents: 0, clientCents: 250_000, funder: 'opco', agreementNumber: null }),
      'fr',
      'https://x',
    );
    expect(refused.paragraphs.join('\n')).toContain("à la charge du client (OPCO n'a pas financé)");
    expect(clientInvoiceable(session({}), 'fr', 'https://x').paragraphs.join('\n')).toContain(
      'pris en charge (OPCO) et',
    );
  });
});

describe("billing's e-mail with the invoices issued at closure", () => {
  it('lists each invoice attached with its number, payer and amount, and what could not be issued and why', () => {
    const text = clientInvoiceable(sample, 'fr', 'https://x').paragraphs.join('\n');
    expect(text).toContain("– F-2027-0041 à l'OPCO (subrogation), « ");
    expect(text).toContain('– F-2027-0042 au client, « ');
    expect(text).toContain('« Atelier fresque du climat », facture au client : ');
    expect(text).toContain('Factures non émises, à compléter puis établir à la main :');
    expect(text).toContain("l'adresse de facturation de Collège Jean Moulin n'est pas connue");
  });

  it('says nothing of invoices for a mission that closed before they were issued', () => {
    const { invoices: _, ...before } = sample;
    expect(clientInvoiceable(before, 'fr', 'https://x').paragraphs.join('\n')).not.toContain('Factures');
  });
});
