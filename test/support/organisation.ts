import type { Organisation } from '../../activities/documents/organisation.ts';
import type { OrganisationSettings } from '../../workflows/rules/organisation-settings.ts';

/** Settings that pass every check (SIRET, VAT key, region), as staff would enter them. */
export const SAMPLE_SETTINGS: OrganisationSettings = {
  legalName: 'Association des Animateur·ices',
  address: '12 rue de la République, 69002 Lyon',
  city: 'Lyon',
  siret: '80123456800005',
  vatNumber: 'FR66801234568',
  vatExemption: 'TVA non applicable, art. 261-4-4° a du CGI',
  trainingProviderNumber: '84691234569',
  trainingProviderRegion: 'Auvergne-Rhône-Alpes',
  qualiopiCertificate: null,
  signatory: { name: 'Claire Martin', title: 'présidente' },
  disabilityContact: { name: 'Claire Martin', email: 'handicap@example.org', phone: null },
  paymentTermDays: 30,
  email: {
    senderName: 'Association des Animateur·ices',
    replyTo: null,
    signature: { fr: "L'équipe des missions", en: 'The missions team' },
  },
};

/** What a builder gets from the activity: a settings version, here without images. */
export const SAMPLE_ORGANISATION: Organisation = {
  settingsVersion: 1,
  settings: SAMPLE_SETTINGS,
  signature: null,
  stamp: null,
};
