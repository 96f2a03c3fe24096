import { FIRST_NAMES } from './first-names.js';

// The reminder to use initials or a case reference when an agenda item seems to name a child: a heuristic, never a block.

const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'sir', 'prof', 'dame', 'lady', 'lord', 'rev', 'revd']);

// Words that are not people's names: school, safeguarding (KCSIE terms, roles, agencies) and everyday words,
// months, days and subjects. A name pair needs two words neither of which is listed here. Common surnames
// ("Hall", "Wood", "Green", "Day") are left out even where they are also words.
const NOT_NAMES = new Set(
  (
    'a an and or of for to in on at with about from by the re ref i we my our your his her their this that these those it is are was be ' +
    'you me us he she they him them its hi hello dear thank thanks sorry yes no ok okay please ' +
    'any other business new update updates follow up next steps please discuss discussion review check chase note notes minutes query question issue issues ' +
    'worried worry worries concern concerns concerned urgent ongoing recent possible potential need needs how what when why who where can could should would will do does ' +
    'also then now again later afterwards however meanwhile finally firstly secondly lastly anyway separately still just not very really too more less ' +
    'much many some all both each every few most same such own only so than there here after before during since until while if because as but nor yet ' +
    'said says told tell tells has had have were did done went goes gone got get gets came come comes seems seem seemed looks look looked ' +
    'feels feel felt wants want wanted likes like liked keeps keep kept knows know knew thinks think thought asked asks spoke speak talk talked ' +
    'hit hurt cried upset scared missed left ran run lives live lived attended refused disclosed reported mentioned shared ' +
    'case cases child children pupil pupils student students young person people parent parents carer carers family families sibling siblings ' +
    'mum mums dad dads mother father grandparent grandparents nan gran grandma grandad aunt uncle cousin foster adoptive step stepdad stepmum ' +
    'boyfriend girlfriend friend friends peer peers ' +
    'year years head deputy assistant designated safeguarding lead leads officer team teams staff teacher teachers form tutor class group core ' +
    'school schools academy academies trust college nursery reception primary secondary sixth key stage ks1 ks2 ks3 ks4 ks5 send sen senco sendco ' +
    'online safety safer recruitment training policy policies procedure procedures early help plan plans protection meeting meetings conference strategy ' +
    'social care services service looked after mental health wellbeing workload supervision agenda action actions practice problem solving support development ' +
    'local authority police prevent channel attendance behaviour exclusion suspension referral referrals front door multi agency hub governors governor board ' +
    'keeping safe education working together operation encompass domestic abuse violence sexual harassment exploitation county lines criminal neglect ' +
    'free meals premium virtual trip residential sports open day evening evenings christmas easter half term autumn spring summer bank holiday inset ' +
    'training course cpd reflection reflections feedback share agree escalate escalation record records recording contract signed ' +
    // The audit's false alarms, and more safeguarding vocabulary in the same vein.
    'risk assessment assessments educational psychologist psychologists speech language therapy therapist therapists lunch duty forced marriage ' +
    'female male genital mutilation fgm first aid anti bullying cyberbullying week death overview panel alternative provision internet matters ' +
    'initial annual section enquiry enquiries missing home elective private fostering honour based modern slavery trafficking harmful ' +
    'behaviours relationships sex rse low level whistleblowing code conduct single central waiting list inspection readiness book world ' +
    'radicalisation extremism grooming sexting nudes upskirting self harm suicide suicidal ideation eating disorder anxiety depression bereavement ' +
    'loss grief substance misuse drugs alcohol vaping knife crime gang gangs serious youth offending contextual safeguard allegation allegations ' +
    'incident incidents hate racism racist homophobic transphobic equality diversity inclusion wider around contact visitor visitors volunteer ' +
    'volunteers supply induction refresher awareness disability disabilities special needs medical condition conditions ' +
    'nurse worker workers practitioner coordinator manager mentor counsellor paediatrician gp doctor visitor caseworker keyworker pastoral ' +
    'welfare chair clerk headteacher principal executive ceo trustee trustees gateway advice duty ' +
    'early ehcp ehc cin cp cpp lac cla pep iep tac taf mard kcsie wttsc dbs scr sar lscp lscb mascp cse cce hsb slt smt mat nhs cafcass yot ' +
    'yjs ewo ehe cme pru ap ta hlta fsm pp eal sdq caf nspcc lado camhs mash dsl ddsl ofsted cpoms myconcern childline kooth barnardos ' +
    'lesson lessons break breaktime lunchtime playground corridor canteen classroom detention isolation internal external permanent ' +
    'reintegration managed move hospital tuition timetable reduced part time registration register absence absences lateness persistent ' +
    'absent holidays assembly club clubs breakfast homework exam exams mock mocks gcse gcses sats btec results report reports ' +
    'consultation days parents fair concert nativity prom leavers trips visit visits camp swimming games uniform transport ' +
    'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun today tomorrow yesterday week weeks month ' +
    'england wales uk british english maths mathematics science biology chemistry physics art design technology dt food music pe pshe rshe ict ' +
    'computing history geography drama dance citizenship languages french spanish german media religious studies library ' +
    'microsoft teams outlook'
  ).split(' '),
);

