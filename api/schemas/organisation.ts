import { Type } from 'typebox';
import { ORGANISATION_FILE_KINDS } from '../../workflows/rules/organisation-settings.ts';
import { literalUnion } from './literal-union.ts';
import { oneLine } from './one-line.ts';

// Null first: with type coercion on, a null tried against a string branch first would become "".
const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([Type.Null(), schema]);

/**
 * Identifiers are plain strings here: their checksums are checked by the rules, whose refusal
 * names the field in words a person understands.
 */
export const OrganisationSettingsBodySchema = Type.Object(
  {
    legalName: oneLine(200, 'The legal name, as documents and invoices show it'),
    address: oneLine(300, 'Postal address on one line: "12 rue de la République, 69002 Lyon"'),
    city: oneLine(100, 'Where documents are signed ("Fait à …")'),
    siret: oneLine(20, '14 digits'),
    vatNumber: nullable(oneLine(20, 'French VAT number: FR, a 2-digit key, the SIREN')),
    vatExemption: nullable(
      oneLine(
        200,
        'The mention that makes prices without VAT legal, e.g. "TVA non applicable, art. 261-4-4° a du CGI"',
      ),
    ),
    trainingProviderNumber: oneLine(20, "Déclaration d'activité: 11 digits, the first two the region's code"),
    trainingProviderRegion: oneLine(100, 'The region whose prefect registered it'),
    qualiopiCertificate: nullable(oneLine(100, 'The Qualiopi certificate reference')),
    signatory: Type.Object(
      { name: oneLine(200), title: oneLine(200, 'e.g. présidente') },
      { additionalProperties: false, description: 'Who signs certificates and agreements' },
    ),
    disabilityContact: Type.Object(
      { name: oneLine(200), email: oneLine(320), phone: nullable(oneLine(40)) },
      {
        additionalProperties: false,
        description: 'Whom people with a disability contact (référent·e handicap)',
      },
    ),
    paymentTermDays: Type.Integer({
      minimum: 0,
      maximum: 60,
      description: 'Days to pay a self-billing invoice',
    }),
    email: Type.Object(
      {
        senderName: oneLine(100, "The name e-mails come from; the address is the deployment's EMAIL_FROM"),
        replyTo: nullable(oneLine(320, 'Where answers go when an e-mail names nobody else')),
        signature: Type.Object(
          { fr: oneLine(200), en: oneLine(200) },
          {
            additionalProperties: false,
            description: "The line e-mails end with, e.g. L'équipe de l'association",
          },
        ),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

const FileSchema = nullable(
  Type.Object({
    fileId: Type.String(),
    contentType: Type.String(),
    byteSize: Type.Integer(),
    checksum: Type.String({ description: 'sha256, hex' }),
    uploadedAt: Type.String({ format: 'date-time' }),
  }),
);

const VersionFields = {
  version: Type.Integer({ description: 'Documents record the version they were built from' }),
  placeholder: Type.Boolean({
    description: "true until staff first set the settings: the install's sample values are in force",
  }),
  createdAt: Type.String({ format: 'date-time' }),
  createdBy: Type.String(),
};

export const OrganisationSettingsSchema = Type.Object({
  ...VersionFields,
  settings: OrganisationSettingsBodySchema,
  files: Type.Object(
    Object.fromEntries(ORGANISATION_FILE_KINDS.map((kind) => [kind, FileSchema])) as Record<
      (typeof ORGANISATION_FILE_KINDS)[number],
      typeof FileSchema
    >,
  ),
});

export const OrganisationSettingsVersionsSchema = Type.Object({
  versions: Type.Array(Type.Object(VersionFields), { description: 'Newest first' }),
});

export const OrganisationFileParamsSchema = Type.Object({
  kind: literalUnion(
    ORGANISATION_FILE_KINDS,
    'signature and stamp: PNG or JPEG, 500 KB at most; logo (shown in e-mails): PNG or JPEG, 200 KB at most; internalRules and generalTerms: PDF, 5 MB at most',
  ),
});

export const OrganisationLogoParamsSchema = Type.Object({
  fileId: Type.String({
    maxLength: 36,
    description: 'The logo file, as the settings name it (files.logo.fileId)',
  }),
});
