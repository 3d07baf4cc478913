import type { Random } from './random';
import type { Markings } from './workload-state';

/**
 * Invented but plausible case content for the workload: the people, places, businesses and money
 * channels of the trafficking and smuggling routes the background material describes.
 */
const NAMES = ['Nguyen Van An', 'Li Mei', 'Ana Popescu', 'Zhang Wei', 'Tran Thi Hoa', 'Ioana Dumitrescu', 'Chen Jie', 'Somchai Saelim', 'María López', 'Wang Fang', 'Đặng Thu Trang', 'Олена Коваль'];
const PLACES: Array<[string, string]> = [
  ['CN', 'Fuqing'],
  ['CN', 'Harbin'],
  ['VN', 'Nghệ An'],
  ['TH', 'Bangkok'],
  ['RO', 'Constanța'],
  ['RS', 'Belgrade'],
  ['TR', 'Istanbul'],
  ['AE', 'Dubai'],
  ['RU', 'Moscow'],
  ['FR', 'Paris'],
  ['ES', 'Madrid'],
  ['IT', 'Milano'],
  ['GB', 'London'],
];
const ORGANISATIONS: Array<[string, string]> = [
  ['Golden Lotus Wellness', 'PARLOUR'],
  ['Bright Horizon Recruitment', 'RECRUITMENT_AGENCY'],
  ['Silk Road Travel Service', 'TRAVEL_AGENCY'],
  ['Red Lantern Nail Bar', 'BUSINESS'],
  ['Eastern Star Logistics', 'BUSINESS'],
  ['Snakehead network "Fuzhou line"', 'CRIMINAL_GROUP'],
];
const CHANNELS = ['bank transfer', 'money remittance', 'cash courier', 'hawala', 'mobile wallet', 'cryptocurrency exchange'];
const CURRENCIES = ['EUR', 'USD', 'CNY', 'GBP', 'RON', 'THB', 'VND'];
const TITLES = [
  'Massage parlours recruiting through fake job offers',
  'Lorry crossings via the Balkan route',
  'Forced labour in nail bars',
  'Visa fraud through a travel agency',
  'Debt bondage of seasonal workers',
  'Identification of victims without documents',
];
const NOTES = [
  'Victim fears retaliation against family at home.',
  'Phone seized at the border; extraction pending.',
  'Payments match the recruitment fees victims reported.',
  'Same driver seen on three crossings.',
  'Témoin entendu le 12 ; déclaration concordante.',
  '受害人称在哈尔滨被招募。',
];

export function caseKind(random: Random): string {
  return random.weighted([
    ['TRAFFICKING', 5],
    ['SMUGGLING', 3],
    ['IDENTIFICATION', 2],
  ] as const);
}

export function caseMarkings(random: Random): Markings {
  const markings: Markings = { tlp: random.chance(0.6) ? 'AMBER' : 'GREEN', handling: random.chance(0.5) ? ['H0', 'H2'] : ['H0'] };
  if (random.chance(0.5)) markings.evaluation = { source: random.pick(['A', 'B', 'C', 'X']), information: random.pick(['NOT_IN_DOUBT', 'KNOWN_TO_SOURCE', 'CORROBORATED', 'NOT_CORROBORATED']) };
  return markings;
}

export function caseTitle(random: Random): string {
  return `${random.pick(TITLES)} (${random.pick(PLACES)[1]})`;
}

export function personName(random: Random): string {
  return random.pick(NAMES);
}

function place(random: Random): { country: string; city: string } {
  const [country, city] = random.pick(PLACES);
  return { country, city };
}

/** One of the five kinds of fact, as the mutation's name and its input (without case id and markings). */
export function factInput(random: Random): { mutation: 'recordPerson' | 'recordRoute' | 'recordOrganisation' | 'recordMoneyFlow' | 'addNote'; input: Record<string, unknown>; event: string } {
  switch (random.weighted([
    ['person', 4],
    ['route', 2],
    ['organisation', 1],
    ['money', 2],
    ['note', 3],
  ] as const)) {
    case 'person':
      return {
        mutation: 'recordPerson',
        event: 'PersonRecorded',
        input: {
          role: random.pick(['SUSPECT', 'VICTIM', 'WITNESS']),
          fullName: personName(random),
          dateOfBirth: `${random.integer(1960, 2006)}-${String(random.integer(1, 12)).padStart(2, '0')}`,
          nationality: random.pick(PLACES)[0],
          ...(random.chance(0.5) ? { phoneNumber: `+${random.integer(30, 86)}${random.integer(100000000, 999999999)}` } : {}),
          ...(random.chance(0.3) ? { address: `${random.integer(1, 200)} ${random.pick(['rue de la Paix', 'Calle Mayor', 'Via Roma', 'Strada Unirii'])}` } : {}),
        },
      };
    case 'route':
      return {
        mutation: 'recordRoute',
        event: 'RouteRecorded',
        input: { origin: place(random), transit: random.chance(0.6) ? [place(random)] : [], destination: place(random), method: random.pick(['AIR', 'LAND', 'SEA', 'MIXED', 'UNKNOWN']) },
      };
    case 'organisation': {
      const [name, kind] = random.pick(ORGANISATIONS);
      return { mutation: 'recordOrganisation', event: 'OrganisationRecorded', input: { name, kind, country: random.pick(PLACES)[0], address: `${random.integer(1, 99)} Market Street` } };
    }
    case 'money':
      return {
        mutation: 'recordMoneyFlow',
        event: 'MoneyFlowRecorded',
        input: {
          fromAccount: `FR76${random.integer(1000000000, 9999999999)}${random.integer(100000000, 999999999)}`,
          toAccount: `6222${random.integer(100000000, 999999999)}`,
          amount: random.integer(50, 25_000) + random.integer(0, 99) / 100,
          currency: random.pick(CURRENCIES),
          date: `2025-${String(random.integer(1, 12)).padStart(2, '0')}-${String(random.integer(1, 28)).padStart(2, '0')}`,
          channel: random.pick(CHANNELS),
        },
      };
    case 'note':
      return { mutation: 'addNote', event: 'NoteAdded', input: { text: random.pick(NOTES) } };
  }
}

export function clueSubject(random: Random, kind: string): string {
  if (kind === 'IDENTIFICATION_REQUEST') return `Please confirm the identity and nationality of a presumed victim found in ${random.pick(PLACES)[1]}`;
  if (kind === 'INFORMATION_REQUEST') return `Request for information on ${random.pick(ORGANISATIONS)[0]}`;
  return `Lead: recruiter active in ${random.pick(PLACES)[1]}`;
}
