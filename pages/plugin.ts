/**
 * The pages behind e-mail links, for people's browsers. They share their URLs with the JSON link
 * routes (pages/surface.ts tells the two apart), call the same actions (api/links/link-actions.ts)
 * and work without JavaScript: a GET shows the page, a form POST acts and redirects.
 */
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import type { FastifyError, FastifyInstance } from 'fastify';
import type { ApiDependencies } from '../api/dependencies.ts';
import { limitLinkRate } from '../api/links/link-rate-limit.ts';
import { SUPPLIER_INVOICE_MAX_BYTES } from '../api/links/upload-supplier-invoice.ts';
import { verifyLinkTokenBeforeBody } from '../api/links/verify-before-body.ts';
import { ProblemError } from '../api/problems.ts';
import type { TypedApp } from '../api/typed-app.ts';
import { assetRoutes } from './assets.ts';
import { consoleHoldingPages } from './console-holding.ts';
import { pageForProblem, statePage } from './link-states.ts';
import { pageLanguage, redirectToPage, sendHtml } from './page-context.ts';
import { approvalPages } from './purposes/approval.ts';
import { attendanceSigningPages } from './purposes/attendance-signing.ts';
import { endOfTrainingAssessmentPages } from './purposes/end-of-training-assessment.ts';
import { fundingDecisionPages } from './purposes/funding-decision.ts';
import { invitationPages } from './purposes/invitation.ts';
import { positioningTestPages } from './purposes/positioning-test.ts';
import { registrationPages } from './purposes/registration.ts';
import { registrationConfirmationPages } from './purposes/registration-confirmation.ts';
import { sharedSessionPages } from './purposes/shared-session.ts';
import { supplierInvoicePages } from './purposes/supplier-invoice.ts';
import { surveyPages } from './purposes/survey.ts';

/** Forms carry a few short fields; uploads have their own limit, stated on the upload page. */
const FORM_BODY_LIMIT = 32 * 1024;

export function linkPages(deps: ApiDependencies) {
  return async (app: TypedApp) => {
    assetRoutes(app as unknown as FastifyInstance);
    consoleHoldingPages(app as unknown as FastifyInstance);
    await app.register(async (pages) => {
      await limitLinkRate(pages, deps);
      await verifyLinkTokenBeforeBody(pages as unknown as FastifyInstance, deps);
      await pages.register(formbody, { bodyLimit: FORM_BODY_LIMIT });
      await pages.register(multipart, {
        limits: { fileSize: SUPPLIER_INVOICE_MAX_BYTES, files: 1, fields: 5, fieldSize: 1024 },
      });
      pages.setErrorHandler((error: FastifyError, request, reply) => {
        // A forged token is refused before the page's handler has read `?lang=`: read it here.
        const language = request.pageLanguage ?? pageLanguage(request);
        // A second submit of a single-use form (another tab, a double tap) lands on the answer, not an error.
        if (error instanceof ProblemError && error.code === 'LINK_ALREADY_USED' && request.method === 'POST')
          return redirectToPage(reply, request);
        if (error.statusCode === 413 || error.code === 'FST_REQ_FILE_TOO_LARGE') {
          const page = statePage('refused', language, { code: 'PAYLOAD_TOO_LARGE' });
          return sendHtml(reply, 413, page.body);
        }
        const page = pageForProblem(error, language);
        if (page.status >= 500) request.log.error({ err: error }, 'link page failed');
        return sendHtml(reply, page.status, page.body);
      });
      for (const register of [
        invitationPages,
        approvalPages,
        sharedSessionPages,
        registrationPages,
        registrationConfirmationPages,
        supplierInvoicePages,
        positioningTestPages,
        surveyPages,
        fundingDecisionPages,
        attendanceSigningPages,
        endOfTrainingAssessmentPages,
      ])
        register(pages, deps);
    });
  };
}
