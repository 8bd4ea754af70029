import { readBpfFacts } from '../../db/queries/bpf-facts.ts';
import { bpfReport } from '../../reporting/bpf.ts';
import { bpfCsv } from '../../reporting/bpf-csv.ts';
import type { ApiDependencies } from '../dependencies.ts';
import { requireRole } from '../plugins/authentication.ts';
import { problemResponses } from '../schemas/problem.ts';
import { BpfQuerySchema, BpfReportSchema } from '../schemas/reports.ts';
import type { TypedApp } from '../typed-app.ts';

/** Staff's yearly reporting: the "bilan pédagogique et financier" (L6352-11), as figures and as CSV. */
export function reportRoutes(deps: ApiDependencies) {
  return async (app: TypedApp) => {
    app.get(
      '/reports/bpf',
      {
        schema: {
          tags: ['staff'],
          summary: 'The yearly BPF figures, each with the sessions behind it (staff only)',
          description:
            'Computed from the read model for the trainings of the association’s own missions that ended in the year: income by source (frame C), payouts to facilitators (D), facilitators and their hours (E), trainees and hours by kind (F-1, F-3). `notFilled` lists what the form asks that the service cannot know.',
          querystring: BpfQuerySchema,
          response: { 200: BpfReportSchema, ...problemResponses(401, 403, 422) },
        },
      },
      async (request) => {
        requireRole(request, 'staff');
        return bpfReport(request.query.year, await readBpfFacts(deps.pool, request.query.year));
      },
    );

    app.get(
      '/reports/bpf.csv',
      {
        schema: {
          tags: ['staff'],
          summary: 'The yearly BPF as a spreadsheet (staff only)',
          description:
            'One row per figure: the value the form wants (whole euros and hours), the exact value and the sessions behind it. Semicolon-separated UTF-8 with a byte-order mark, as French spreadsheets expect.',
          querystring: BpfQuerySchema,
          response: {
            200: {
              description: 'The BPF figures as CSV',
              content: { 'text/csv': { schema: { type: 'string' } } },
            },
            ...problemResponses(401, 403, 422),
          },
        },
      },
      async (request, reply) => {
        requireRole(request, 'staff');
        const report = bpfReport(request.query.year, await readBpfFacts(deps.pool, request.query.year));
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="bpf-${request.query.year}.csv"`)
          .send(bpfCsv(report));
      },
    );
  };
}
