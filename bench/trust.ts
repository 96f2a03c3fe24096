import type { SuperviseeRole } from '../src/shared/policy/roles.js';
// A fictional multi-academy trust for the bench. Every name is generated: schools are numbered
// ("Oakfield Trust School 07"), surnames are invented compounds ("Thistlecombe", "Sorrelmere"),
// addresses are under the reserved .example domain. No real people, schools or cases.

import type { UserRecord } from '../tools/m365-emulator/src/index.js';

export type TrustRole = 'principal' | 'dsl' | 'deputy-dsl' | 'head-of-year' | 'senco' | 'pastoral' | 'teaching-assistant';

/** A trust member in the shape `POST /_emulator/users` takes. */
export type TrustUser = UserRecord;

export interface TrustSchool {
  name: string;
  /** DSL and the two deputy DSLs: the supervisors, whose mailboxes the sessions are booked in. */
  supervisors: TrustUser[];
  supervisees: TrustUser[];
}

export interface Trust {
  name: string;
  schools: TrustSchool[];
  /** Everyone, principals included, in the shape `POST /_emulator/users` takes. */
  users: TrustUser[];
}

export const TRUST_DOMAIN = 'oakfield-trust.example';

const GIVEN = [
  'Amara',
  'Ben',
  'Chloe',
  'Dev',
  'Ellie',
  'Farid',
  'Gemma',
  'Harvey',
  'Isla',
  'Jonah',
  'Kemi',
  'Leo',
  'Maya',
  'Nathan',
  'Orla',
  'Pavel',
  'Queenie',
  'Rory',
  'Saanvi',
  'Theo',
  'Una',
  'Vikram',
  'Willa',
  'Xander',
  'Yara',
  'Zac',
  'Aisling',
  'Bilal',
  'Carys',
  'Dominic',
  'Esme',
  'Femi',
  'Georgia',
  'Hamza',
  'Imogen',
  'Jasper',
  'Keira',
  'Luca',
  'Mireille',
  'Niamh',
];
const SURNAME_HEAD = ['Thistle', 'Sorrel', 'Bracken', 'Quill', 'Wren', 'Tansy', 'Briar', 'Juniper', 'Linden', 'Hazel', 'Alder', 'Larch'];
const SURNAME_TAIL = ['combe', 'mere', 'holt', 'stead', 'gate', 'ridge', 'worth', 'dale', 'wick', 'field'];

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Deterministic GUID-shaped object ids: school in the second group, person in the last. */
const personId = (school: number, person: number) => `b7000000-00${pad(school, 2)}-4000-8000-${pad(person, 12)}`;

/** Per school: 5 heads of year, a SENCO, 14 pastoral staff and 30 teaching assistants (50 supervisees). */
const SUPERVISEE_POSTS: { role: TrustRole; jobTitle: string; department: string; count: number }[] = [
  { role: 'head-of-year', jobTitle: 'Head of Year', department: 'Pastoral', count: 5 },
  { role: 'senco', jobTitle: 'SENCO', department: 'Inclusion', count: 1 },
  { role: 'pastoral', jobTitle: 'Pastoral Support Worker', department: 'Pastoral', count: 14 },
  { role: 'teaching-assistant', jobTitle: 'Teaching Assistant', department: 'Inclusion', count: 30 },
];

export function buildTrust(schoolCount: number): Trust {
  const schools: TrustSchool[] = [];
  const users: TrustUser[] = [];
  const surnames = SURNAME_HEAD.flatMap((head) => SURNAME_TAIL.map((tail) => `${head}${tail}`));
  for (let s = 1; s <= schoolCount; s++) {
    const code = `s${pad(s, 2)}`;
    const schoolName = `Oakfield Trust School ${pad(s, 2)}`;
    let person = 0;
    const make = (jobTitle: string, department: string, managerId?: string): TrustUser => {
      person += 1;
      // Distinct names within a school: surnames are unique per school (120 > 54 staff).
      const givenName = GIVEN[(person * 7 + s * 3) % GIVEN.length] as string;
      const surname = surnames[(person + s * 13) % surnames.length] as string;
      const address = `${givenName}.${surname}.${code}`.toLowerCase() + `@${TRUST_DOMAIN}`;
      const u: TrustUser = {
        id: personId(s, person),
        displayName: `${givenName} ${surname}`,
        givenName,
        surname,
        jobTitle,
        department: `${department}, ${schoolName}`,
        mail: address,
        userPrincipalName: address,
        ...(managerId ? { managerId } : {}),
      };
      users.push(u);
      return u;
    };
    const principal = make('Principal', 'Leadership');
    const dsl = make('Designated Safeguarding Lead', 'Safeguarding', principal.id);
    const deputies = [make('Deputy Designated Safeguarding Lead', 'Safeguarding', dsl.id), make('Deputy Designated Safeguarding Lead', 'Safeguarding', dsl.id)];
    const supervisees: TrustUser[] = [];
    for (const post of SUPERVISEE_POSTS) {
      for (let i = 0; i < post.count; i++) {
        const title = post.role === 'head-of-year' ? `${post.jobTitle} ${7 + i}` : post.jobTitle;
        supervisees.push(make(title, post.department, dsl.id));
      }
    }
    schools.push({ name: schoolName, supervisors: [dsl, ...deputies], supervisees });
  }
  return { name: 'Oakfield Learning Trust', schools, users };
}

/** The supervision role of a fictional trust member, from their job title. */
export function superviseeRole(jobTitle: string): SuperviseeRole {
  if (jobTitle.startsWith('Head of Year')) return 'head-of-year';
  if (jobTitle === 'SENCO') return 'senco';
  if (jobTitle.startsWith('Pastoral')) return 'pastoral-lead';
  return 'teaching-assistant';
}
