/**
 * The association's identity as its documents and e-mails show it, and the checks staff's
 * changes must pass. Workflows never read these settings (their histories would keep them):
 * documents and e-mails load them when they are built.
 */

export interface OrganisationSettings {
  legalName: string;
  /** One line, as the letterhead shows it: "12 rue de la République, 69002 Lyon". */
  address: string;
  /** Where documents are signed ("Fait à Lyon"). */
  city: string;
  siret: string;
  /** FR + key + SIREN; null when the association has none. */
  vatNumber: string | null;
  /** The mention that makes a price without VAT legal, e.g. "TVA non applicable, art. 261-4-4° a du CGI". */
  vatExemption: string | null;
  /** The "déclaration d'activité" number: 11 digits, the first two the region's code. */
  trainingProviderNumber: string;
  /** The region whose prefect registered it. */
  trainingProviderRegion: string;
  qualiopiCertificate: string | null;
  signatory: { name: string; title: string };
  disabilityContact: { name: string; email: string; phone: string | null };
  /** Days between a self-billing invoice and its due date. */
  paymentTermDays: number;
  email: { senderName: string; replyTo: string | null; signature: { fr: string; en: string } };
}

export interface FieldError {
  /** A JSON pointer into the settings, as the API's validation errors name fields. */
  path: string;
  code: string;
  message: string;
}

/** Luhn's checksum, which INSEE uses for SIREN and SIRET. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** La Poste's establishments outnumber what Luhn's rule leaves them, so INSEE gave them another. */
const LA_POSTE_SIREN = '356000000';

export function siretValid(siret: string): boolean {
  if (!/^\d{14}$/.test(siret)) return false;
  if (!luhnValid(siret.slice(0, 9))) return false;
  if (siret.startsWith(LA_POSTE_SIREN)) {
    const digitSum = [...siret].reduce((sum, digit) => sum + Number(digit), 0);
    return luhnValid(siret) || digitSum % 5 === 0;
  }
  return luhnValid(siret);
}

/** The two digits between FR and the SIREN in a French VAT number. */
export function frenchVatKey(siren: string): string {
  return String((12 + 3 * (Number(siren) % 97)) % 97).padStart(2, '0');
}

/**
 * Region codes that start a training-provider number: today's regions and those before 2016,
 * whose numbers stay valid after the merger.
 */
export const TRAINING_PROVIDER_REGIONS: Record<string, string> = {
  '01': 'Guadeloupe',
  '02': 'Martinique',
  '03': 'Guyane',
  '04': 'La Réunion',
  '06': 'Mayotte',
  '11': 'Île-de-France',
  '21': 'Champagne-Ardenne',
  '22': 'Picardie',
  '23': 'Haute-Normandie',
  '24': 'Centre-Val de Loire',
  '25': 'Basse-Normandie',
  '26': 'Bourgogne',
  '27': 'Bourgogne-Franche-Comté',
  '28': 'Normandie',
  '31': 'Nord-Pas-de-Calais',
  '32': 'Hauts-de-France',
  '41': 'Lorraine',
  '42': 'Alsace',
  '43': 'Franche-Comté',
  '44': 'Grand Est',
  '52': 'Pays de la Loire',
  '53': 'Bretagne',
  '54': 'Poitou-Charentes',
  '72': 'Aquitaine',
  '73': 'Midi-Pyrénées',
  '74': 'Limousin',
  '75': 'Nouvelle-Aquitaine',
  '76': 'Occitanie',
  '82': 'Rhône-Alpes',
  '83': 'Auvergne',
  '84': 'Auvergne-Rhône-Alpes',
  '91': 'Languedoc-Roussillon',
  '93': "Provence-Alpes-Côte d'Azur",
  '94': 'Corse',
};

const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

