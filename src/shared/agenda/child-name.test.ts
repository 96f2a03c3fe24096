import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AGENDA_ITEM_MAX_LENGTH } from './agenda.js';
import { looksLikeChildName } from './child-name.js';
import { FIRST_NAMES } from './first-names.js';

// The audit of the child-name reminder: names it missed, and everyday safeguarding phrases it alarmed on.
describe('looksLikeChildName: the audit', () => {
  it.each([
    // Misses: lower case, all capitals, surname first (as school information systems export names), a middle initial.
    'jamie carter',
    'JAMIE CARTER',
    'Carter, Jamie',
    'Jamie J. Carter',
    // More of the same.
    'worried about jamie carter in 9b',
    'WORRIED ABOUT JAMIE CARTER IN 9B',
    'CARTER, JAMIE (9B) attendance',
    'Update: Carter, Jamie - attendance',
    "Carter, Jamie's plan",
    'Evans, Chloe and Carter, Jamie',
    "amy o'neill disclosed at break",
    'chloe-mae evans',
    'Aisha Begum missed PE again',
    'Jamie Carter in 9B',
    'Chloe M Evans',
    'Mr Smith says Jamie Carter was upset',
    'Mrs Carter, then Jamie Evans',
  ])('flags %j', (text) => {
    expect(looksLikeChildName(text)).toBe(true);
  });

  it.each([
    // False alarms: safeguarding and school vocabulary in title case.
    'Risk Assessment',
    'Educational Psychologist',
    'Speech Therapy',
    'Thank You',
    'Lunch Duty',
    'Forced Marriage',
    'Female Genital Mutilation',
    'Mental Health First Aid',
    'Anti Bullying Week',
    'Child Death Overview Panel',
    'Alternative Provision',
    'Internet Matters',
    // More of the same.
    'Early Help Assessment for AB',
    'Team Around the Family',
    'Designated Teacher for LAC',
    'Virtual School Head asked about the PEP',
    'Child Protection Conference on Thursday',
    'Initial Child Protection Conference',
    'Section 47 Enquiry',
    'Children Missing Education',
    'Elective Home Education',
    'Young Carers',
    'Private Fostering',
    'Honour Based Abuse',
    'Child on Child Abuse',
    'Harmful Sexual Behaviour',
    'Modern Slavery',
    'Missing From Home',
    'Social Worker visit',
    'Family Support Worker',
    'School Nurse drop in',
    'Low Level Concerns',
    'Whistleblowing Policy',
    'Staff Code of Conduct',
    'Relationships and Sex Education',
    'Parents Evening',
    'Sports Day',
    'World Book Day',
    'Mental Health Lead',
    'Bereavement Support',
    'Think U Know',
    'DSL and SENCO meeting',
    'EHCP Annual Review',
    'CIN meeting Tuesday',
    'CP Plan review',
    'LADO Referral',
    'CAMHS Waiting List',
    'MASH Referral Outcome',
    'Ofsted Inspection Readiness',
    'Year 9 Parents Evening',
    'Form 9B',
    // Initials, case references, a first name alone, staff with a title.
    'JC in 9B',
    'case ref 24-117',
    'Case Ref 24-117',
    'Mr Smith',
    'Mr. Smith to chase',
    'Miss Jones and Mrs Evans',
    "Mrs Carter, Jamie's form tutor",
    'Dr Patel (Educational Psychologist)',
    'Worried about Jamie',
    'jamie said he was hit at break',
    'jamie was upset and missed lunch',
    'amy told her tutor',
    'SAM TO CALL LADO',
    'AMY SAID SHE WAS SCARED',
    'At break, Jamie said he was scared',
    'Thanks, Jamie',
    'Afterwards, Jamie went home',
    'Jamie I think is fine',
    'Worried about JC. I think it is neglect',
  ])('does not flag %j', (text) => {
    expect(looksLikeChildName(text)).toBe(false);
  });
});

describe('first names list', () => {
  it('is a few hundred lower-case given names, with no duplicates', () => {
    expect(FIRST_NAMES.length).toBeGreaterThanOrEqual(200);
    expect(new Set(FIRST_NAMES).size).toBe(FIRST_NAMES.length);
    for (const name of FIRST_NAMES) expect(name).toMatch(/^[a-z][a-z'-]*[a-z]$/);
  });
});

describe('looksLikeChildName: any text', () => {
  it('answers any text of up to 500 characters, quickly', { timeout: 5000 }, () => {
    const tricky = fc.constantFrom('A', 'a', 'J', 'Jamie', ' ', ',', '.', "'", '-', '\u2019', '(', ')', 'Carter', 'DOB', 'born', '9', 'É', 'é');
    const text = fc.oneof(
      fc.string({ maxLength: AGENDA_ITEM_MAX_LENGTH }),
      fc.string({ unit: 'grapheme', maxLength: AGENDA_ITEM_MAX_LENGTH }),
      fc.array(tricky, { maxLength: 200 }).map((parts) => parts.join('').slice(0, AGENDA_ITEM_MAX_LENGTH)),
    );
    fc.assert(
      fc.property(text, (t) => {
        expect(typeof looksLikeChildName(t)).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['a name word repeated', 'Aa'.repeat(250)],
    ['apostrophes then a letter', `${"'".repeat(499)}x`],
    ['hyphens and capitals', 'A-'.repeat(250)],
    ['brackets and quotes', `${'("'.repeat(249)}Jo`],
    ['closing punctuation, then a letter', `J${').,;'.repeat(124)}x`],
    ['capitals and apostrophes', "O'".repeat(250)],
    ['one long word', `${'Jamie'.repeat(99)}Carte`],
    ['many short names', 'Jo Al '.repeat(83)],
  ])('answers %s (500 characters) quickly', { timeout: 1000 }, (_, text) => {
    expect(text.length).toBeLessThanOrEqual(AGENDA_ITEM_MAX_LENGTH);
    for (let i = 0; i < 200; i++) looksLikeChildName(text);
  });
});
