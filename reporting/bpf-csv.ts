/**
 * The BPF as a spreadsheet: one row per figure, with the value the form wants (euros and hours
 * rounded to the nearest whole one, as its notice says) beside the exact one, and the sessions
 * behind it. Semicolons and a byte-order mark, so that a French spreadsheet opens it in columns
 * and with its accents.
 */
import { stringify } from 'csv-stringify/sync';
import type { BpfFigure, BpfReport } from './bpf.ts';

const UNIT_LABEL: Record<BpfFigure['unit'], string> = {
  cents: 'euros',
  persons: 'personnes',
  hours: 'heures',
};

/** Exact figure in the form's unit: euros with cents, hours with their fraction. */
const exact = (figure: BpfFigure) => (figure.unit === 'cents' ? figure.value / 100 : figure.value);

export function bpfCsv(report: BpfReport): string {
  const rows = report.figures.map((figure) => [
    figure.line,
    figure.label,
    UNIT_LABEL[figure.unit],
    String(Math.round(exact(figure))),
    String(exact(figure)).replace('.', ','),
    figure.sessionIds.join(' '),
  ]);
  return `\uFEFF${stringify(
    [
      [
        'ligne',
        'libellé',
        'unité',
        `valeur pour le formulaire (${report.year})`,
        'valeur exacte',
        'sessions',
      ],
      ...rows,
    ],
    { delimiter: ';', record_delimiter: '\r\n' },
  )}`;
}
