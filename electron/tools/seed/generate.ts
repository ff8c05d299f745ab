import type Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect } from 'kysely';
import type { DatabaseSchema } from '../../../db/schema';
import {
  beneficiaryFields,
  type BeneficiaryFields,
  type BeneficiaryFieldsInput,
  type HOUSEHOLD_RELATIONS,
  NEEDS,
  type PRISONER_RELATIONS,
  type PRISONER_STATUSES,
} from '../../api/beneficiaries';
import { contract } from '../../api/contract';
import { withSaudiCheckDigit } from '../../api/fields/saudi-id';
import { insertBeneficiary } from '../../services/beneficiaries/service';
import { SYSTEM_USER_ID } from '../../services/context';
import { appendDecision } from '../../services/eligibility/service';
import {
  createRng,
  FEMALE_NAMES,
  latinOf,
  MALE_NAMES,
  type NameEntry,
  pickerWithWeights,
  RESIDENT_FAMILY_NAMES,
  RESIDENT_NATIONALITIES,
  type Rng,
  SAUDI_FAMILY_NAMES,
  spellingOf,
  weightedPicker,
} from './names';

/**
 * Synthetic beneficiaries for demos and benchmarks. People come in families: a prisoner (or a
 * released prisoner) and the relatives who turn to the association because of him, so fathers,
 * grandfathers and family names are shared the way they are in a real registry. Everything is
 * drawn from a seeded PRNG: the same count and seed always give the same people.
 */

type PrisonerRelation = (typeof PRISONER_RELATIONS)[number];
type PrisonerStatus = (typeof PRISONER_STATUSES)[number];
type HouseholdRelation = (typeof HOUSEHOLD_RELATIONS)[number];

export interface GeneratedDecision {
  inScope: boolean;
  legalResident: boolean;
  receivesServices: boolean;
  outcome: 'eligible' | 'not_eligible';
  reason: string | null;
  decidedAt: Date;
}

export interface GeneratedBeneficiary {
  /** What an officer typed in the registration form (phones and IDs in the forms people write them). */
  input: BeneficiaryFieldsInput;
  /** `beneficiaryFields.parse(input)`: what the services store. */
  fields: BeneficiaryFields;
  /** When the person was registered; ascending over the generated sequence. */
  registeredAt: Date;
  /** The eligibility decision made after registration, for about 60% of people. */
  decision: GeneratedDecision | null;
}

export interface GenerateOptions {
  /** The ids of the real districts (`lookups.districts`); people live mostly in the first ones. */
  districtIds: readonly string[];
  /** The registration period; by default the two years up to now. */
  from?: Date;
  to?: Date;
  /** ID numbers already taken (e.g. in a database being topped up): never generated again. */
  takenIdNumbers?: Iterable<string>;
}

const DAY = 86_400_000;
const DECISION_SHARE = 0.6;

/** `count` valid beneficiaries, each already run through `beneficiaryFields.parse`. */
export function* generateBeneficiaries(
  count: number,
  seed: number,
  options: GenerateOptions,
): Generator<GeneratedBeneficiary> {
  if (!Number.isInteger(count) || count < 0) throw new Error(`count must be a whole number, not ${count}`);
  const rng = createRng(seed);
  const to = options.to ?? new Date();
  const from = options.from ?? new Date(to.getTime() - 730 * DAY);
  const span = to.getTime() - from.getTime();
  const world = new World(rng, options);

  let pending: PersonSpec[] = [];
  for (let index = 0; index < count; index += 1) {
    if (pending.length === 0) pending = world.family();
    const person = pending.shift() as PersonSpec;
    // Spread evenly over the period, in order, so file numbers follow registration dates.
    const registeredAt = new Date(from.getTime() + Math.floor(((index + rng.next()) / count) * span));
    const input = world.formOf(person, registeredAt);
    const parsed = beneficiaryFields.safeParse(input);
    if (!parsed.success) {
      throw new Error(`The generator made an invalid beneficiary: ${JSON.stringify(parsed.error.issues)} in ${JSON.stringify(input)}`);
    }
    yield { input, fields: parsed.data, registeredAt, decision: world.decisionFor(person, registeredAt, to) };
  }
}

