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
