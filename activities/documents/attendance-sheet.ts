/**
 * The attendance sheet ("feuille d'émargement"), always in French: funders accept it only when
 * every participant signs every half-day, the facilitator countersigns, and each half-day shows
 * its date, times and content (DESIGN.md §5).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeightRule,
  ImageRun,
  type ISectionOptions,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import type { AttendanceSheetData } from '../../workflows/messages/documents.ts';
import type { HalfDay } from '../../workflows/messages/domain.ts';
import { funderLabel } from '../../workflows/rules/certificates.ts';
import { formatDate, formatTime } from '../format/french.ts';
import type { Organisation } from './organisation.ts';
import { packDocx } from './pack.ts';
import { pngDimensions } from './png.ts';

/** Rows to fill by hand when nobody registered in advance (registration is optional in education). */
export const BLANK_ROWS = 15;
/** Beyond this, signature columns get too narrow to sign in: longer sessions go on to further pages. */
export const HALF_DAYS_PER_PAGE = 4;

// Sizes in twentieths of a point (A4, 1 cm margins) and font sizes in half-points.
const A4 = { width: 11906, height: 16838 };
const MARGIN = 567;
const FOOTER_DISTANCE = 340;
const TABLE_WIDTH = A4.height - 2 * MARGIN;
const SMALL = 16;
const SHADE = 'E8E8E8';
type Participant = AttendanceSheetData['participants'][number];
const IDENTITY_COLUMNS = [
  {
    title: 'Nom',
    width: 2000,
    value: (p: Participant) => p.lastName.toLocaleUpperCase('fr'),
    size: undefined,
  },
  { title: 'Prénom', width: 1600, value: (p: Participant) => p.firstName, size: undefined },
  { title: 'E-mail', width: 2900, value: (p: Participant) => p.email, size: SMALL },
];
const IDENTITY_WIDTH = IDENTITY_COLUMNS.reduce((sum, column) => sum + column.width, 0);

const PERIOD_LABELS = { morning: 'Matin', afternoon: 'Après-midi' } as const;
/** A drawn signature shrinks to fit a signature cell, in pixels at 96 dpi (a cell is ~150 px wide). */
const SIGNATURE_BOX = { width: 120, height: 40 };
const KIND_LABELS = { workshop: 'Atelier', training: 'Formation' } as const;

/**
 * `images` holds the PNG of each digital signature by its id: the sheet then shows every
 * signature with its time (in the session's time zone), and each half-day's countersignature.
 */
export async function buildAttendanceSheet(
  data: AttendanceSheetData,
  organisation: Organisation,
  images: ReadonlyMap<string, Buffer> = new Map(),
): Promise<Buffer> {
  const halfDays = [...data.halfDays].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  const first = halfDays[0];
  const last = halfDays.at(-1);
  if (!first || !last) throw new RangeError('an attendance sheet needs at least one half-day');

  const pages: HalfDay[][] = [];
  for (let index = 0; index < halfDays.length; index += HALF_DAYS_PER_PAGE) {
    pages.push(halfDays.slice(index, index + HALF_DAYS_PER_PAGE));
  }
  const dates =
    first.date === last.date
      ? formatDate(first.date)
      : `du ${formatDate(first.date)} au ${formatDate(last.date)}`;
  const footer = new Footer({
    children: [
      new Paragraph({
        children: [
          new TextRun({
            size: SMALL,
            text: data.signing
              ? 'Émargement numérique : chaque participant·e a signé chaque demi-journée sur un téléphone ; ' +
                `chaque signature porte son heure (${data.timeZone}) et l'animateur·ice contresigne chaque demi-journée. ` +
                "L'adresse IP et le navigateur de chaque signature sont conservés."
              : 'Chaque participant·e signe à chaque demi-journée, matin et après-midi, dans la colonne de la demi-journée : ' +
                'les financeurs refusent une feuille signée une seule fois pour toute la période. ' +
                "L'animateur·ice contresigne chaque demi-journée.",
          }),
        ],
      }),
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [
          new TextRun({
            size: SMALL,
            children: ['Page ', PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES],
          }),
        ],
      }),
    ],
  });

  const sections: ISectionOptions[] = pages.map((page, index) => ({
    properties: {
      page: {
        size: { ...A4, orientation: PageOrientation.LANDSCAPE },
        margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, footer: FOOTER_DISTANCE },
      },
    },
    footers: { default: footer },
    children: [
      new Paragraph({
        spacing: { after: 80 },
        children: [
          new TextRun({ text: "Feuille d'émargement", bold: true, size: 32 }),
          ...(pages.length > 1
            ? [
                new TextRun({
                  text: ` — demi-journées ${index * HALF_DAYS_PER_PAGE + 1} à ${index * HALF_DAYS_PER_PAGE + page.length} sur ${halfDays.length}`,
                  size: 24,
                }),
              ]
            : []),
        ],
      }),
      identification(data, organisation, dates),
      // Word merges two tables that follow each other: a tiny paragraph keeps them apart.
      new Paragraph({ spacing: { after: 0 }, children: [new TextRun({ text: '', size: 8 })] }),
      signatureTable(data, page, images),
    ],
  }));

  const document = new Document({
    creator: organisation.settings.legalName,
    title: `Feuille d'émargement — ${data.sessionTitle}`,
    styles: { default: { document: { run: { font: 'Arial', size: 18, language: { value: 'fr-FR' } } } } },
    sections,
  });
  return packDocx(document, first.date);
}

