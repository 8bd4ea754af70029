import { describe, expect, it } from 'vitest';
import {
  checkOrganisationFile,
  frenchVatKey,
  type OrganisationSettings,
  organisationSettingsErrors,
  siretValid,
} from '../../../workflows/rules/organisation-settings.ts';
import { SAMPLE_SETTINGS } from '../../support/organisation.ts';
import { signaturePng } from '../../support/png.ts';

const errors = (change: Partial<OrganisationSettings>) =>
  organisationSettingsErrors({ ...SAMPLE_SETTINGS, ...change }).map(({ path, code }) => `${path} ${code}`);

describe('SIRET', () => {
  it("takes a SIRET whose SIREN and whole number pass Luhn's checksum", () => {
    // SIREN 732 829 320, establishment 00074.
    expect(siretValid('73282932000074')).toBe(true);
    expect(siretValid('80123456800005')).toBe(true);
  });

  it('refuses a wrong check digit, a wrong SIREN inside, and anything but 14 digits', () => {
    expect(siretValid('73282932000075')).toBe(false);
    // 73282932100007 passes Luhn as a whole, but its SIREN 732829321 does not.
    expect(siretValid('73282932100007')).toBe(false);
    expect(siretValid('7328293200007')).toBe(false);
    expect(siretValid('732 829 320 00074')).toBe(false);
  });

  it("follows La Poste's rule: its establishments' digits add up to a multiple of 5", () => {
    expect(siretValid('35600000000048')).toBe(true);
    // 3+5+6+4+9+8+3+7 = 45, though Luhn refuses it.
    expect(siretValid('35600000049837')).toBe(true);
    expect(siretValid('35600000049838')).toBe(false);
  });
});

describe('French VAT number', () => {
  it('computes the key from the SIREN: (12 + 3 × (SIREN mod 97)) mod 97, on two digits', () => {
    expect(frenchVatKey('732829320')).toBe('44');
    expect(frenchVatKey('801234568')).toBe('66');
    // Airbus SAS, FR83404833048: 404833048 mod 97 = 56, (12 + 168) mod 97 = 83.
    expect(frenchVatKey('404833048')).toBe('83');
    // 100000207 mod 97 = 94, (12 + 282) mod 97 = 3: the key keeps its leading zero.
    expect(frenchVatKey('100000207')).toBe('03');
  });

  it('refuses a wrong key, another company than the SIRET, and a number without FR', () => {
    expect(errors({ vatNumber: 'FR67801234568' })).toEqual(['/vatNumber VAT_NUMBER_CHECKSUM']);
    expect(errors({ vatNumber: 'FR44732829320' })).toEqual(['/vatNumber VAT_NUMBER_OTHER_SIREN']);
    expect(errors({ vatNumber: '66801234568' })).toEqual(['/vatNumber VAT_NUMBER_FORMAT']);
  });

  it('takes an exemption mention instead of a number, but not neither', () => {
    expect(errors({ vatNumber: null })).toEqual([]);
    expect(errors({ vatNumber: null, vatExemption: null })).toEqual(['/vatExemption VAT_STATUS_MISSING']);
  });
});

describe('training-provider number', () => {
  it("is 11 digits starting with a region's code, today's or before 2016", () => {
    expect(errors({ trainingProviderNumber: '11755555575' })).toEqual([]);
    expect(errors({ trainingProviderNumber: '82690000069' })).toEqual([]);
    expect(errors({ trainingProviderNumber: '8469123456' })).toEqual([
      '/trainingProviderNumber TRAINING_PROVIDER_NUMBER_FORMAT',
    ]);
    expect(errors({ trainingProviderNumber: '99691234569' })).toEqual([
      '/trainingProviderNumber TRAINING_PROVIDER_REGION_UNKNOWN',
    ]);
  });
});

describe('the settings as a whole', () => {
  it('passes the sample, and names every wrong field at once', () => {
    expect(errors({})).toEqual([]);
    expect(
      errors({
        siret: '80123456800006',
        paymentTermDays: 90,
        disabilityContact: { name: 'X', email: 'not-an-address', phone: null },
        email: { ...SAMPLE_SETTINGS.email, replyTo: 'nobody' },
      }),
    ).toEqual([
      '/siret SIRET_CHECKSUM',
      '/disabilityContact/email EMAIL_INVALID',
      '/email/replyTo EMAIL_INVALID',
      '/paymentTermDays PAYMENT_TERM_INVALID',
    ]);
  });
});

describe('files', () => {
  const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n');

  it('knows images and PDFs by their content, whatever they claim to be', () => {
    expect(checkOrganisationFile('signature', signaturePng())).toEqual({ contentType: 'image/png' });
    expect(checkOrganisationFile('stamp', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toEqual({
      contentType: 'image/jpeg',
    });
    expect(checkOrganisationFile('internalRules', pdf)).toEqual({ contentType: 'application/pdf' });
    expect(checkOrganisationFile('signature', pdf)).toMatchObject({ refused: 'type' });
    expect(checkOrganisationFile('generalTerms', signaturePng())).toMatchObject({ refused: 'type' });
  });

  it('keeps images to 500 KB', () => {
    const png = signaturePng();
    const large = Buffer.concat([png, Buffer.alloc(500 * 1024 - png.byteLength + 1)]);
    expect(checkOrganisationFile('stamp', large)).toEqual({
      refused: 'size',
      message: 'The stamp image is a PNG or JPEG of 500 KB at most: this one is 501 KB.',
    });
    expect(checkOrganisationFile('stamp', large.subarray(0, 500 * 1024))).toEqual({
      contentType: 'image/png',
    });
  });
});
