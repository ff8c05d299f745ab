// The one search box, through dispatch('search.beneficiaries'): Arabic names in any spelling, ID
// numbers, phones in any form, file numbers. The registry below is spelled inconsistently on purpose.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BeneficiaryDetail, BeneficiaryFieldsInput } from '../../electron/api/beneficiaries';
import { withSaudiCheckDigit } from '../../electron/api/fields/saudi-id';
import type { SearchHit, SearchResults } from '../../electron/api/search';
import { expectOk, newMobile, openTestWasl, validFields, type TestWasl } from '../support/database';

type Name = [first: string, father: string, grandfather: string, family: string];

/** Who is registered, by a handle the tests use, in registration order (so file numbers are 1, 2, 3…). */
const REGISTRY: Array<[handle: string, name: Name, extra?: Partial<BeneficiaryFieldsInput>]> = [
  ['ahmadHamza', ['أحمد', 'محمد', 'علي', 'الغامدي'], {
    idNumber: withSaudiCheckDigit('104512367'),
    phones: ['0551117788'],
    latinName: 'Ahmad Alghamdi',
    category: 'released_prisoner',
  }],
  ['ahmadBare', ['احمد', 'سالم', 'ناصر', 'العتيبي'], { phones: ['0502223344', '0559990011'] }],
  ['ibrahim', ['إبراهيم', 'خليل', 'يوسف', 'الشمري'], {
    idType: 'iqama',
    idNumber: withSaudiCheckDigit('234567891'),
    nationality: 'JO',
    residencyStatus: 'resident',
  }],
  ['fatimaTaa', ['فاطمة', 'حسن', 'علي', 'الزهراني'], { gender: 'female' }],
  ['fatimaHaa', ['فاطمه', 'سعيد', 'عمر', 'البلوي'], { gender: 'female' }],
  ['murtada', ['مرتضى', 'مصطفي', 'حسين', 'الموسى']],
  ['abdullahApart', ['عبد الله', 'فهد', 'سعد', 'القحطاني']],
  ['abdulrahmanJoined', ['عبدالرحمن', 'ناصر', 'محمد', 'الدوسري']],
  ['khalid', ['خالد', 'سعيد', 'ناصر', 'آل سعود']],
  ['noura', ['نورة', 'سعيد', 'ناصر', 'آل سعود'], { gender: 'female', category: 'family_member', prisonerRelation: 'sister' }],
  ['salman', ['سلمان', 'فيصل', 'تركي', 'آل الشيخ']],
  ['majidAal', ['ماجد', 'عادل', 'سامي', 'آل مبارك']],
  ['yousefAl', ['يوسف', 'عادل', 'سامي', 'المبارك']],
  ['owner', ['محمد', 'عبدالله', 'سعد', 'الحربي']],
  ['firstTwoSwapped', ['عبدالله', 'محمد', 'سعد', 'الحربي']],
  ['middleSwapped', ['محمد', 'سعد', 'عبدالله', 'الحربي']],
  ['otherFamily', ['محمد', 'عبدالله', 'سعد', 'العنزي']],
  ['otherGrandfather', ['محمد', 'عبدالله', 'فهد', 'الحربي']],
];

let app: TestWasl;
const people: Record<string, BeneficiaryDetail> = {};
const year = new Date().getUTCFullYear();

beforeAll(async () => {
  app = await openTestWasl();
  for (const [handle, [firstName, fatherName, grandfatherName, familyName], extra] of REGISTRY) {
    const fields = validFields({ firstName, fatherName, grandfatherName, familyName, phones: [newMobile()], ...extra });
    people[handle] = expectOk<BeneficiaryDetail>(await app.dispatch('beneficiaries.register', { fields }));
  }
  expectOk(
    await app.dispatch('eligibility.record', {
      beneficiaryId: people.ahmadHamza!.id,
      inScope: true,
      legalResident: true,
      receivesServices: true,
      outcome: 'eligible',
    }),
  );
});

afterAll(async () => {
  await app.cleanup();
});

async function search(query: string, limit?: number): Promise<SearchResults> {
  return expectOk<SearchResults>(await app.dispatch('search.beneficiaries', limit === undefined ? { query } : { query, limit }));
}

