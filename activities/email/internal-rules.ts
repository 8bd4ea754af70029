import type { CommonQueryMethods } from 'slonik';
import {
  type OrganisationSettingsVersion,
  organisationFileContent,
} from '../../db/queries/organisation-settings.ts';
import type { RenderedEmail } from './sender.ts';

/**
 * Trainees receive the internal rules before the action (Code du travail, R6352-1): the
 * convocation carries the PDF staff uploaded to the settings in force; none uploaded, none sent.
 */
export async function internalRulesAttachment(
  db: CommonQueryMethods,
  organisation: OrganisationSettingsVersion,
): Promise<NonNullable<RenderedEmail['attachments']>[number] | null> {
  const file = organisation.files.internalRules;
  const content = file && (await organisationFileContent(db, file.fileId));
  return content
    ? { filename: 'reglement-interieur.pdf', contentType: content.contentType, content: content.bytes }
    : null;
}
