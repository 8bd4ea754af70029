import { Type } from 'typebox';
import {
  currentOrganisationSettings,
  listOrganisationSettingsVersions,
  organisationFileContent,
  saveOrganisationFile,
  saveOrganisationSettings,
} from '../../db/queries/organisation-settings.ts';
import {
  checkOrganisationFile,
  ORGANISATION_FILE_RULES,
  type OrganisationFileKind,
  organisationSettingsErrors,
} from '../../workflows/rules/organisation-settings.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { requireRole } from '../plugins/authentication.ts';
import { ProblemError } from '../problems.ts';
import {
  OrganisationFileParamsSchema,
  OrganisationSettingsBodySchema,
  OrganisationSettingsSchema,
  OrganisationSettingsVersionsSchema,
} from '../schemas/organisation.ts';
import { problemResponses } from '../schemas/problem.ts';
import type { TypedApp } from '../typed-app.ts';

const UPLOAD_TYPES = ['image/png', 'image/jpeg', 'application/pdf'];
const LARGEST_FILE = Math.max(...Object.values(ORGANISATION_FILE_RULES).map((rule) => rule.maxBytes));

/**
 * The organisation's identity, which staff set and documents and e-mails read when they are made.
 * Each change is a new version: a document records the version it was built from, so a change
 * reaches the next documents and leaves the issued ones as they are.
 */
export function organisationRoutes(deps: ApiDependencies) {
  return async (app: TypedApp) => {
    // Files arrive as themselves; their content, not the declared type, decides what they are.
    app.addContentTypeParser(
      UPLOAD_TYPES,
      { parseAs: 'buffer', bodyLimit: LARGEST_FILE + 1 },
      (_request, body, done) => done(null, body),
    );

    app.get(
      '/organisation/settings',
      {
        schema: {
          tags: ['organisation'],
          summary: "Read the organisation's settings in force (staff only)",
          description:
            'The version documents are built from now; `placeholder` is true while the install’s sample values are in force.',
          response: { 200: OrganisationSettingsSchema, ...problemResponses(401, 403) },
        },
      },
      async (request) => {
        requireRole(request, 'staff');
        return (await currentOrganisationSettings(deps.pool)) as never;
      },
    );

    app.put(
      '/organisation/settings',
      {
        schema: {
          tags: ['organisation'],
          summary: "Replace the organisation's settings (staff only)",
          description:
            'Every field, each time: the result is a new version, which the next documents use; documents already issued keep theirs. The same settings again write no version. A refused field is named in `errors` with its reason, and its rule in `violations`.',
          body: OrganisationSettingsBodySchema,
          response: { 200: OrganisationSettingsSchema, ...problemResponses(401, 403, 422) },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'staff');
        const errors = organisationSettingsErrors(request.body);
        if (errors.length > 0)
          throw new ProblemError(
            422,
            'ORGANISATION_SETTINGS_INVALID',
            `The settings are not saved: ${errors.map((error) => error.message).join(' ')}`,
            {
              errors: errors.map(({ path, message }) => ({ path, message })),
              violations: errors.map(({ code, message }) => ({ code, message })),
            },
          );
        return (await saveOrganisationSettings(deps.pool, request.body, actor.subject)) as never;
      },
    );

    app.get(
      '/organisation/settings/versions',
      {
        schema: {
          tags: ['organisation'],
          summary: "The organisation's settings versions: who made each, when (staff only)",
          response: { 200: OrganisationSettingsVersionsSchema, ...problemResponses(401, 403) },
        },
      },
      async (request) => {
        requireRole(request, 'staff');
        return { versions: await listOrganisationSettingsVersions(deps.pool) } as never;
      },
    );

    app.put(
      '/organisation/settings/files/:kind',
      {
        schema: {
          tags: ['organisation'],
          summary:
            'Upload the signature, the stamp, the logo, the internal rules or the general terms (staff only)',
          description:
            'The file itself as the body (image/png, image/jpeg or application/pdf), checked by its content: the signature and stamp 500 KB at most, the logo 200 KB, PDFs 5 MB. The result is a new settings version holding it.',
          params: OrganisationFileParamsSchema,
          response: { 200: OrganisationSettingsSchema, ...problemResponses(401, 403, 413, 415) },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'staff');
        const kind = request.params.kind as OrganisationFileKind;
        const bytes = request.body;
        if (!Buffer.isBuffer(bytes))
          throw new ProblemError(415, 'UNSUPPORTED_UPLOAD', ORGANISATION_FILE_RULES[kind].what);
        const checked = checkOrganisationFile(kind, bytes);
        if ('refused' in checked)
          throw checked.refused === 'size'
            ? new ProblemError(413, 'FILE_TOO_LARGE', checked.message)
            : new ProblemError(415, 'UNSUPPORTED_UPLOAD', checked.message);
        return (await saveOrganisationFile(
          deps.pool,
          { kind, contentType: checked.contentType, bytes },
          actor.subject,
        )) as never;
      },
    );

    app.get(
      '/organisation/settings/files/:kind',
      {
        schema: {
          tags: ['organisation'],
          summary: 'Download a file of the settings in force (staff only)',
          params: OrganisationFileParamsSchema,
          response: {
            200: Type.Unsafe({ type: 'string', format: 'binary', description: 'The file' }),
            ...problemResponses(401, 403, 404),
          },
        },
      },
      async (request, reply) => {
        requireRole(request, 'staff');
        const kind = request.params.kind as OrganisationFileKind;
        const file = (await currentOrganisationSettings(deps.pool)).files[kind];
        const content = file && (await organisationFileContent(deps.pool, file.fileId));
        if (!file || !content)
          throw new ProblemError(404, 'ORGANISATION_FILE_NOT_FOUND', `No ${kind} has been uploaded yet.`);
        return reply
          .type(content.contentType)
          .header('x-checksum-sha256', file.checksum)
          .send(content.bytes) as never;
      },
    );
  };
}