const handleOf = (hit: SearchHit) => Object.entries(people).find(([, person]) => person.id === hit.id)?.[0] ?? hit.id;

/**
 * The handles of the people found, in rank order. Close spellings (names one letter away, offered
 * after the matches when there are few) are left out: these tests are about the spellings that match.
 */
async function found(query: string): Promise<string[]> {
  return (await search(query)).hits.filter((hit) => hit.matchedBy !== 'close_spelling').map(handleOf);
}

/** The handles found, as a sorted list, for matches whose order does not matter. */
async function foundSet(query: string): Promise<string[]> {
  return (await found(query)).sort();
}

const toArabicIndic = (latin: string) => latin.replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]!);

describe('search by name: letter variants', () => {
  it('finds أحمد and احمد whichever hamza form is typed', async () => {
    expect(await foundSet('احمد')).toEqual(['ahmadBare', 'ahmadHamza']);
    expect(await foundSet('أحمد')).toEqual(['ahmadBare', 'ahmadHamza']);
    expect(await foundSet('إحمد ')).toEqual(['ahmadBare', 'ahmadHamza']);
  });

  it('finds إبراهيم typed with a bare alef or the wrong hamza', async () => {
    expect(await found('ابراهيم')).toEqual(['ibrahim']);
    expect(await found('أبراهيم')).toEqual(['ibrahim']);
    expect(await found('إبراهيم')).toEqual(['ibrahim']);
  });

  it('treats taa marbuta and haa alike (فاطمة / فاطمه)', async () => {
    expect(await foundSet('فاطمة')).toEqual(['fatimaHaa', 'fatimaTaa']);
    expect(await foundSet('فاطمه')).toEqual(['fatimaHaa', 'fatimaTaa']);
  });

  it('treats alef maqsura and yaa alike (مرتضى / مرتضي)', async () => {
    expect(await found('مرتضي')).toEqual(['murtada']);
    expect(await found('مرتضى')).toEqual(['murtada']);
    expect(await found('مصطفى')).toEqual(['murtada']);
    expect(await found('الموسي')).toEqual(['murtada']);
  });

  it('ignores diacritics and tatweel typed in the query', async () => {
    expect(await found('أَحْمَـــد الغَامِدِيّ')).toEqual(['ahmadHamza']);
    expect(await foundSet('فَاطِمَـة')).toEqual(['fatimaHaa', 'fatimaTaa']);
    expect(await found('إبـــراهـيـم')).toEqual(['ibrahim']);
  });
});

describe('search by name: compounds, particles and articles', () => {
  it('finds a compound name stored apart when it is typed joined, and apart', async () => {
    expect(await found('عبدالله القحطاني')).toEqual(['abdullahApart']);
    expect(await found('عبد الله القحطاني')).toEqual(['abdullahApart']);
  });

  it('finds a compound name stored joined when it is typed apart, and joined', async () => {
    expect(await found('عبد الرحمن الدوسري')).toEqual(['abdulrahmanJoined']);
    expect(await found('عبدالرحمن الدوسري')).toEqual(['abdulrahmanJoined']);
    expect(await found('عبد الرحمن')).toEqual(['abdulrahmanJoined']);
  });

  it('ignores بن, بنت and ابن between name parts', async () => {
    expect(await found('خالد بن سعيد')).toEqual(['khalid']);
    expect(await found('خالد بن سعيد بن ناصر آل سعود')).toEqual(['khalid']);
    expect(await found('نورة بنت سعيد')).toEqual(['noura']);
    expect(await found('خالد ابن سعيد')).toEqual(['khalid']);
  });

  it('finds آل families typed with آل, with ال, or with no article', async () => {
    expect(await found('سلمان آل الشيخ')).toEqual(['salman']);
    expect(await found('سلمان الشيخ')).toEqual(['salman']);
    expect(await found('سلمان شيخ')).toEqual(['salman']);
    expect(await found('ماجد آل مبارك')).toEqual(['majidAal']);
    expect(await found('ماجد المبارك')).toEqual(['majidAal']);
    expect(await found('ماجد مبارك')).toEqual(['majidAal']);
  });

  it('finds both آل مبارك and المبارك for any of the three spellings', async () => {
    for (const query of ['آل مبارك', 'المبارك', 'مبارك', 'آل مبارك ', 'المبارك ']) {
      expect(await foundSet(query), query).toEqual(['majidAal', 'yousefAl']);
    }
  });

  it('finds both members of آل سعود by the family name alone', async () => {
    expect(await foundSet('آل سعود')).toEqual(['khalid', 'noura']);
    expect(await foundSet('السعود ')).toEqual(['khalid', 'noura']);
  });
});

