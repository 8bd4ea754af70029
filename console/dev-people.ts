/**
 * The people the development sign-in page offers (never in production): one of the association's
 * staff and two coordinators. A mission shows up under "Mes missions" when its coordinator id is
 * one of these (create one with the staff token the dev stack prints).
 */
export interface DevPerson {
  subject: string;
  role: 'staff' | 'coordinator';
  name: string;
}

export const DEV_PEOPLE: DevPerson[] = [
  { subject: 'staff-dev', role: 'staff', name: 'Camille Bernard' },
  { subject: 'coord-alex', role: 'coordinator', name: 'Alex Durand' },
  { subject: 'coord-sam', role: 'coordinator', name: 'Sam Leroy' },
];
