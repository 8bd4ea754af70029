import { Type } from 'typebox';

export const BpfQuerySchema = Type.Object({
  year: Type.Integer({
    minimum: 2000,
    maximum: 2100,
    description: 'The calendar year reported on, e.g. 2026',
  }),
});

const BpfFigureSchema = Type.Object({
  line: Type.String({ description: 'The frame and line of Cerfa 10443, e.g. C-2-h' }),
  label: Type.String(),
  unit: Type.Union([Type.Literal('cents'), Type.Literal('persons'), Type.Literal('hours')]),
  value: Type.Number({ description: 'Exact: cents, persons, or hours to the hundredth' }),
  sessionIds: Type.Array(Type.String({ format: 'uuid' }), { description: 'The sessions behind the figure' }),
});

export const BpfReportSchema = Type.Object({
  year: Type.Integer(),
  sessions: Type.Array(
    Type.Object({
      sessionId: Type.String({ format: 'uuid' }),
      missionId: Type.String({ format: 'uuid' }),
      missionTitle: Type.String(),
      title: Type.String(),
      endsAt: Type.String({ format: 'date-time' }),
    }),
    { description: 'Trainings of the association’s own missions that ended in the year (French time)' },
  ),
  figures: Type.Array(BpfFigureSchema),
  notFilled: Type.Array(
    Type.Object({
      code: Type.String({ description: 'Stable, for front ends to word it in their language' }),
      frame: Type.String(),
      reason: Type.String(),
    }),
    {
      description: 'What the form asks and the service cannot know, and why',
    },
  ),
});