describe('search by name: order, prefixes and ranking', () => {
  it('finds a person whatever the order of the name parts typed', async () => {
    expect(await found('الغامدي أحمد')).toEqual(['ahmadHamza']);
    expect(await found('القحطاني عبدالله')).toEqual(['abdullahApart']);
    expect(await found('الشمري خليل إبراهيم')).toEqual(['ibrahim']);
  });

  it('completes the last word while it is being typed', async () => {
    expect(await found('عبدالله القحط')).toEqual(['abdullahApart']);
    expect(await found('إبراهيم الشم')).toEqual(['ibrahim']);
    expect(await found('فاطمة الزه')).toEqual(['fatimaTaa']);
    expect(await found('ماجد آل مب')).toEqual(['majidAal']);
  });

  it('ranks the owner of the full four-part name first, above people sharing three parts or the same parts elsewhere', async () => {
    for (const query of ['محمد عبدالله سعد الحربي', 'محمد عبدالله سعد الحربي ', 'محمد عبد الله سعد الحربي', 'محمد عبدالله سعد الحر']) {
      const hits = await found(query);
      expect(hits[0], query).toBe('owner');
    }
    // Everyone else who holds all four words is listed after the owner; people sharing only three parts are not.
    expect(await foundSet('محمد عبدالله سعد الحربي')).toEqual(['firstTwoSwapped', 'middleSwapped', 'owner']);
  });

  it('ranks people holding the typed words in the typed places before those holding them elsewhere', async () => {
    const hits = await found('محمد عبدالله سعد ');
    expect(hits.slice(0, 2).sort()).toEqual(['otherFamily', 'owner']);
    expect(hits).toEqual(expect.arrayContaining(['firstTwoSwapped', 'middleSwapped']));
    expect(hits).not.toContain('otherGrandfather');
  });

  it('finds a person by the words of their Latin name', async () => {
    expect(await found('Ahmad')).toEqual(['ahmadHamza']);
    expect(await found('alghamdi ahm')).toEqual(['ahmadHamza']);
  });

  it('answers no hits for a name nobody has', async () => {
    expect(await search('زكريا')).toEqual({ hits: [], more: false, layoutQuery: null });
  });

  it('stops at the limit and says there are more', async () => {
    const results = await search('محمد', 2);
    expect(results.hits).toHaveLength(2);
    expect(results.more).toBe(true);
  });
});

describe('search by ID number', () => {
  it('finds a national ID by its full number', async () => {
    const results = await search(people.ahmadHamza!.idNumber);
    expect(results.hits.map(handleOf)).toEqual(['ahmadHamza']);
    expect(results.hits[0]!.matchedBy).toBe('id_number');
  });

  it('finds an ID by the first digits typed so far', async () => {
    expect(await found('10451')).toEqual(['ahmadHamza']);
    expect(await found('2345')).toEqual(['ibrahim']);
  });

  it('finds an ID typed in Arabic-Indic digits, with spaces', async () => {
    const id = people.ahmadHamza!.idNumber;
    expect(await found(toArabicIndic(id))).toEqual(['ahmadHamza']);
    expect(await found(`${toArabicIndic(id.slice(0, 4))} ${toArabicIndic(id.slice(4))}`)).toEqual(['ahmadHamza']);
    expect(await found(toArabicIndic(people.ibrahim!.idNumber))).toEqual(['ibrahim']);
  });
});

