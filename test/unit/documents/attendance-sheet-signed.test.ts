/**
 * The attendance sheet of a session signed on phones: each signature's image with its time, in
 * the session's time zone, and each half-day's countersignature. Read back with mammoth, a real
 * docx reader, which hands the images back as they were stored.
 */
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { buildAttendanceSheet } from '../../../activities/documents/attendance-sheet.ts';
import type { AttendanceSheetData } from '../../../workflows/messages/documents.ts';
import type { HalfDay } from '../../../workflows/messages/domain.ts';
import { SAMPLE_ORGANISATION } from '../../support/organisation.ts';
import { signaturePng } from '../../support/png.ts';

const halfDay = (date: string, period: HalfDay['period']): HalfDay => {
  const [start, end] = period === 'morning' ? ['08:00', '11:30'] : ['12:30', '16:00'];
  return { date, period, startsAt: `${date}T${start}:00Z`, endsAt: `${date}T${end}:00Z`, content: 'PSC1' };
};

// Out of order on purpose: signatures name half-days by their index in this list.
const halfDays = [
  halfDay('2027-01-13', 'afternoon'),
  halfDay('2027-01-12', 'morning'),
  halfDay('2027-01-12', 'afternoon'),
  halfDay('2027-01-13', 'morning'),
];
const minutesAfterStart = (index: number, minutes: number) =>
  new Date(Date.parse(halfDays[index]?.startsAt ?? '') + minutes * 60_000).toISOString();

const images = new Map<string, Buffer>();
const signature = (participantId: string, halfDayIndex: number, minutes: number) => {
  const signatureId = `${participantId}-${halfDayIndex}`;
  images.set(signatureId, signaturePng(300, 100, images.size));
  return { participantId, halfDayIndex, signatureId, signedAt: minutesAfterStart(halfDayIndex, minutes) };
};
const countersignature = (halfDayIndex: number) => {
  const signatureId = `counter-${halfDayIndex}`;
  images.set(signatureId, signaturePng(400, 120, images.size));
  return {
    halfDayIndex,
    facilitatorName: 'Camille Martin',
    signatureId,
    signedAt: minutesAfterStart(halfDayIndex, 200),
  };
};

const signed: AttendanceSheetData = {
  missionId: '5b0e1f7a-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
  missionTitle: 'Formation premiers secours',
  clientName: 'Acme Industries SAS',
  sessionId: '9c8b7a6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
  sessionTitle: 'PSC1',
  kind: 'training',
  place: 'Lyon',
  timeZone: 'Europe/Paris',
  facilitators: [{ name: 'Camille Martin' }, { name: 'Hélène Bérard' }],
  halfDays,
  participants: [
    { participantId: 'p-1', firstName: 'Éloïse', lastName: 'Lefèvre', email: 'e@acme.example' },
    { participantId: 'p-2', firstName: 'Inès', lastName: 'Benali', email: 'i@acme.example' },
  ],
  signing: {
    signatures: [
      signature('p-1', 1, 5),
      signature('p-1', 2, 3),
      signature('p-1', 3, 12),
      signature('p-1', 0, 1),
      // Inès did not sign the afternoon of the second day (half-day 0).
      signature('p-2', 1, 7),
      signature('p-2', 2, 4),
      signature('p-2', 3, 9),
    ],
    countersignatures: [countersignature(1), countersignature(2), countersignature(3), countersignature(0)],
  },
};

/** Rows of the signature table: each cell's text, and the images it holds (their bytes). */
async function read(bytes: Buffer) {
  const html = (await mammoth.convertToHtml({ buffer: bytes })).value;
  const table = [...html.matchAll(/<table>(.*?)<\/table>/g)]
    .map((match) => match[1] ?? '')
    .find((candidate) => candidate.includes('<th>'));
  return [...(table ?? '').matchAll(/<tr>(.*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/g)].map((cell) => ({
      text: (cell[1] ?? '')
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
      images: [...(cell[1] ?? '').matchAll(/src="data:image\/png;base64,([^"]+)"/g)].map((image) =>
        Buffer.from(image[1] ?? '', 'base64'),
      ),
    })),
  );
}

describe('attendance sheet signed on phones', () => {
  it("shows each participant's signature with its time, Paris time, in its half-day's column", async () => {
    const rows = await read(await buildAttendanceSheet(signed, SAMPLE_ORGANISATION, images));
    const benali = rows.find((row) => row[0]?.text === 'BENALI')?.slice(3) ?? [];
    const lefevre = rows.find((row) => row[0]?.text === 'LEFÈVRE')?.slice(3) ?? [];

    // Columns in time order: 12 morning (index 1), 12 afternoon (2), 13 morning (3), 13 afternoon (0).
    expect(lefevre.map((cell) => cell.text)).toEqual([
      'Signé à 09:05',
      'Signé à 13:33',
      'Signé à 09:12',
      'Signé à 13:31',
    ]);
    // The last afternoon is countersigned without Benali's signature: the sheet says she was absent.
    expect(benali.map((cell) => cell.text)).toEqual([
      'Signé à 09:07',
      'Signé à 13:34',
      'Signé à 09:09',
      'Absent·e (pas de signature)',
    ]);
    expect(benali.map((cell) => cell.images.length)).toEqual([1, 1, 1, 0]);
    expect(benali[0]?.images[0]?.equals(images.get('p-2-1') ?? Buffer.alloc(0))).toBe(true);
    expect(lefevre[3]?.images[0]?.equals(images.get('p-1-0') ?? Buffer.alloc(0))).toBe(true);
  });

  it("puts each half-day's countersignature on its facilitator's row", async () => {
    const rows = await read(await buildAttendanceSheet(signed, SAMPLE_ORGANISATION, images));
    const camille = rows.find((row) => row[0]?.text.includes('Camille Martin'))?.slice(1) ?? [];
    const helene = rows.find((row) => row[0]?.text.includes('Hélène Bérard'))?.slice(1) ?? [];

    expect(camille.map((cell) => cell.text)).toEqual([
      'Signé à 12:20',
      'Signé à 16:50',
      'Signé à 12:20',
      'Signé à 16:50',
    ]);
    expect(camille.every((cell) => cell.images.length === 1)).toBe(true);
    expect(camille[0]?.images[0]?.equals(images.get('counter-1') ?? Buffer.alloc(0))).toBe(true);
    expect(helene.map((cell) => cell.text)).toEqual(['', '', '', '']);
  });

  it('says a signature is recorded even when its image cannot be found', async () => {
    const rows = await read(await buildAttendanceSheet(signed, SAMPLE_ORGANISATION, new Map()));
    const benali = rows.find((row) => row[0]?.text === 'BENALI')?.slice(3) ?? [];

    expect(benali[0]?.text).toBe('Signé à 09:07 (image indisponible)');
    expect(benali[0]?.images).toEqual([]);
  });
});