// -------------------------------------------------------------------------------------------------
// Writing to a database
// -------------------------------------------------------------------------------------------------

export interface SeedOptions extends GenerateOptions {
  count: number;
  seed: number;
  /** Beneficiaries per transaction (10,000 by default). */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
  /** Called for every person written, with their new id. */
  onInserted?: (person: GeneratedBeneficiary, id: string) => void;
}

export interface SeedReport {
  beneficiaries: number;
  decisions: number;
}

/**
 * Writes generated beneficiaries through the service (`insertBeneficiary`, `appendDecision`), one
 * transaction per batch, each row stamped with its own registration or decision time.
 *
 * For speed it talks to `sqlite` through a Kysely of its own that reuses prepared statements
 * (Kysely's SQLite driver prepares every statement afresh: 17% of the time) and gives SQLite a
 * larger page cache while it loads (the default 2 MB makes every index insert decrypt pages
 * again); the connection's cache size is restored afterwards.
 */
export async function seedBeneficiaries(sqlite: Database.Database, options: SeedOptions): Promise<SeedReport> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const people = generateBeneficiaries(options.count, options.seed, options);
  const report: SeedReport = { beneficiaries: 0, decisions: 0 };
  const recordDecision = contract['eligibility.record'].input;
  const db = new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number;
  sqlite.pragma(`cache_size = ${LOADING_CACHE_KIB}`);
  try {
    while (report.beneficiaries < options.count) {
      await db.transaction().execute(async (trx) => {
        for (let inBatch = 0; inBatch < batchSize; inBatch += 1) {
          const next = people.next();
          if (next.done) return;
          const person = next.value;
          const id = await insertBeneficiary(trx, person.fields, { actorId: SYSTEM_USER_ID, now: person.registeredAt });
          if (person.decision) {
            const { decidedAt, ...criteria } = person.decision;
            const input = recordDecision.parse({ beneficiaryId: id, ...criteria });
            await appendDecision(trx, input, { actorId: SYSTEM_USER_ID, now: decidedAt });
            report.decisions += 1;
          }
          report.beneficiaries += 1;
          options.onInserted?.(person, id);
          if (report.beneficiaries % PROGRESS_EVERY === 0) options.onProgress?.(report.beneficiaries, options.count);
        }
      });
    }
    if (report.beneficiaries % PROGRESS_EVERY !== 0) options.onProgress?.(report.beneficiaries, options.count);
  } finally {
    sqlite.pragma(`cache_size = ${cacheSize}`);
    await db.destroy(); // drops the cached statements; the connection stays open
  }
  return report;
}

/**
 * Every commit re-encrypts and rewrites nearly every leaf page of the name, ID and phone indexes
 * (the keys are random, so a batch touches most of them), about 0.6–0.8 s per commit at 100,000
 * people whatever the batch size: 10,000 per batch spends 8 s on commits where 2,000 spent 28 s.
 */
const DEFAULT_BATCH = 10_000;
const PROGRESS_EVERY = 2_000;

/** 256 MiB, in SQLite's negative-KiB form. */
const LOADING_CACHE_KIB = -262_144;

/**
 * The database as Kysely's SQLite dialect sees it, preparing each distinct SQL text once. Closing
 * it leaves the connection open: its owner closes it.
 */
function withStatementCache(sqlite: Database.Database) {
  const statements = new Map<string, Database.Statement>();
  return {
    prepare(text: string) {
      let statement = statements.get(text);
      if (!statement) {
        statement = sqlite.prepare(text);
        statements.set(text, statement);
      }
      return statement;
    },
    close() {
      statements.clear();
    },
  };
}

// -------------------------------------------------------------------------------------------------
// The people
// -------------------------------------------------------------------------------------------------

interface Name {
  first: NameEntry;
  father: NameEntry;
  grandfather: NameEntry;
  family: NameEntry;
}

interface Anchor extends Name {
  gender: 'male' | 'female';
  birthYear: number;
  status: PrisonerStatus;
  facility: string | null;
  /** The prisoner's name as the relatives' files give it. */
  writtenName: string;
  phones: string[];
  districtIndex: number;
}

