/**
 * The page and paragraph shapes every generated French document shares (quote, agreement,
 * contract, programme, invoices): one place for A4 and its margins, so documents a funder files
 * together look like one set.
 */
import { AlignmentType, type IRunOptions, Paragraph, TextRun } from 'docx';

// A4 portrait in twentieths of a point, 2 cm margins; font sizes in half-points.
export const A4 = { width: 11906, height: 16838 };
export const MARGIN = 1134;
export const TEXT_WIDTH = A4.width - 2 * MARGIN;
export const SHADE = 'E8E8E8';
export const CELL_MARGINS = { top: 40, bottom: 40, left: 80, right: 80 };

export const PROPOSAL_STYLES = {
  default: { document: { run: { font: 'Arial', size: 20, language: { value: 'fr-FR' } } } },
};
export const PAGE = {
  page: { size: A4, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } },
};

export type Run = string | (IRunOptions & { text: string });

const runsOf = (runs: Run[]) => runs.map((run) => new TextRun(typeof run === 'string' ? { text: run } : run));

export function line(
  runs: Run[],
  options: {
    before?: number;
    after?: number;
    right?: boolean;
    center?: boolean;
    indent?: number;
    /** Kept on the page of what follows: a heading, the "Fait à" above the signatures. */
    keepNext?: boolean;
  } = {},
): Paragraph {
  return new Paragraph({
    spacing: { before: options.before ?? 0, after: options.after ?? 80 },
    keepNext: options.keepNext,
    alignment: options.right ? AlignmentType.RIGHT : options.center ? AlignmentType.CENTER : undefined,
    indent: options.indent ? { left: options.indent } : undefined,
    children: runsOf(runs),
  });
}

/** Justified text, as the clauses of a contract read. */
export function paragraph(runs: Run[], options: { after?: number } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.BOTH,
    spacing: { after: options.after ?? 80 },
    children: runsOf(runs),
  });
}

export function title(text: string, options: { before?: number; after?: number } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: options.before ?? 0, after: options.after ?? 80 },
    children: [new TextRun({ text, bold: true, size: 32 })],
  });
}

/** "Article 4 — Dédit ou annulation". */
export function article(text: string): Paragraph {
  return line([{ text, bold: true }], { before: 120, after: 120, keepNext: true });
}

export function heading(text: string): Paragraph {
  return line([{ text, bold: true, size: 24 }], { before: 240, after: 120, keepNext: true });
}

/** "Durée : 14 heures", with a non-breaking space before the colon as French typography wants. */
export function item(label: string, value: string, indent = 360): Paragraph {
  return line([{ text: `${label}\u00a0: `, bold: true }, value], { indent });
}

export function bullet(text: string): Paragraph {
  return line([`– ${text}`], { indent: 360 });
}