/** Every problem with the settings, each naming its field; empty when they can be saved. */
export function organisationSettingsErrors(settings: OrganisationSettings): FieldError[] {
  const errors: FieldError[] = [];
  const fail = (path: string, code: string, message: string) => errors.push({ path, code, message });

  const { siret, vatNumber } = settings;
  if (!/^\d{14}$/.test(siret)) fail('/siret', 'SIRET_FORMAT', 'A SIRET is 14 digits, without spaces.');
  else if (!siretValid(siret))
    fail('/siret', 'SIRET_CHECKSUM', `${siret} is not a valid SIRET: its check digit does not match.`);

  if (vatNumber !== null) {
    const match = /^FR(\d{2})(\d{9})$/.exec(vatNumber);
    if (!match)
      fail('/vatNumber', 'VAT_NUMBER_FORMAT', 'A French VAT number is FR, a 2-digit key and the SIREN.');
    else {
      const [, key, siren] = match as unknown as [string, string, string];
      if (key !== frenchVatKey(siren))
        fail(
          '/vatNumber',
          'VAT_NUMBER_CHECKSUM',
          `${vatNumber} is not a valid VAT number: the key for SIREN ${siren} is ${frenchVatKey(siren)}.`,
        );
      else if (/^\d{14}$/.test(siret) && siren !== siret.slice(0, 9))
        fail(
          '/vatNumber',
          'VAT_NUMBER_OTHER_SIREN',
          `The VAT number names SIREN ${siren}, the SIRET ${siret.slice(0, 9)}: they must be the same company's.`,
        );
    }
  }
  if (vatNumber === null && settings.vatExemption === null)
    fail(
      '/vatExemption',
      'VAT_STATUS_MISSING',
      'Give a VAT number or the VAT exemption mention (for training: art. 261-4-4° a du CGI).',
    );

  const number = settings.trainingProviderNumber;
  if (!/^\d{11}$/.test(number))
    fail(
      '/trainingProviderNumber',
      'TRAINING_PROVIDER_NUMBER_FORMAT',
      "A training-provider number (déclaration d'activité) is 11 digits, without spaces.",
    );
  else if (!TRAINING_PROVIDER_REGIONS[number.slice(0, 2)])
    fail(
      '/trainingProviderNumber',
      'TRAINING_PROVIDER_REGION_UNKNOWN',
      `A training-provider number starts with its region's code; ${number.slice(0, 2)} is no region's.`,
    );

  if (!EMAIL.test(settings.disabilityContact.email))
    fail('/disabilityContact/email', 'EMAIL_INVALID', 'The disability contact needs a valid e-mail address.');
  if (settings.email.replyTo !== null && !EMAIL.test(settings.email.replyTo))
    fail('/email/replyTo', 'EMAIL_INVALID', 'The reply-to address is not a valid e-mail address.');
  if (
    !Number.isInteger(settings.paymentTermDays) ||
    settings.paymentTermDays < 0 ||
    settings.paymentTermDays > 60
  )
    fail(
      '/paymentTermDays',
      'PAYMENT_TERM_INVALID',
      'The payment term is a whole number of days, 60 at most (Code de commerce, art. L441-10).',
    );
  return errors;
}

export const ORGANISATION_FILE_KINDS = [
  'signature',
  'stamp',
  'internalRules',
  'generalTerms',
  'logo',
] as const;
export type OrganisationFileKind = (typeof ORGANISATION_FILE_KINDS)[number];

type FileType = { contentType: string; magic: number[] };
const PNG: FileType = { contentType: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] };
const JPEG: FileType = { contentType: 'image/jpeg', magic: [0xff, 0xd8, 0xff] };
const PDF: FileType = { contentType: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] };

/** What each file may be: images go on documents, so they stay small; texts are PDFs. */
export const ORGANISATION_FILE_RULES: Record<
  OrganisationFileKind,
  { types: FileType[]; maxBytes: number; what: string }
> = {
  signature: {
    types: [PNG, JPEG],
    maxBytes: 500 * 1024,
    what: 'The signature image is a PNG or JPEG of 500 KB at most',
  },
  stamp: {
    types: [PNG, JPEG],
    maxBytes: 500 * 1024,
    what: 'The stamp image is a PNG or JPEG of 500 KB at most',
  },
  internalRules: {
    types: [PDF],
    maxBytes: 5 * 1024 * 1024,
    what: 'The internal rules are a PDF of 5 MB at most',
  },
  generalTerms: {
    types: [PDF],
    maxBytes: 5 * 1024 * 1024,
    what: 'The general terms are a PDF of 5 MB at most',
  },
  // Every e-mail's reader downloads it: smaller than the images documents carry.
  logo: {
    types: [PNG, JPEG],
    maxBytes: 200 * 1024,
    what: 'The logo is a PNG or JPEG of 200 KB at most',
  },
};

/** The file's type from its content (its declared type is not trusted), or why it is refused. */
export function checkOrganisationFile(
  kind: OrganisationFileKind,
  bytes: Uint8Array,
): { contentType: string } | { refused: 'type' | 'size'; message: string } {
  const rule = ORGANISATION_FILE_RULES[kind];
  const type = rule.types.find((candidate) => candidate.magic.every((byte, index) => bytes[index] === byte));
  if (!type) return { refused: 'type', message: `${rule.what}: this file is neither.` };
  if (bytes.byteLength > rule.maxBytes)
    return {
      refused: 'size',
      message: `${rule.what}: this one is ${Math.ceil(bytes.byteLength / 1024)} KB.`,
    };
  return { contentType: type.contentType };
}