interface PersonSpec extends Name {
  gender: 'male' | 'female';
  birthYear: number;
  saudi: boolean;
  nationality: string;
  category: 'prisoner' | 'released_prisoner' | 'family_member';
  relation: PrisonerRelation;
  anchor: Anchor;
  phones: string[];
  districtIndex: number;
  /** For a wife: her husband, the father of the children in her household. */
  spouse: Name | null;
}

const pickMale = weightedPicker(MALE_NAMES, 2, 1);
const pickFemale = weightedPicker(FEMALE_NAMES, 2, 1);
const pickSaudiFamily = weightedPicker(SAUDI_FAMILY_NAMES, 8, 1.15);
const pickNationality = pickerWithWeights(RESIDENT_NATIONALITIES);
const residentFamilyPickers = new Map(
  Object.entries(RESIDENT_FAMILY_NAMES).map(([code, names]) => [code, weightedPicker(names, 1, 0.8)]),
);

const pickFacility = pickerWithWeights<string>([
  ['إصلاحية الأحساء', 70],
  ['إصلاحية الدمام', 14],
  ['سجن المباحث العامة بالدمام', 6],
  ['إصلاحية الحائر بالرياض', 4],
  ['دار الملاحظة الاجتماعية بالأحساء', 6],
]);

const pickMobilePrefix = pickerWithWeights<string>([
  ['50', 24], ['53', 10], ['54', 14], ['55', 20], ['56', 12], ['57', 4], ['58', 6], ['59', 10],
]);

const pickRelation = pickerWithWeights<PrisonerRelation>([
  ['wife', 34], ['mother', 15], ['father', 7], ['son', 13], ['daughter', 10], ['brother', 12], ['sister', 7], ['other', 2],
]);

const ONCE = new Set<PrisonerRelation>(['wife', 'husband', 'mother', 'father']);

const pickRelativeCount = pickerWithWeights<number>([[0, 40], [1, 35], [2, 20], [3, 5]]);

const NEIGHBOURHOODS = [
  'النعاثل', 'الصالحية', 'المزروعية', 'الراشدية', 'محاسن', 'الخالدية', 'الفاضلية', 'الرفعة', 'عين موسى',
  'المحمدية', 'السلمانية', 'الكوت', 'الرقيقة', 'الحزم', 'العزيزية', 'الجامعيين', 'المنصورة', 'الشهابية',
  'الثليثية', 'العسيلة', 'البستان', 'الملك فهد', 'اليحيى', 'الروضة',
];

const NEEDS_NOTES = [
  'الأسرة بلا عائل بعد توقيف رب الأسرة',
  'متأخرات إيجار لثلاثة أشهر',
  'يحتاج الأبناء إلى مستلزمات مدرسية',
  'يرغب في برنامج تأهيل مهني بعد الإفراج',
  'الأم تعاني من مرض مزمن وتحتاج متابعة علاجية',
  'طلب مساعدة في سداد فاتورة الكهرباء',
  'بحاجة إلى استشارة قانونية بشأن الحكم',
  'يحتاج إلى جلسات إرشاد أسري',
];

const NOTES = [
  'يفضل التواصل في الفترة المسائية',
  'تمت الزيارة المنزلية من الباحث الاجتماعي',
  'محال من إدارة الإصلاحية',
  'راجع الجمعية بنفسه',
  'الأسرة تسكن مع أقارب',
  'تم التحقق من المستندات الأصلية',
];

const NOT_ELIGIBLE: ReadonlyArray<{ failing: 'inScope' | 'legalResident' | 'receivesServices'; reason: string; residentsOnly?: boolean }> = [
  { failing: 'inScope', reason: 'يقيم خارج نطاق خدمة الجمعية في محافظة الأحساء' },
  { failing: 'inScope', reason: 'مضى على الإفراج أكثر من المدة التي تشملها برامج الجمعية' },
  { failing: 'inScope', reason: 'الحالة لا تندرج ضمن الفئات المستهدفة في سياسة الجمعية' },
  { failing: 'legalResident', reason: 'الإقامة منتهية ولم تُجدد', residentsOnly: true },
  { failing: 'legalResident', reason: 'لا توجد إقامة نظامية سارية', residentsOnly: true },
  { failing: 'receivesServices', reason: 'لم يستكمل المستندات المطلوبة رغم التواصل معه' },
  { failing: 'receivesServices', reason: 'يتلقى الدعم نفسه من جهة أخرى' },
  { failing: 'receivesServices', reason: 'اعتذر عن الاستفادة من برامج الجمعية' },
];

