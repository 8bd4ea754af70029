import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { embedFacturX } from '../../../activities/documents/einvoice/facturx-pdf.ts';
import { eInvoiceTotals, sirenOf, splitFrenchAddress } from '../../../activities/documents/einvoice/model.ts';

describe('the e-invoice model', () => {
  it('splits the settings’ one-line address into street, postal code and city', () => {
    expect(splitFrenchAddress('12 rue de la République, 69002 Lyon')).toEqual({
      line: '12 rue de la République',
      postalCode: '69002',
      city: 'Lyon',
      country: 'FR',
    });
    expect(() => splitFrenchAddress('Quelque part à Lyon')).toThrow(/postal code and a city/);
  });

  it('rounds VAT once, on the total, and charges none under an exemption', () => {
    const lines = [
      { name: 'a', description: null, netCents: 3333 },
      { name: 'b', description: null, netCents: 3333 },
    ];
    expect(eInvoiceTotals({ lines, vat: { kind: 'standard', ratePercent: 20 } })).toEqual({
      netCents: 6666,
      vatCents: 1333,
      grossCents: 7999,
    });
    expect(eInvoiceTotals({ lines, vat: { kind: 'exempt', mention: 'TVA non applicable' } }).vatCents).toBe(
      0,
    );
  });

  it('takes the SIREN from a SIRET and refuses anything else', () => {
    expect(sirenOf('80123456800005')).toBe('801234568');
    expect(sirenOf('801234568')).toBe('801234568');
    expect(sirenOf('8012')).toBeNull();
    expect(sirenOf(null)).toBeNull();
  });
});

describe('embedding factur-x.xml', () => {
  it('refuses a PDF that is not PDF/A-3, which may not carry the invoice', async () => {
    const plain = await PDFDocument.create();
    plain.addPage();
    await expect(embedFacturX(Buffer.from(await plain.save()), '<x/>', new Date())).rejects.toThrow(
      /no XMP metadata/,
    );
  });
});