/** Who organises what, for whom, where: three short columns so the signatures keep most of the page. */
function identification(data: AttendanceSheetData, organisation: Organisation, dates: string): Table {
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const widths = [4300, 5600, TABLE_WIDTH - 9900];
  const column = (index: number, lines: Paragraph[]) =>
    new TableCell({
      width: { size: widths[index] ?? 0, type: WidthType.DXA },
      margins: { left: 0, right: 160 },
      children: lines,
    });
  return new Table({
    width: { size: TABLE_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: {
      top: none,
      bottom: none,
      left: none,
      right: none,
      insideHorizontal: none,
      insideVertical: none,
    },
    rows: [
      new TableRow({
        children: [
          column(0, [
            text(organisation.settings.legalName, { bold: true }),
            text(organisation.settings.address),
            labelled("N° de déclaration d'activité", organisation.settings.trainingProviderNumber),
          ]),
          column(1, [
            labelled('Mission', data.missionTitle),
            labelled('Réf. mission', data.missionId),
            labelled('Client', data.clientName),
            ...fundingLines(data.funding),
          ]),
          column(2, [
            labelled(KIND_LABELS[data.kind], data.sessionTitle),
            labelled(dates.startsWith('du ') ? 'Dates' : 'Date', dates),
            labelled('Lieu', data.place),
            labelled(
              'Animateur·ices',
              data.facilitators.map((facilitator) => facilitator.name).join(', ') || '—',
            ),
          ]),
        ],
      }),
    ],
  });
}

function signatureTable(
  data: AttendanceSheetData,
  halfDays: HalfDay[],
  images: ReadonlyMap<string, Buffer>,
): Table {
  const signatureWidth = Math.floor((TABLE_WIDTH - IDENTITY_WIDTH) / halfDays.length);
  const widths = [...IDENTITY_COLUMNS.map((column) => column.width), ...halfDays.map(() => signatureWidth)];
  const blankSignatures = () => halfDays.map(() => cell(signatureWidth, []));
  // Signatures name half-days by their index in data.halfDays, which callers need not sort.
  const indexOf = (halfDay: HalfDay) => data.halfDays.indexOf(halfDay);
  const signed = (signature: { signatureId: string; signedAt: string } | undefined) =>
    cell(signatureWidth, signature ? signatureLines(signature, images, data.timeZone) : []);
  const closed = (halfDay: HalfDay) =>
    data.signing?.countersignatures.some(
      (countersignature) => countersignature.halfDayIndex === indexOf(halfDay),
    );
  const participantSignatures = (participantId: string) =>
    halfDays.map((halfDay) => {
      const signature = data.signing?.signatures.find(
        (candidate) =>
          candidate.participantId === participantId && candidate.halfDayIndex === indexOf(halfDay),
      );
      // Once countersigned, a half-day takes no more signatures: an empty cell there is an absence, said as such.
      if (!signature && closed(halfDay))
        return cell(signatureWidth, [text('Absent·e (pas de signature)', { size: SMALL, italics: true })]);
      return signed(signature);
    });
  const countersignatures = (facilitatorName: string, first: boolean) =>
    halfDays.map((halfDay) => {
      const countersignature = data.signing?.countersignatures.find(
        (candidate) => candidate.halfDayIndex === indexOf(halfDay),
      );
      // A countersignature by someone no longer listed still shows, on the first facilitator's row.
      const listed = data.facilitators.some(
        (facilitator) => facilitator.name === countersignature?.facilitatorName,
      );
      const mine = countersignature?.facilitatorName === facilitatorName || (first && !listed);
      return signed(mine ? countersignature : undefined);
    });

  const participants = [...data.participants].sort(
    (a, b) => a.lastName.localeCompare(b.lastName, 'fr') || a.firstName.localeCompare(b.firstName, 'fr'),
  );
  const participantRows =
    participants.length > 0
      ? participants.map((participant) =>
          signatureRow([
            ...IDENTITY_COLUMNS.map((column) =>
              cell(column.width, [text(column.value(participant), { size: column.size })]),
            ),
            ...participantSignatures(participant.participantId),
          ]),
        )
      : Array.from({ length: BLANK_ROWS }, () =>
          signatureRow([...IDENTITY_COLUMNS.map((column) => cell(column.width, [])), ...blankSignatures()]),
        );

  const facilitators = data.facilitators.length > 0 ? data.facilitators : [{ name: '' }];
  const facilitatorRows = facilitators.map((facilitator, index) =>
    signatureRow([
      cell(IDENTITY_WIDTH, [text("Signature de l'animateur·ice", { bold: true }), text(facilitator.name)], {
        columnSpan: IDENTITY_COLUMNS.length,
      }),
      ...countersignatures(facilitator.name, index === 0),
    ]),
  );

  return new Table({
    width: { size: TABLE_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: [
          ...IDENTITY_COLUMNS.map((column) =>
            cell(column.width, [text(column.title, { bold: true })], { shaded: true }),
          ),
          ...halfDays.map((halfDay) =>
            cell(
              signatureWidth,
              [
                text(formatDate(halfDay.date), { bold: true, size: SMALL }),
                text(
                  `${PERIOD_LABELS[halfDay.period]} · ${formatTime(halfDay.startsAt, data.timeZone)}–${formatTime(halfDay.endsAt, data.timeZone)}`,
                  { bold: true, size: SMALL },
                ),
                text(halfDay.content, { size: SMALL, italics: true }),
              ],
              { shaded: true, top: true },
            ),
          ),
        ],
      }),
      ...participantRows,
      new TableRow({
        cantSplit: true,
        children: [
          cell(
            TABLE_WIDTH,
            [text('Contresignature des animateur·ices, à chaque demi-journée', { bold: true })],
            { columnSpan: widths.length, shaded: true },
          ),
        ],
      }),
      ...facilitatorRows,
    ],
  });
}

