import { unzipSync } from 'fflate';
import mammoth from 'mammoth';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BLANK_ROWS, buildAttendanceSheet } from '../../../activities/documents/attendance-sheet.ts';
import type { AttendanceSheetData } from '../../../workflows/messages/documents.ts';
import type { HalfDay } from '../../../workflows/messages/domain.ts';
import { SAMPLE_ORGANISATION } from '../../support/organisation.ts';

const halfDay = (date: string, period: HalfDay['period'], content: string): HalfDay => {
  // 09:00–12:30 and 13:30–17:00 in Paris, winter time (UTC+1).
  const [start, end] = period === 'morning' ? ['08:00', '11:30'] : ['12:30', '16:00'];
  return { date, period, startsAt: `${date}T${start}:00Z`, endsAt: `${date}T${end}:00Z`, content };
};

const training: AttendanceSheetData = {
  missionId: '5b0e1f7a-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
  missionTitle: 'Formation climat 2027',
  clientName: 'Acme Industries SAS',
  sessionId: '9c8b7a6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
  sessionTitle: 'Comprendre et agir : les enjeux climatiques',
  kind: 'training',
  place: 'Salle Rhône, 45 quai Perrache, 69002 Lyon',
  timeZone: 'Europe/Paris',
  facilitators: [{ name: 'Camille Martin' }, { name: 'Hélène Bérard' }],
  halfDays: [
    halfDay('2027-01-13', 'afternoon', "Plan d'action et bilan"),
    halfDay('2027-01-12', 'morning', 'Atelier Fresque du climat'),
    halfDay('2027-01-12', 'afternoon', 'Ordres de grandeur'),
    halfDay('2027-01-13', 'morning', "Leviers d'action"),
  ],
  participants: [
    { participantId: 'p-1', firstName: 'Éloïse', lastName: 'Lefèvre', email: 'eloise.lefevre@acme.example' },
    { participantId: 'p-2', firstName: 'Inès', lastName: 'Benali', email: 'ines.benali@acme.example' },
  ],
};

/** The sheet as a reader sees it: its text, and each signature table's rows of cell texts. */
async function read(bytes: Buffer) {
  const text = (await mammoth.extractRawText({ buffer: bytes })).value.replaceAll('\u00a0', ' ');
  const html = (await mammoth.convertToHtml({ buffer: bytes })).value;
  const tables = [...html.matchAll(/<table>(.*?)<\/table>/g)]
    .map((table) => table[1] ?? '')
    .filter((table) => table.includes('<th>'))
    .map((table) =>
      [...table.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) =>
        [...(row[1] ?? '').matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/g)].map((cell) =>
          (cell[1] ?? '').replace(/<\/p><p>/g, ' | ').replace(/<[^>]+>/g, ''),
        ),
      ),
    );
  return { text, tables };
}

/** Mammoth leaves page footers out: read the footer part of the package itself. */
function footerText(bytes: Buffer): string {
  const files = unzipSync(bytes);
  return Object.entries(files)
    .filter(([name]) => /^word\/footer\d+\.xml$/.test(name))
    .map(([, xml]) =>
      [...new TextDecoder().decode(xml).matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''),
    )
    .join('\n');
}