const ELIGIBLE_REASONS = [null, null, 'استوفى معايير الأحقية', 'تمت دراسة الحالة ميدانياً', 'أوصى الباحث الاجتماعي بقبول الحالة'];

const ARABIC_INDIC = '٠١٢٣٤٥٦٧٨٩';
const toArabicIndic = (digits: string): string => digits.replace(/\d/g, (digit) => ARABIC_INDIC[Number(digit)] as string);

class World {
  private readonly takenIds: Set<string>;
  private readonly pickDistrict: ((rng: Rng) => number) | null;

  constructor(
    private readonly rng: Rng,
    private readonly options: GenerateOptions,
  ) {
    this.takenIds = new Set(options.takenIdNumbers ?? []);
    this.pickDistrict =
      options.districtIds.length > 0 ? weightedPicker(options.districtIds.map((_, index) => index), 1.5, 1.1) : null;
  }

  /** A prisoner and the members of his family who are registered, in registration order. */
  family(): PersonSpec[] {
    const { rng } = this;
    const saudi = rng.chance(0.85);
    const nationality = saudi ? 'SA' : pickNationality(rng);
    const pickFamily = saudi ? pickSaudiFamily : (residentFamilyPickers.get(nationality) as (rng: Rng) => NameEntry);
    const gender = rng.chance(0.05) ? 'female' : 'male';
    const father = pickMale(rng);
    // Naming a son after his grandfather is common: محمد عبدالله محمد.
    const grandfather = rng.chance(0.1) ? this.distinctMale(father) : pickMale(rng);
    const first = gender === 'male' ? (rng.chance(0.12) ? grandfather : this.distinctMale(father)) : pickFemale(rng);
    const family = pickFamily(rng);
    const birthYear = this.birthYear(1962, 1999, 1984);
    const released = rng.chance(0.6);
    const status: PrisonerStatus = released ? 'released' : rng.chance(0.35) ? 'awaiting_trial' : 'serving_sentence';
    const facility = !released || rng.chance(0.7) ? pickFacility(rng) : null;
    // Objects are built field by field: spreading into these wide literals made generation twice as slow.
    const anchor: Anchor = {
      first,
      father,
      grandfather,
      family,
      gender,
      birthYear,
      status,
      facility,
      writtenName: this.written({ first, father, grandfather, family }),
      phones: this.mobiles(),
      districtIndex: this.district(),
    };

    const people: PersonSpec[] = [];
    if (rng.chance(0.9)) {
      people.push({
        first, father, grandfather, family, gender, birthYear, saudi, nationality, anchor,
        category: released ? 'released_prisoner' : 'prisoner',
        relation: 'self',
        phones: anchor.phones,
        districtIndex: anchor.districtIndex,
        spouse: null,
      });
    }
    const relatives = pickRelativeCount(rng);
    const used = new Set<PrisonerRelation>();
    const usedFirstNames = new Set<NameEntry>([first]);
    for (let made = 0; made < relatives; made += 1) people.push(this.relative(anchor, saudi, nationality, used, usedFirstNames));
    if (people.length === 0) return this.family();
    return people;
  }