describe('search by phone', () => {
  it.each([
    ['0551117788', 'local 05… form'],
    ['+966551117788', 'international +966 form'],
    ['966551117788', '9665… without plus'],
    ['00966551117788', '009665… form'],
    ['055 111 7788', 'local form with spaces'],
    ['+966 55 111 7788', 'international form with spaces'],
    ['055-111-7788', 'with dashes'],
    ['٠٥٥١١١٧٧٨٨', 'Arabic-Indic digits'],
    ['٠٥٥ ١١١ ٧٧٨٨', 'Arabic-Indic digits with spaces'],
    ['7788', 'its last four digits'],
    ['1117788', 'its last seven digits'],
    ['055111', 'the start of the number'],
  ])('finds the owner of a phone typed as %s (%s)', async (query) => {
    const results = await search(query);
    expect(results.hits.map(handleOf)).toEqual(['ahmadHamza']);
    expect(results.hits[0]!.matchedBy).toBe('phone');
  });

  it('finds a person by their second phone too', async () => {
    expect(await found('0559990011')).toEqual(['ahmadBare']);
    expect(await found('0011')).toEqual(['ahmadBare']);
  });
});

describe('search by file number', () => {
  it('finds a file number typed with or without its dash', async () => {
    const fileNumber = people.ibrahim!.fileNumber;
    expect(fileNumber).toBe(`${year}-00003`);
    for (const query of [fileNumber, fileNumber.replace('-', ''), toArabicIndic(fileNumber)]) {
      const results = await search(query);
      expect(results.hits.map(handleOf), query).toEqual(['ibrahim']);
      expect(results.hits[0]!.matchedBy).toBe('file_number');
    }
  });

  it('lists the files whose number starts with what is typed', async () => {
    const results = await search(`${year}-0001`);
    expect(results.hits.map((hit) => hit.fileNumber)).toEqual(
      Array.from({ length: 9 }, (_, index) => `${year}-000${10 + index}`),
    );
    expect(results.more).toBe(false);
    const wholeYear = await search(String(year));
    expect(wholeYear.hits).toHaveLength(10);
    expect(wholeYear.more).toBe(true);
  });
});

describe('queries too short to search', () => {
  it.each(['', '   ', 'م', 'أ', 'ـ', 'َ', '5', '05', '٠٥', '+', '-'])('answers no hits, without error, for %j', async (query) => {
    expect(await search(query)).toEqual({ hits: [], more: false, layoutQuery: null });
  });

  it('refuses a query over 200 characters as validation, not as a crash', async () => {
    const result = await app.dispatch('search.beneficiaries', { query: 'م'.repeat(201) });
    expect(result).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('treats FTS syntax and SQL typed in the box as plain text', async () => {
    for (const query of ['"', '*', 'NEAR(محمد', 'محمد OR 1=1', "'; DROP TABLE beneficiaries; --", 'محمد AND NOT', '^محمد', '{}:']) {
      const result = await app.dispatch('search.beneficiaries', { query });
      expect(result.ok, query).toBe(true);
    }
    expect(await found('أحمد الغامدي')).toEqual(['ahmadHamza']);
  });
});

describe('search results', () => {
  it('carry what the officer needs to pick the right person, and no full ID or phone', async () => {
    const person = people.ahmadHamza!;
    const [hit] = (await search('أحمد الغامدي')).hits;
    expect(hit).toEqual({
      id: person.id,
      fileNumber: person.fileNumber,
      fullName: 'أحمد محمد علي الغامدي',
      latinName: 'Ahmad Alghamdi',
      idType: 'national_id',
      idTail: person.idNumber.slice(-4),
      phoneTail: '…7788',
      category: 'released_prisoner',
      eligibility: 'eligible',
      status: 'active',
      districtId: null,
      birthDate: person.birthDate,
      erasedAt: null,
      matchedBy: 'name',
    });
    expect(JSON.stringify(hit)).not.toContain(person.idNumber);
    expect(JSON.stringify(hit)).not.toContain('551117788');
  });

  it('show the first phone of a person with several', async () => {
    const [hit] = (await search('0559990011')).hits;
    expect(hit?.phoneTail).toBe('…3344');
  });

  it('show the current eligibility and category of each person', async () => {
    const [hit] = (await search('نورة ')).hits;
    expect(hit).toMatchObject({ fullName: 'نورة سعيد ناصر آل سعود', category: 'family_member', eligibility: 'pending' });
  });
});