describe('attendance sheet', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('names the organiser, the mission and its client, and the session', async () => {
    const { text } = await read(await buildAttendanceSheet(training, SAMPLE_ORGANISATION));

    expect(text).toContain("Feuille d'émargement");
    expect(text).toContain(SAMPLE_ORGANISATION.settings.legalName);
    expect(text).toContain(SAMPLE_ORGANISATION.settings.address);
    expect(text).toContain(
      `N° de déclaration d'activité : ${SAMPLE_ORGANISATION.settings.trainingProviderNumber}`,
    );
    expect(text).toContain('Mission : Formation climat 2027');
    expect(text).toContain(`Réf. mission : ${training.missionId}`);
    expect(text).toContain('Client : Acme Industries SAS');
    expect(text).toContain('Formation : Comprendre et agir : les enjeux climatiques');
    expect(text).toContain('Dates : du 12/01/2027 au 13/01/2027');
    expect(text).toContain('Lieu : Salle Rhône, 45 quai Perrache, 69002 Lyon');
    expect(text).toContain('Animateur·ices : Camille Martin, Hélène Bérard');
  });

  it('names the funder and its agreement number, and no funder when the client pays', async () => {
    const funded = await read(
      await buildAttendanceSheet(
        {
          ...training,
          funding: {
            kind: 'opco',
            clientType: 'company',
            employer: 'Acme Industries SAS',
            agreementNumber: 'PEC-2027/0042',
          },
        },
        SAMPLE_ORGANISATION,
      ),
    );
    const paying = await read(
      await buildAttendanceSheet(
        {
          ...training,
          funding: {
            kind: 'client',
            clientType: 'company',
            employer: 'Acme Industries SAS',
            agreementNumber: null,
          },
        },
        SAMPLE_ORGANISATION,
      ),
    );

    expect(funded.text).toContain('Financement : OPCO');
    expect(funded.text).toContain('Accord de prise en charge n° : PEC-2027/0042');
    expect(paying.text).not.toContain('Financement');
  });

  it('takes the organiser it is given', async () => {
    const { text } = await read(
      await buildAttendanceSheet(training, {
        ...SAMPLE_ORGANISATION,
        settings: {
          ...SAMPLE_ORGANISATION.settings,
          legalName: 'Collectif Océan',
          address: '3 quai de la Fosse, 44000 Nantes',
          trainingProviderNumber: '52440000044',
        },
      }),
    );

    expect(text).toContain('Collectif Océan');
    expect(text).toContain('52440000044');
    expect(text).not.toContain(SAMPLE_ORGANISATION.settings.legalName);
  });

  it('gives each half-day its own signature column, in order, with its date, period, times and content', async () => {
    const { tables } = await read(await buildAttendanceSheet(training, SAMPLE_ORGANISATION));

    expect(tables).toHaveLength(1);
    expect(tables[0]?.[0]).toEqual([
      'Nom',
      'Prénom',
      'E-mail',
      '12/01/2027 | Matin · 09:00–12:30 | Atelier Fresque du climat',
      '12/01/2027 | Après-midi · 13:30–17:00 | Ordres de grandeur',
      "13/01/2027 | Matin · 09:00–12:30 | Leviers d'action",
      "13/01/2027 | Après-midi · 13:30–17:00 | Plan d'action et bilan",
    ]);
  });

  it("shows the times in the session's own time zone", async () => {
    const reunion: AttendanceSheetData = {
      ...training,
      timeZone: 'Indian/Reunion',
      halfDays: [
        {
          date: '2027-01-12',
          period: 'morning',
          startsAt: '2027-01-12T04:30:00Z',
          endsAt: '2027-01-12T08:00:00Z',
          content: 'Atelier',
        },
      ],
    };
    const { tables } = await read(await buildAttendanceSheet(reunion, SAMPLE_ORGANISATION));

    expect(tables[0]?.[0]?.[3]).toBe('12/01/2027 | Matin · 08:30–12:00 | Atelier');
  });

  it('has a row per participant, by last name, with an empty cell to sign for every half-day', async () => {
    const { tables } = await read(await buildAttendanceSheet(training, SAMPLE_ORGANISATION));

    expect(tables[0]?.slice(1, 3)).toEqual([
      ['BENALI', 'Inès', 'ines.benali@acme.example', '', '', '', ''],
      ['LEFÈVRE', 'Éloïse', 'eloise.lefevre@acme.example', '', '', '', ''],
    ]);
  });

  it('has every facilitator countersign every half-day', async () => {
    const { tables } = await read(await buildAttendanceSheet(training, SAMPLE_ORGANISATION));

    expect(tables[0]?.slice(-2)).toEqual([
      ["Signature de l'animateur·ice | Camille Martin", '', '', '', ''],
      ["Signature de l'animateur·ice | Hélène Bérard", '', '', '', ''],
    ]);
  });

  it('states on every page that each participant signs each half-day', async () => {
    const footer = footerText(await buildAttendanceSheet(training, SAMPLE_ORGANISATION));

    expect(footer).toContain('Chaque participant·e signe à chaque demi-journée');
    expect(footer).toContain(
      'les financeurs refusent une feuille signée une seule fois pour toute la période',
    );
  });

  it('leaves 15 blank rows to fill by hand when nobody registered in advance', async () => {
    const { tables } = await read(
      await buildAttendanceSheet({ ...training, participants: [] }, SAMPLE_ORGANISATION),
    );
    const rows = tables[0] ?? [];
    const participantRows = rows.slice(
      1,
      rows.findIndex((row) => row[0]?.startsWith('Contresignature')),
    );

    expect(BLANK_ROWS).toBe(15);
    expect(participantRows).toHaveLength(15);
    expect(participantRows.every((row) => row.length === 7 && row.every((cell) => cell === ''))).toBe(true);
  });

  it('goes on to another page, headed the same, beyond four half-days', async () => {
    const week = ['2027-04-05', '2027-04-06', '2027-04-07', '2027-04-08', '2027-04-09'].flatMap((date) => [
      halfDay(date, 'morning', `Matinée du ${date}`),
      halfDay(date, 'afternoon', `Après-midi du ${date}`),
    ]);
    const { text, tables } = await read(
      await buildAttendanceSheet({ ...training, halfDays: week }, SAMPLE_ORGANISATION),
    );

    expect(tables.map((table) => (table[0]?.length ?? 0) - 3)).toEqual([4, 4, 2]);
    expect(text).toContain('demi-journées 1 à 4 sur 10');
    expect(text).toContain('demi-journées 9 à 10 sur 10');
    expect(text.match(new RegExp(`Réf. mission : ${training.missionId}`, 'g'))).toHaveLength(3);
    expect(tables.every((table) => table.some((row) => row[0] === 'BENALI'))).toBe(true);
  });

  it('gives the same bytes for the same data, whenever it is built', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2027-01-10T08:00:00Z'));
    const first = await buildAttendanceSheet(training, SAMPLE_ORGANISATION);
    vi.setSystemTime(new Date('2027-02-20T17:31:07Z'));
    const again = await buildAttendanceSheet(training, SAMPLE_ORGANISATION);

    expect(again.equals(first)).toBe(true);
  });

  it('refuses a sheet without any half-day', async () => {
    await expect(buildAttendanceSheet({ ...training, halfDays: [] }, SAMPLE_ORGANISATION)).rejects.toThrow(
      RangeError,
    );
  });
});