  private relative(
    anchor: Anchor,
    saudi: boolean,
    nationality: string,
    used: Set<PrisonerRelation>,
    usedFirstNames: Set<NameEntry>,
  ): PersonSpec {
    const { rng } = this;
    let relation = pickRelation(rng);
    if (anchor.gender === 'female' && relation === 'wife') relation = 'husband';
    if (ONCE.has(relation) && used.has(relation)) relation = rng.chance(0.5) ? 'brother' : 'sister';
    // Children old enough to come to the desk themselves (born by 2008).
    if ((relation === 'son' || relation === 'daughter') && anchor.birthYear + 20 > 2008) relation = 'brother';
    if ((relation === 'mother' || relation === 'father') && anchor.birthYear < 1972 && rng.chance(0.7)) relation = 'sister';
    used.add(relation);

    const newFirst = (gender: 'male' | 'female'): NameEntry => {
      for (let attempt = 0; attempt < 10; attempt += 1) {
        const candidate = gender === 'male' ? pickMale(rng) : pickFemale(rng);
        if (!usedFirstNames.has(candidate) && candidate !== anchor.father) {
          usedFirstNames.add(candidate);
          return candidate;
        }
      }
      return gender === 'male' ? pickMale(rng) : pickFemale(rng);
    };
    // Wives and mothers often come from the same family (or clan) as the prisoner.
    const marriedInto = (): NameEntry => (rng.chance(0.45) ? anchor.family : this.otherFamilyLike(anchor.family));

    let first: NameEntry;
    let father: NameEntry;
    let grandfather: NameEntry;
    let family = anchor.family;
    let gender: 'male' | 'female';
    let birthYear: number;
    let spouse: Name | null = null;
    switch (relation) {
      case 'wife':
      case 'husband':
      case 'mother':
        gender = relation === 'husband' ? 'male' : 'female';
        first = newFirst(gender);
        father = pickMale(rng);
        grandfather = pickMale(rng);
        family = marriedInto();
        birthYear =
          relation === 'wife' ? anchor.birthYear + rng.int(-2, 12)
            : relation === 'husband' ? anchor.birthYear - rng.int(0, 10)
              : anchor.birthYear - rng.int(18, 38);
        if (relation === 'wife') spouse = anchor;
        break;
      case 'father':
        gender = 'male';
        first = anchor.father;
        father = anchor.grandfather;
        grandfather = pickMale(rng);
        birthYear = anchor.birthYear - rng.int(20, 40);
        break;
      case 'son':
      case 'daughter':
        gender = relation === 'son' ? 'male' : 'female';
        first = newFirst(gender);
        father = anchor.first;
        grandfather = anchor.father;
        birthYear = Math.min(2008, anchor.birthYear + rng.int(20, 32));
        break;
      default:
        // Brothers, sisters, and cousins ('other'), who share only the grandfather.
        gender = relation === 'sister' ? 'female' : 'male';
        first = newFirst(gender);
        father = relation === 'other' ? pickMale(rng) : anchor.father;
        grandfather = anchor.grandfather;
        birthYear = anchor.birthYear + rng.int(-12, 12);
    }
    return {
      first, father, grandfather, family, gender, saudi, nationality, anchor, relation, spouse,
      birthYear: Math.min(2010, Math.max(1950, birthYear)),
      category: 'family_member',
      // A quarter give the household's number (the prisoner's) before their own.
      phones: rng.chance(0.25) ? [anchor.phones[0] as string, ...this.mobiles().slice(0, 1)] : this.mobiles(),
      districtIndex: rng.chance(0.85) ? anchor.districtIndex : this.district(),
    };
  }

