import type { CommonQueryMethods } from 'slonik';
import {
  currentOrganisationSettings,
  organisationFileContent,
  organisationSettingsAt,
} from '../../db/queries/organisation-settings.ts';
import type { OrganisationSettings } from '../../workflows/rules/organisation-settings.ts';

export interface OrganisationImage {
  contentType: string;
  bytes: Buffer;
}

/**
 * The association as a document names it ("organisme de formation"): the settings version in
 * force when the document is built, which the stored document records, and the images it draws.
 */
export interface Organisation {
  settingsVersion: number;
  settings: OrganisationSettings;
  signature: OrganisationImage | null;
  stamp: OrganisationImage | null;
}

/**
 * Read when a document is built, never by a workflow, so no history holds the organisation's
 * details: the version in force, or the one a document already issued was built from.
 */
export async function loadOrganisation(db: CommonQueryMethods, version?: number): Promise<Organisation> {
  const current =
    version === undefined ? await currentOrganisationSettings(db) : await organisationSettingsAt(db, version);
  const image = async (fileId: string | undefined) => (fileId ? organisationFileContent(db, fileId) : null);
  return {
    settingsVersion: current.version,
    settings: current.settings,
    signature: await image(current.files.signature?.fileId),
    stamp: await image(current.files.stamp?.fileId),
  };
}

/** "Claire Martin, présidente", as a signature block names the signatory. */
export const signatoryLine = (settings: OrganisationSettings): string =>
  `${settings.signatory.name}, ${settings.signatory.title}`;

/** "Claire Martin, handicap@example.org", how documents tell people whom to ask for adaptations. */
export const disabilityContactLine = ({ disabilityContact: contact }: OrganisationSettings): string =>
  [contact.name, contact.email, contact.phone].filter(Boolean).join(', ');
