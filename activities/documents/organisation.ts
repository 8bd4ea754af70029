import type { CertificateData } from '../../workflows/messages/documents.ts';

/** The association as the legal documents name it: the training provider ("organisme de formation"). */
export type Organisation = CertificateData['organisation'];

/**
 * Placeholders until the deployer configures the real ones: the training-provider number
 * ("déclaration d'activité") is what funders check a sheet or a certificate against.
 */
export const ORGANISATION: Organisation = {
  name: 'Association des Animateur·ices',
  address: '12 rue de la République, 69002 Lyon',
  trainingProviderNumber: '84691234569',
};

/** Who signs certificates and where they are issued: placeholders the deployer configures too. */
export const CERTIFICATE_ISSUER = {
  city: 'Lyon',
  signatory: 'Claire Martin, présidente',
};

/** What invoices need of the association besides its name and address: placeholders too. */
export const BILLING_ENTITY = {
  siret: '80123456700019',
  vatNumber: 'FR12801234567',
  /** Payment term written on self-billing invoices. */
  paymentTermDays: 30,
};