  /** The registration form as an officer would fill it in for this person. */
  formOf(person: PersonSpec, registeredAt: Date): BeneficiaryFieldsInput {
    const { rng } = this;
    const idType = person.saudi ? 'national_id' : 'iqama';
    const idNumber = this.idNumber(person.saudi);
    const parts = {
      firstName: spellingOf(person.first, rng),
      fatherName: spellingOf(person.father, rng),
      grandfatherName: spellingOf(person.grandfather, rng),
      familyName: spellingOf(person.family, rng, 0.8),
    };
    const consentDate = isoDate(new Date(registeredAt.getTime() - (rng.chance(0.8) ? 0 : rng.int(1, 5)) * DAY));
    const selfOrRelative = person.relation === 'self';
    const needs = this.needs();
    return {
      firstName: parts.firstName,
      fatherName: parts.fatherName,
      grandfatherName: parts.grandfatherName,
      familyName: parts.familyName,
      latinName: this.latinName(parts),
      idType,
      idNumber: rng.chance(0.05) ? toArabicIndic(idNumber) : idNumber,
      nationality: person.nationality as BeneficiaryFieldsInput['nationality'],
      residencyStatus: person.saudi ? 'citizen' : 'resident',
      gender: person.gender,
      birthDate: this.dateIn(person.birthYear),
      phones: person.phones.map((phone) => this.typedPhone(phone)),
      districtId: this.options.districtIds[person.districtIndex] ?? null,
      address: rng.chance(0.55) ? `حي ${rng.pick(NEIGHBOURHOODS)}${rng.chance(0.5) ? `، شارع ${rng.int(1, 60)}` : ''}` : null,
      category: person.category,
      prisonerRelation: selfOrRelative ? 'self' : person.relation,
      prisonerName: selfOrRelative ? null : person.anchor.writtenName,
      prisonerFacility: person.anchor.facility,
      prisonerStatus: person.anchor.status,
      household: this.household(person),
      needs,
      needsPriority: needs.length === 0 ? null : needs.length >= 3 || rng.chance(0.2) ? 'high' : rng.chance(0.5) ? 'medium' : 'low',
      needsNotes: needs.length > 0 && rng.chance(0.25) ? rng.pick(NEEDS_NOTES) : null,
      consentGiven: true,
      consentDate,
      consentMethod: rng.chance(0.55) ? 'written' : rng.chance(0.55) ? 'electronic' : 'verbal',
      status: rng.chance(0.88) ? 'active' : rng.chance(0.75) ? 'inactive' : 'archived',
      notes: rng.chance(0.1) ? rng.pick(NOTES) : null,
    };
  }

  decisionFor(person: PersonSpec, registeredAt: Date, latest: Date): GeneratedDecision | null {
    const { rng } = this;
    if (!rng.chance(DECISION_SHARE)) return null;
    const decidedAt = new Date(Math.min(latest.getTime(), registeredAt.getTime() + rng.int(1, 30 * 24 * 60) * 60_000));
    if (rng.chance(0.75)) {
      return { inScope: true, legalResident: true, receivesServices: true, outcome: 'eligible', reason: rng.pick(ELIGIBLE_REASONS), decidedAt };
    }
    const options = NOT_ELIGIBLE.filter((option) => !option.residentsOnly || !person.saudi);
    const { failing, reason } = rng.pick(options);
    return {
      inScope: failing !== 'inScope',
      legalResident: failing !== 'legalResident',
      receivesServices: failing !== 'receivesServices',
      outcome: 'not_eligible',
      reason,
      decidedAt,
    };
  }

  // -- parts ---------------------------------------------------------------------------------------

  private household(person: PersonSpec): BeneficiaryFieldsInput['household'] {
    const { rng } = this;
    if (rng.chance(0.35)) return [];
    const members: BeneficiaryFieldsInput['household'] = [];
    const add = (fullName: string, relation: HouseholdRelation, birthYear: number) => {
      const withId = birthYear <= 2008 && rng.chance(0.5);
      members.push({
        fullName,
        relation,
        birthDate: rng.chance(0.85) ? this.dateIn(Math.min(birthYear, 2024)) : null,
        idNumber: withId ? this.idNumber(person.saudi) : null,
        notes: null,
      });
    };
    // The children's father: the person himself, or a wife's (often imprisoned) husband.
    const father: Name | null = person.gender === 'male' ? person : person.spouse;
    const married = person.birthYear <= 1998 && rng.chance(0.75);
    if (married && person.gender === 'male' && person.relation !== 'father') {
      add(this.written({ first: pickFemale(rng), father: pickMale(rng), grandfather: pickMale(rng), family: rng.chance(0.5) ? person.family : this.otherFamilyLike(person.family) }), 'wife', person.birthYear + rng.int(-2, 10));
    }
    if (married && father) {
      const children = rng.int(0, 5);
      for (let child = 0; child < children; child += 1) {
        const son = rng.chance(0.5);
        const childName: Name = { first: son ? pickMale(rng) : pickFemale(rng), father: father.first, grandfather: father.father, family: father.family };
        add(this.written(childName), son ? 'son' : 'daughter', Math.min(2024, person.birthYear + rng.int(20, 38)));
      }
    }
    if (rng.chance(0.15)) {
      add(this.written({ first: pickFemale(rng), father: pickMale(rng), grandfather: pickMale(rng), family: this.otherFamilyLike(person.family) }), 'mother', Math.max(1930, person.birthYear - rng.int(18, 38)));
    }
    return members;
  }