/** A digital signature in its cell: the drawn image, then the time it was signed. */
function signatureLines(
  signature: { signatureId: string; signedAt: string },
  images: ReadonlyMap<string, Buffer>,
  timeZone: string,
): Paragraph[] {
  const time = `Signé à ${formatTime(signature.signedAt, timeZone)}`;
  const image = images.get(signature.signatureId);
  const size = image && pngDimensions(image);
  if (!image || !size) return [text(`${time} (image indisponible)`, { size: SMALL, italics: true })];
  const scale = Math.min(SIGNATURE_BOX.width / size.width, SIGNATURE_BOX.height / size.height, 1);
  return [
    new Paragraph({
      children: [
        new ImageRun({
          type: 'png',
          data: image,
          transformation: {
            width: Math.max(1, Math.round(size.width * scale)),
            height: Math.max(1, Math.round(size.height * scale)),
          },
          altText: { name: 'Signature', description: time, title: time },
        }),
      ],
    }),
    text(time, { size: SMALL }),
  ];
}

function signatureRow(children: TableCell[]): TableRow {
  return new TableRow({ cantSplit: true, height: { value: 500, rule: HeightRule.ATLEAST }, children });
}

function cell(
  width: number,
  children: Paragraph[],
  options: { columnSpan?: number; shaded?: boolean; top?: boolean } = {},
): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    columnSpan: options.columnSpan,
    verticalAlign: options.top ? VerticalAlignTable.TOP : VerticalAlignTable.CENTER,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    shading: options.shaded ? { type: ShadingType.CLEAR, color: 'auto', fill: SHADE } : undefined,
    children: children.length > 0 ? children : [new Paragraph({ children: [] })],
  });
}

function text(value: string, style: { bold?: boolean; italics?: boolean; size?: number } = {}): Paragraph {
  return new Paragraph({ children: [new TextRun({ text: value, ...style })] });
}

/** The funder and its agreement number, as on the certificates; nothing when the client pays. */
function fundingLines(funding: AttendanceSheetData['funding']): Paragraph[] {
  const funder = funding ? funderLabel(funding.kind) : null;
  if (!funder) return [];
  return [
    labelled('Financement', funder),
    ...(funding?.agreementNumber ? [labelled('Accord de prise en charge n°', funding.agreementNumber)] : []),
  ];
}

/** "Client : Acme SA", with a non-breaking space before the colon as French typography wants. */
function labelled(label: string, value: string): Paragraph {
  return new Paragraph({
    children: [new TextRun({ text: `${label}\u00a0: `, bold: true }), new TextRun(value)],
  });
}