// Endings of everyday words that are almost never surnames: 'Assessment', 'Provision', 'Psychologist', 'Inspection'.
const WORD_ENDINGS = ['tion', 'tions', 'sion', 'sions', 'ment', 'ments', 'ity', 'ities', 'ship', 'ology', 'ologist', 'ologists', 'apist', 'ism', 'ics', 'ous', 'ive'];

const GIVEN_NAMES: ReadonlySet<string> = new Set(FIRST_NAMES);

// 'Carter', "O'Neill", 'McDonald', 'Smith-Jones': a capital, then lower case, with inner capitals only after Mc, O' and hyphens.
// No two parts can match the same letters, so it cannot backtrack badly.
const NAME_WORD = /^\p{Lu}\p{Ll}*(?:['\u2019]?\p{Lu}\p{Ll}+)*(?:-\p{Lu}?\p{Ll}+(?:['\u2019]?\p{Lu}\p{Ll}+)*)*$/u;
const UPPER_WORD = /^\p{Lu}[\p{Lu}'\u2019-]*\p{Lu}$/u;
const LOWER_WORD = /^\p{Ll}[\p{Ll}'\u2019-]*$/u;
const EXPLICIT = [
  /\b(?:child|pupil|student|learner|girl|boy|son|daughter|sibling|brother|sister|baby|young person)\s+(?:is\s+)?(?:called|named)\b/i,
  /\b(?:his|her|their|the child['\u2019]?s?|the pupil['\u2019]?s?)\s+(?:full\s+)?name\s+is\b/i,
  /\bd\.?\s?o\.?\s?b\b/i,
  /\bdate of birth\b/i,
  /\bborn\s+(?:on\s+)?\d/i,
];

const OPENING = '("\'\u2018\u201c[';
const CLOSING = ')"\'\u2019\u201d],;:.!?';
const CLAUSE_END = ',;:.!?)]';

/** One word of an agenda item, read for the child-name reminder. */
interface Word {
  lower: string;
  /** 'title': "Carter", "O'Neill"; 'upper': "CARTER"; 'lower': "carter"; 'other': initials with digits, "9B", "-". */
  shape: 'title' | 'upper' | 'lower' | 'other';
  /** A common given name ("jamie", "chloe-mae"). */
  given: boolean;
  /** A title, a listed word, or a word with an everyday ending: not a name. */
  common: boolean;
  title: boolean;
  /** A single capital, as in "Jamie J. Carter" or "Chloe M Evans" ("I" and "A" only with a full stop). */
  initial: boolean;
  /** The token ends a clause (, ; : . ! ? ) ]): the next word does not pair with it, except as surname-first. */
  clauseEnd: boolean;
  comma: boolean;
}

function readWord(token: string): Word {
  let from = 0;
  let to = token.length;
  while (from < to && OPENING.includes(token.charAt(from))) from++;
  while (to > from && CLOSING.includes(token.charAt(to - 1))) to--;
  let text = token.slice(from, to);
  if (text.length > 2 && (text.endsWith("'s") || text.endsWith('\u2019s') || text.endsWith("'S") || text.endsWith('\u2019S'))) text = text.slice(0, -2);
  const lower = text.toLowerCase();
  const last = token.charAt(token.length - 1);
  const shape = NAME_WORD.test(text) && /\p{Ll}/u.test(text) ? 'title' : UPPER_WORD.test(text) ? 'upper' : LOWER_WORD.test(text) ? 'lower' : 'other';
  const title = TITLES.has(lower);
  const listed = title || NOT_NAMES.has(lower) || NOT_NAMES.has(lower.slice(lower.lastIndexOf('-') + 1));
  const given = !listed && (GIVEN_NAMES.has(lower) || lower.split('-').some((part) => GIVEN_NAMES.has(part)));
  const common = listed || (!given && WORD_ENDINGS.some((ending) => lower.endsWith(ending)));
  const initial = text.length === 1 && /\p{Lu}/u.test(text) && ((text !== 'I' && text !== 'A') || last === '.');
  return { lower, shape, given, common, title, initial, clauseEnd: CLAUSE_END.includes(last), comma: last === ',' };
}

/** Two words in a row that read as first name and surname. */
function isNamePair(first: Word, second: Word): boolean {
  if (first.common || second.common) return false;
  // "Jamie Carter", "Aisha Begum", "Harry O'Neill-Smith": two capitalised words, whether or not the first name is listed.
  if (first.shape === 'title' && second.shape === 'title') return true;
  // "jamie carter", "JAMIE CARTER": a listed first name, then a word in the same case that is not an everyday word
  // (in lower case: not a past tense or -ing verb, as in "jamie cried", "amy shouting").
  if (!first.given || second.lower.length < 2) return false;
  if (first.shape === 'upper' && second.shape === 'upper') return true;
  if (first.shape !== 'lower' || second.shape !== 'lower') return false;
  return second.given || !(second.lower.length >= 5 && (second.lower.endsWith('ed') || second.lower.endsWith('ing')));
}

/** "Carter, Jamie", "CARTER, JAMIE": a surname and a comma, then a listed first name in the same case (as school systems export names). */
function isSurnameFirst(surname: Word, first: Word): boolean {
  if (!surname.comma || surname.common || !first.given) return false;
  if (surname.shape === 'title' && first.shape === 'title') return true;
  return surname.shape === 'upper' && first.shape === 'upper' && surname.lower.length >= 3;
}

/**
 * True when an agenda item seems to name a child, so the bot can remind the person to use initials or a
 * case reference. A reminder only (nothing is blocked), so it leans towards saying nothing:
 * - a phrase such as "child called", "pupil named", "her name is", "DOB", "date of birth", "born 3…";
 * - or two capitalised words in a row ("Jamie Carter"), neither of them a common, school or safeguarding
 *   word, a month or a day, nor a word with an everyday ending ("Risk Assessment", "Alternative Provision",
 *   "Head of Year", "Monday March" are not names); a middle initial between them is read past ("Jamie J. Carter");
 * - or a common first name (first-names.ts) then a word in the same case that is not an everyday word
 *   ("jamie carter", "JAMIE CARTER"; not "jamie said", "jamie cried");
 * - or surname first, as school information systems export names: "Carter, Jamie", "CARTER, JAMIE".
 * A title covers the name words after it, up to the end of a clause: "Mr John Smith", "Mrs Evans", "Mrs Carter, …"
 * are members of staff and are not flagged. Initials ("AB", "JC in 9B"), case references and a first name on its
 * own ("Jamie") are not flagged. Dates alone are not read as dates of birth (they are mostly meeting dates).
 * Linear in the length of the text: no pattern here can backtrack badly.
 */
export function looksLikeChildName(text: string): boolean {
  if (EXPLICIT.some((r) => r.test(text))) return true;
  let previous: (Word & { covered: boolean }) | undefined;
  // A title was read, and only name words since, in the same clause.
  let afterTitle = false;
  for (const token of text.split(/\s+/)) {
    if (token === '') continue;
    const word = readWord(token);
    // A middle initial: read past it.
    if (word.initial && previous !== undefined && !previous.clauseEnd && previous.shape === 'title' && !previous.common) continue;
    const covered = afterTitle && !word.title;
    if (!covered && previous !== undefined) {
      if (!previous.clauseEnd && isNamePair(previous, word)) return true;
      if (!previous.covered && isSurnameFirst(previous, word)) return true;
    }
    if (word.title) afterTitle = true;
    else if (word.common || word.shape === 'other' || word.clauseEnd) afterTitle = false;
    previous = { ...word, covered };
  }
  return false;
}