  private written(name: Name): string {
    const { rng } = this;
    return [
      spellingOf(name.first, rng),
      spellingOf(name.father, rng),
      spellingOf(name.grandfather, rng),
      spellingOf(name.family, rng, 0.8),
    ].join(' ');
  }

  private latinName(parts: { firstName: string; fatherName: string; grandfatherName: string; familyName: string }): string | null {
    const first = latinOf(parts.firstName);
    const family = latinOf(parts.familyName);
    if (!first || !family || !this.rng.chance(0.35)) return null;
    const father = latinOf(parts.fatherName);
    const grandfather = latinOf(parts.grandfatherName);
    return father && grandfather ? `${first} ${father} ${grandfather} ${family}` : `${first} ${family}`;
  }

  private otherFamilyLike(family: NameEntry): NameEntry {
    for (const [code, names] of Object.entries(RESIDENT_FAMILY_NAMES)) {
      if (names.includes(family)) return (residentFamilyPickers.get(code) as (rng: Rng) => NameEntry)(this.rng);
    }
    return pickSaudiFamily(this.rng);
  }

  private distinctMale(other: NameEntry): NameEntry {
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const candidate = pickMale(this.rng);
      if (candidate !== other) return candidate;
    }
    return pickMale(this.rng);
  }

  /** A valid, unused ID: 1 (national ID) or 2 (iqama), eight digits, and the check digit. */
  private idNumber(saudi: boolean): string {
    for (;;) {
      const candidate = withSaudiCheckDigit(`${saudi ? '1' : '2'}${this.rng.digits(8)}`);
      if (!this.takenIds.has(candidate)) {
        this.takenIds.add(candidate);
        return candidate;
      }
    }
  }

  /** One or two mobile numbers, as nine digits after the country code (5XXXXXXXX). */
  private mobiles(): string[] {
    const count = this.rng.chance(0.35) ? 2 : 1;
    const phones: string[] = [];
    for (let index = 0; index < count; index += 1) phones.push(`${pickMobilePrefix(this.rng)}${this.rng.digits(7)}`);
    return phones;
  }

  /** A mobile number in one of the forms people write it in. */
  private typedPhone(nine: string): string {
    const local = `0${nine}`;
    const roll = this.rng.next();
    if (roll < 0.35) return `${local.slice(0, 3)} ${local.slice(3, 6)} ${local.slice(6)}`;
    if (roll < 0.6) return local;
    if (roll < 0.75) return `+966${nine}`;
    if (roll < 0.85) return `966${nine}`;
    if (roll < 0.9) return `00966 ${nine.slice(0, 2)} ${nine.slice(2, 5)} ${nine.slice(5)}`;
    if (roll < 0.95) return toArabicIndic(local);
    return `${local.slice(0, 3)}-${local.slice(3, 6)}-${local.slice(6)}`;
  }

  private district(): number {
    return this.pickDistrict ? this.pickDistrict(this.rng) : -1;
  }

  /** A year between min and max, most likely near `mode` (a triangular distribution). */
  private birthYear(min: number, max: number, mode: number): number {
    const u = this.rng.next();
    const split = (mode - min) / (max - min);
    const value = u < split ? min + Math.sqrt(u * (max - min) * (mode - min)) : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
    return Math.round(value);
  }

  private dateIn(year: number): string {
    return isoDate(new Date(Date.UTC(year, 0, 1) + this.rng.int(0, 364) * DAY));
  }

  private needs(): Array<(typeof NEEDS)[number]> {
    const { rng } = this;
    if (rng.chance(0.1)) return [];
    const count = rng.chance(0.5) ? 1 : rng.chance(0.7) ? 2 : 3;
    const chosen = new Set<(typeof NEEDS)[number]>();
    // Financial help is what most people come for.
    if (rng.chance(0.6)) chosen.add('financial');
    while (chosen.size < count) chosen.add(rng.pick(NEEDS));
    return [...chosen];
  }
}

const isoDate = (date: Date): string => date.toISOString().slice(0, 10);

