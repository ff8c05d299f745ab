// Contacts through the real call path: dispatch(name, input) → validation → service → encrypted
// SQLite, and the result envelope back. Logging through the five channels, contacts logged before
// registration and linked later, a person's timeline a page at a time, the audit trail, who may do
// it, and the index the timeline reads through. Every refusal is checked to write nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import type { BeneficiaryDetail } from '../../electron/api/beneficiaries';
import {
  CHANNELS,
  type Channel,
  type ContactView,
  type LogContactInput,
} from '../../electron/api/contacts';
import type { AskedInquiry } from '../../electron/api/inquiries';
import type { LetterView, RegisterLetterInput } from '../../electron/api/letters';
import type { TimelineEntry, TimelinePage } from '../../electron/api/timeline';
import type { EligibilityDecision } from '../../electron/api/eligibility';
import type { Result } from '../../electron/api/result';
import type { SessionState } from '../../electron/api/session';
import {
  ADMIN,
  auditEntries,
  createUser,
  expectError,
  expectOk,
  movableClock,
  openTestWasl,
  signInAs,
  snapshotDatabase,
  validFields,
  type TestWasl,
} from '../support/database';
import { AUTHORITY_IDS } from '../support/casework';

let app: TestWasl;
let time: ReturnType<typeof movableClock>;

beforeEach(async () => {
  time = movableClock();
  app = await openTestWasl({ clock: time.clock });
});

afterEach(async () => {
  await app.cleanup();
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const toArabicIndic = (latin: string) => latin.replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]!);
const minutesAgo = (minutes: number) => new Date(time.clock().getTime() - minutes * 60_000).toISOString();

async function registered(overrides: Parameters<typeof validFields>[0] = {}): Promise<BeneficiaryDetail> {
  return expectOk<BeneficiaryDetail>(await app.dispatch('beneficiaries.register', { fields: validFields(overrides) }));
}

/** A valid contact: an incoming inquiry at the desk; the overrides say the rest. */
const contact = (overrides: Partial<LogContactInput> = {}): LogContactInput => ({
  channel: 'in_person',
  direction: 'incoming',
  purpose: 'inquiry',
  summary: 'سأل عن موعد صرف المساعدة الشهرية',
  ...overrides,
});

const log = (input: unknown) => app.dispatch('contacts.log', input);
const logged = async (input: LogContactInput) => expectOk<ContactView>(await log(input));
const link = (id: string, beneficiaryId: string) => app.dispatch('contacts.link', { id, beneficiaryId });
const unlinked = async (limit?: number) =>
  expectOk<ContactView[]>(await app.dispatch('contacts.unlinked', limit === undefined ? {} : { limit }));
const timeline = async (input: Record<string, unknown>) => expectOk<TimelinePage>(await app.dispatch('beneficiaries.timeline', input));
const decide = async (beneficiaryId: string) =>
  expectOk<EligibilityDecision>(
    await app.dispatch('eligibility.record', {
      beneficiaryId,
      inScope: true,
      legalResident: true,
      receivesServices: true,
      outcome: 'eligible',
      reason: null,
    }),
  );
const snapshot = () => snapshotDatabase(app.databasePath, app.key);

/** Runs a call that must be refused, and checks that the database is exactly as it was. */
async function refusedWithoutWriting(call: () => Promise<Result<unknown>>) {
  const before = snapshot();
  const error = expectError(await call());
  expect(snapshot()).toEqual(before);
  return error;
}

const fieldError = (path: string, messageKey: string) => ({
  code: 'validation',
  messageKey: 'validation.failed',
  details: { fields: [{ path, messageKey }] },
});

/** The id of a timeline entry, whatever its kind. */
function entryId(entry: TimelineEntry): string {
  switch (entry.kind) {
    case 'contact':
      return entry.contact.id;
    case 'letter':
      return entry.letter.id;
    case 'request':
    case 'complaint':
    case 'program':
      return entry.step.id;
    case 'eligibility':
      return entry.decision.id;
    case 'discipline':
      return entry.note.id;
    case 'fee':
      return entry.fee.id;
  }
}

/** Every entry of a timeline, reading it `limit` at a time through nextBefore. */
async function everyPage(input: Record<string, unknown>, limit: number): Promise<{ entries: TimelineEntry[]; pages: number }> {
  const entries: TimelineEntry[] = [];
  let before: string | null = null;
  let pages = 0;
  do {
    const page = await timeline({ ...input, limit, ...(before === null ? {} : { before }) });
    expect(page.entries.length).toBeLessThanOrEqual(limit);
    if (page.nextBefore !== null) expect(page.entries).toHaveLength(limit);
    entries.push(...page.entries);
    before = page.nextBefore;
    pages += 1;
    expect(pages).toBeLessThan(100);
  } while (before !== null);
  return { entries, pages };
}

/** Newest first; at equal times, the greater id first (the order the pages are cut in). */
function newestFirst(entries: TimelineEntry[]): TimelineEntry[] {
  return [...entries].sort((a, b) => {
    if (a.at !== b.at) return a.at < b.at ? 1 : -1;
    return entryId(a) < entryId(b) ? 1 : entryId(a) > entryId(b) ? -1 : 0;
  });
}

describe('contacts.log', () => {
  const detailsFor: Record<Channel, Partial<LogContactInput>> = {
    in_person: {},
    phone: { phoneNumber: '0551234567' },
    social_media: { platform: 'whatsapp', handle: '@abu.saad' },
    letter: {},
    website: { webReference: 'WEB-2025-0042' },
  };

  it('logs a contact through each of the five channels, by the signed-in officer, at the clock’s now', async () => {
    const person = await registered();
    time.advanceMinutes(3); // the clock is ahead of the real time: the default must come from it
    const views: ContactView[] = [];
    for (const channel of CHANNELS) {
      const before = time.clock().getTime();
      const view = await logged(contact({ beneficiaryId: person.id, channel, ...detailsFor[channel] }));
      const after = time.clock().getTime();

      expect(view.id).toMatch(UUID);
      expect(view).toMatchObject({
        beneficiaryId: person.id,
        personName: null,
        personPhone: null,
        channel,
        direction: 'incoming',
        purpose: 'inquiry',
        summary: 'سأل عن موعد صرف المساعدة الشهرية',
        durationMinutes: null,
        officer: { id: app.adminId, displayName: ADMIN.displayName },
      });
      expect(view.occurredAt).toBe(new Date(view.occurredAt).toISOString());
      expect(Date.parse(view.occurredAt)).toBeGreaterThanOrEqual(before);
      expect(Date.parse(view.occurredAt)).toBeLessThanOrEqual(after);
      expect(Date.parse(view.occurredAt)).toBeGreaterThan(Date.now() + 2 * 60_000);
      views.push(view);
    }

    const { entries } = await timeline({ id: person.id });
    expect(entries.map((entry) => entry.kind === 'contact' && entry.contact)).toEqual([...views].reverse());
    expect(entries.map((entry) => entry.at)).toEqual([...views].reverse().map((view) => view.occurredAt));
  });

  it('keeps the time, purpose, direction and duration given, and trims the summary', async () => {
    const person = await registered();
    const view = await logged(
      contact({
        beneficiaryId: person.id,
        direction: 'outgoing',
        purpose: 'follow_up',
        summary: '  اتصال متابعة بعد الزيارة  ',
        occurredAt: '2025-03-01T08:30:00Z',
        durationMinutes: 600,
      }),
    );
    expect(view).toMatchObject({
      direction: 'outgoing',
      purpose: 'follow_up',
      summary: 'اتصال متابعة بعد الزيارة',
      occurredAt: '2025-03-01T08:30:00.000Z',
      durationMinutes: 600,
    });
    expect((await logged(contact({ beneficiaryId: person.id, durationMinutes: 0, summary: 'س'.repeat(2000) }))).durationMinutes).toBe(0);
  });

  it('accepts a time up to a minute ahead of the clock (drift between PCs)', async () => {
    const person = await registered();
    const occurredAt = new Date(time.clock().getTime() + 30_000).toISOString();
    expect((await logged(contact({ beneficiaryId: person.id, occurredAt }))).occurredAt).toBe(occurredAt);
  });

  it('keeps channel details only for their channel', async () => {
    const person = await registered();
    const everyDetail = { phoneNumber: '0551234567', platform: 'x', handle: '@someone', webReference: 'WEB-1' } as const;
    const none = { phoneNumber: null, platform: null, handle: null, webReference: null };

    for (const channel of ['in_person', 'letter'] as const) {
      expect(await logged(contact({ beneficiaryId: person.id, channel, ...everyDetail }))).toMatchObject({ channel, ...none });
    }
    expect(await logged(contact({ beneficiaryId: person.id, channel: 'phone', ...everyDetail }))).toMatchObject({
      ...none,
      phoneNumber: '+966551234567',
    });
    expect(await logged(contact({ beneficiaryId: person.id, channel: 'social_media', ...everyDetail }))).toMatchObject({
      ...none,
      platform: 'x',
      handle: '@someone',
    });
    expect(await logged(contact({ beneficiaryId: person.id, channel: 'website', ...everyDetail }))).toMatchObject({
      ...none,
      webReference: 'WEB-1',
    });

    // What is kept is what is read back: the timeline shows the same.
    const { entries } = await timeline({ id: person.id });
    expect(entries).toHaveLength(5);
    expect(entries.filter((entry) => entry.kind === 'contact' && entry.contact.phoneNumber !== null)).toHaveLength(1);
  });

  it('stores the phone number of a phone contact as +9665…, from any way it is typed', async () => {
    const person = await registered();
    for (const typed of ['0551234567', toArabicIndic('0551234567'), '٠٥٥ ١٢٣ ٤٥٦٧', '+966 55 123 4567', '00966551234567']) {
      const view = await logged(contact({ beneficiaryId: person.id, channel: 'phone', phoneNumber: typed }));
      expect(view.phoneNumber, typed).toBe('+966551234567');
    }
    const withoutNumber = await logged(contact({ beneficiaryId: person.id, channel: 'phone', phoneNumber: '' }));
    expect(withoutNumber.phoneNumber).toBeNull();
  });

  it('requires the platform of a social-media contact, and keeps the handle', async () => {
    const person = await registered();
    const error = await refusedWithoutWriting(() => log(contact({ beneficiaryId: person.id, channel: 'social_media', handle: '@abu.saad' })));
    expect(error).toEqual(fieldError('platform', 'validation.required'));
    expect(await refusedWithoutWriting(() => log(contact({ beneficiaryId: person.id, channel: 'social_media', platform: 'myspace' as never })))).toEqual(
      fieldError('platform', 'validation.choice'),
    );

    const view = await logged(contact({ beneficiaryId: person.id, channel: 'social_media', platform: 'instagram', handle: ' @abu.saad ' }));
    expect(view).toMatchObject({ platform: 'instagram', handle: '@abu.saad', phoneNumber: null, webReference: null });
  });

  it('ignores a name and phone typed for a registered person: the file holds them', async () => {
    const person = await registered();
    const view = await logged(contact({ beneficiaryId: person.id, personName: 'اسم آخر', personPhone: '0551234567' }));
    expect(view).toMatchObject({ beneficiaryId: person.id, personName: null, personPhone: null });
  });
});

describe('contacts.log refusals', () => {
  let person: BeneficiaryDetail;

  beforeEach(async () => {
    person = await registered();
  });

  const cases: Array<[string, string, string, () => Record<string, unknown>]> = [
    ['an unknown channel', 'channel', 'validation.choice', () => ({ channel: 'fax' })],
    ['no channel', 'channel', 'validation.choice', () => ({ channel: undefined })],
    ['an unknown purpose', 'purpose', 'validation.choice', () => ({ purpose: 'gossip' })],
    ['an unknown direction', 'direction', 'validation.choice', () => ({ direction: 'sideways' })],
    ['an empty summary', 'summary', 'validation.required', () => ({ summary: '' })],
    ['a summary of spaces', 'summary', 'validation.required', () => ({ summary: '    ' })],
    ['a summary over 2000 characters', 'summary', 'validation.tooLong', () => ({ summary: 'س'.repeat(2001) })],
    ['a negative duration', 'durationMinutes', 'validation.outOfRange', () => ({ durationMinutes: -1 })],
    ['a duration over ten hours', 'durationMinutes', 'validation.outOfRange', () => ({ durationMinutes: 601 })],
    ['a duration in fractions of a minute', 'durationMinutes', 'validation.invalid', () => ({ durationMinutes: 1.5 })],
    ['a time that is not a date', 'occurredAt', 'validation.date', () => ({ occurredAt: 'yesterday' })],
    [
      'a time more than a minute in the future',
      'occurredAt',
      'validation.dateInFuture',
      () => ({ occurredAt: new Date(time.clock().getTime() + 2 * 60_000).toISOString() }),
    ],
    ['a time next year', 'occurredAt', 'validation.dateInFuture', () => ({ occurredAt: `${new Date().getUTCFullYear() + 1}-06-01T10:00:00Z` })],
    ['neither a beneficiary nor a name', 'personName', 'validation.contacts.whoRequired', () => ({ beneficiaryId: null, personName: null })],
    ['an empty beneficiary and an empty name', 'personName', 'validation.contacts.whoRequired', () => ({ beneficiaryId: '', personName: '  ' })],
    ['a beneficiary id that is not an id', 'beneficiaryId', 'validation.id', () => ({ beneficiaryId: 'not-an-id' })],
    ['a phone number that is not Saudi', 'phoneNumber', 'validation.phone', () => ({ channel: 'phone', phoneNumber: '+971501234567' })],
    ['a phone number too short', 'phoneNumber', 'validation.phone', () => ({ channel: 'phone', phoneNumber: '12345' })],
    [
      'a wrong phone for someone not registered',
      'personPhone',
      'validation.phone',
      () => ({ beneficiaryId: null, personName: 'سعد الدوسري', personPhone: '0123' }),
    ],
  ];

  it.each(cases)('refuses %s (%s: %s) and writes nothing', async (_name, path, messageKey, overrides) => {
    const error = await refusedWithoutWriting(() => log({ ...contact({ beneficiaryId: person.id }), ...overrides() }));
    expect(error).toEqual(fieldError(path, messageKey));
  });

  it('refuses a contact with a beneficiary nobody registered, and writes nothing', async () => {
    const error = await refusedWithoutWriting(() => log(contact({ beneficiaryId: '01890000-0000-7000-8000-000000000000' })));
    expect(error).toEqual({ code: 'not_found', messageKey: 'notFound.beneficiary' });
  });

  it('refuses a contact about a person whose data was erased, and writes nothing', async () => {
    expectOk(
      await app.dispatch('beneficiaries.erase', {
        id: person.id,
        reason: 'طلب صاحب البيانات إتلافها',
        confirmFileNumber: person.fileNumber,
      }),
    );
    for (const channel of CHANNELS) {
      const error = await refusedWithoutWriting(() =>
        log(contact({ beneficiaryId: person.id, channel, platform: channel === 'social_media' ? 'whatsapp' : null })),
      );
      expect(error).toEqual({ code: 'rule', messageKey: 'beneficiaries.erased' });
    }
  });
});

describe('contacts before registration', () => {
  it('keeps a contact with someone not registered in the unlinked queue, then moves it to their timeline', async () => {
    const walkIn = await logged(
      contact({ personName: '  سعد محمد الدوسري ', personPhone: toArabicIndic('0501234567'), purpose: 'request', occurredAt: minutesAgo(90) }),
    );
    expect(walkIn).toMatchObject({
      beneficiaryId: null,
      personName: 'سعد محمد الدوسري',
      personPhone: '+966501234567',
      purpose: 'request',
      phoneNumber: null,
      officer: { id: app.adminId, displayName: ADMIN.displayName },
    });
    expect(await unlinked()).toEqual([walkIn]);

    const person = await registered();
    expect((await timeline({ id: person.id })).entries).toEqual([]);
    const linked = expectOk<ContactView>(await link(walkIn.id, person.id));
    expect(linked).toEqual({ ...walkIn, beneficiaryId: person.id, personName: null, personPhone: null });

    expect(await unlinked()).toEqual([]);
    expect((await timeline({ id: person.id })).entries).toEqual([{ kind: 'contact', at: walkIn.occurredAt, contact: linked }]);

    // The typed name and phone are gone from the row itself, not only from the view.
    const opened = openDatabase(app.databasePath, { key: app.key });
    try {
      expect(opened.sqlite.prepare('SELECT beneficiary_id, person_name, person_phone FROM contacts WHERE id = ?').get(walkIn.id)).toEqual({
        beneficiary_id: person.id,
        person_name: null,
        person_phone: null,
      });
    } finally {
      opened.sqlite.close();
    }
  });

  it('a phone call from someone not registered keeps the number they called from', async () => {
    const call = await logged(contact({ channel: 'phone', personName: 'أم خالد', personPhone: '0551234567' }));
    expect(call).toMatchObject({ beneficiaryId: null, personPhone: '+966551234567', phoneNumber: '+966551234567' });
  });

  it('lists the unlinked contacts newest first, as many as asked', async () => {
    const oldest = await logged(contact({ personName: 'الأول', occurredAt: minutesAgo(300) }));
    const newest = await logged(contact({ personName: 'الثالث', occurredAt: minutesAgo(10) }));
    const middle = await logged(contact({ personName: 'الثاني', occurredAt: minutesAgo(100) }));
    await logged(contact({ beneficiaryId: (await registered()).id }));
    expect((await unlinked()).map((view) => view.id)).toEqual([newest.id, middle.id, oldest.id]);
    expect((await unlinked(2)).map((view) => view.id)).toEqual([newest.id, middle.id]);
  });

  it('refuses to link a contact twice, or one logged against a person, and writes nothing', async () => {
    const first = await registered();
    const second = await registered();
    const walkIn = await logged(contact({ personName: 'سعد الدوسري' }));
    expectOk(await link(walkIn.id, first.id));
    expect(await refusedWithoutWriting(() => link(walkIn.id, second.id))).toEqual({ code: 'rule', messageKey: 'contacts.alreadyLinked' });
    expect(await refusedWithoutWriting(() => link(walkIn.id, first.id))).toEqual({ code: 'rule', messageKey: 'contacts.alreadyLinked' });

    const direct = await logged(contact({ beneficiaryId: first.id }));
    expect(await refusedWithoutWriting(() => link(direct.id, second.id))).toEqual({ code: 'rule', messageKey: 'contacts.alreadyLinked' });
    expect((await timeline({ id: second.id })).entries).toEqual([]);
  });

  it('refuses to link to a beneficiary nobody registered, or a contact nobody logged, and writes nothing', async () => {
    const walkIn = await logged(contact({ personName: 'سعد الدوسري' }));
    const person = await registered();
    expect(await refusedWithoutWriting(() => link(walkIn.id, '01890000-0000-7000-8000-000000000000'))).toEqual({
      code: 'not_found',
      messageKey: 'notFound.beneficiary',
    });
    expect(await refusedWithoutWriting(() => link('01890000-0000-7000-8000-000000000000', person.id))).toEqual({
      code: 'not_found',
      messageKey: 'notFound.contact',
    });
    expect(await refusedWithoutWriting(() => link(walkIn.id, 'not-an-id'))).toEqual(fieldError('beneficiaryId', 'validation.id'));
    expect(await unlinked()).toEqual([walkIn]);
  });

  it('refuses to link to a person whose data was erased, and writes nothing', async () => {
    const walkIn = await logged(contact({ personName: 'سعد الدوسري' }));
    const person = await registered();
    expectOk(await app.dispatch('beneficiaries.erase', { id: person.id, reason: 'طلب الإتلاف', confirmFileNumber: person.fileNumber }));
    expect(await refusedWithoutWriting(() => link(walkIn.id, person.id))).toEqual({ code: 'rule', messageKey: 'beneficiaries.erased' });
    expect(await unlinked()).toEqual([walkIn]);
  });
});

describe('a contact through the letter channel', () => {
  const letter = async (overrides: Partial<RegisterLetterInput> = {}) =>
    expectOk<LetterView>(
      await app.dispatch('letters.register', {
        direction: 'incoming',
        number: '45/ق/1448',
        authorityId: AUTHORITY_IDS.prisons,
        subject: 'الإفادة عن موعد زيارة النزيل',
        ...overrides,
      }),
    );

  it('names the letter of the register it came through, and reads it back on the timeline', async () => {
    const person = await registered();
    const received = await letter({ beneficiaryId: person.id });
    const view = await logged(contact({ beneficiaryId: person.id, channel: 'letter', letterId: received.id }));
    expect(view).toMatchObject({ channel: 'letter', letterId: received.id });
    const { entries } = await timeline({ id: person.id, kinds: ['contact'] });
    expect(entries).toEqual([{ kind: 'contact', at: view.occurredAt, contact: view }]);
  });

  it('takes a letter about nobody (to or from an authority), for a registered person or someone not registered', async () => {
    const person = await registered();
    const toAuthority = await letter();
    expect((await logged(contact({ beneficiaryId: person.id, channel: 'letter', letterId: toAuthority.id }))).letterId).toBe(toAuthority.id);
    expect((await logged(contact({ personName: 'سعد الدوسري', channel: 'letter', letterId: toAuthority.id }))).letterId).toBe(toAuthority.id);
  });

  it('keeps the letter only for the letter channel, and none when none is given', async () => {
    const person = await registered();
    const received = await letter({ beneficiaryId: person.id });
    expect((await logged(contact({ beneficiaryId: person.id, channel: 'in_person', letterId: received.id }))).letterId).toBeNull();
    expect((await logged(contact({ beneficiaryId: person.id, channel: 'letter', letterId: '' }))).letterId).toBeNull();
    expect((await logged(contact({ beneficiaryId: person.id, channel: 'letter' }))).letterId).toBeNull();
  });

  it('refuses a letter nobody registered, or one about somebody else, at the field, and writes nothing', async () => {
    const person = await registered();
    const other = await registered();
    const theirs = await letter({ beneficiaryId: other.id, authorityId: null });
    expect(
      await refusedWithoutWriting(() => log(contact({ beneficiaryId: person.id, channel: 'letter', letterId: '01890000-0000-7000-8000-000000000000' }))),
    ).toEqual(fieldError('letterId', 'validation.contacts.unknownLetter'));
    expect(await refusedWithoutWriting(() => log(contact({ beneficiaryId: person.id, channel: 'letter', letterId: theirs.id })))).toEqual(
      fieldError('letterId', 'validation.contacts.letterOfAnother'),
    );
    expect(await refusedWithoutWriting(() => log(contact({ beneficiaryId: person.id, channel: 'letter', letterId: 'not-an-id' })))).toEqual(
      fieldError('letterId', 'validation.id'),
    );
  });

  it('names the letter an inquiry came in, and refuses an unknown one without writing the inquiry', async () => {
    const person = await registered();
    const received = await letter({ beneficiaryId: person.id });
    const asked = expectOk<AskedInquiry>(
      await app.dispatch('inquiries.ask', { contact: contact({ beneficiaryId: person.id, channel: 'letter', letterId: received.id }), answer: null, articleId: null }),
    );
    expect(asked.contact).toMatchObject({ channel: 'letter', purpose: 'inquiry', letterId: received.id });
    expect(asked.inquiry.status).toBe('pending');
    const error = await refusedWithoutWriting(() =>
      app.dispatch('inquiries.ask', {
        contact: contact({ beneficiaryId: person.id, channel: 'letter', letterId: '01890000-0000-7000-8000-000000000000' }),
        answer: null,
        articleId: null,
      }),
    );
    expect(error).toEqual(fieldError('letterId', 'validation.contacts.unknownLetter'));
  });
});

describe('unlinked contacts that resemble a registered person', () => {
  const resembling = async (beneficiaryId: string, limit?: number) =>
    expectOk<ContactView[]>(await app.dispatch('contacts.unlinked', { resembling: beneficiaryId, ...(limit === undefined ? {} : { limit }) }));

  it('offers the contacts logged with one of their phones, or a name that is part of theirs in any spelling', async () => {
    // محمد عبدالله سعد الحربي, with two phones.
    const person = await registered({ phones: ['0551112223', '0504445556'] });
    const byPhone = await logged(contact({ personName: 'أبو فهد', personPhone: toArabicIndic('0504445556'), occurredAt: minutesAgo(50) }));
    const byName = await logged(contact({ personName: 'مُحمّد الحربى', occurredAt: minutesAgo(40) }));
    const byCompound = await logged(contact({ personName: 'محمد بن عبد الله', occurredAt: minutesAgo(30) }));
    const byFamilyWithoutArticle = await logged(contact({ personName: 'سعد حربي', personPhone: '0559998887', occurredAt: minutesAgo(20) }));
    // One word is not enough; a word that is not in their name, another number, nobody's name at all.
    await logged(contact({ personName: 'محمد', occurredAt: minutesAgo(15) }));
    await logged(contact({ personName: 'محمد الدوسري', occurredAt: minutesAgo(14) }));
    await logged(contact({ personName: 'أم خالد', personPhone: '0551112224', occurredAt: minutesAgo(13) }));
    await logged(contact({ beneficiaryId: (await registered()).id, occurredAt: minutesAgo(12) }));

    const offered = await resembling(person.id);
    expect(offered.map((view) => view.id)).toEqual([byFamilyWithoutArticle.id, byCompound.id, byName.id, byPhone.id]);
    expect(offered[3]).toEqual(byPhone);
    expect((await resembling(person.id, 2)).map((view) => view.id)).toEqual([byFamilyWithoutArticle.id, byCompound.id]);
    // The whole queue still lists every unlinked contact.
    expect(await unlinked()).toHaveLength(7);

    // Once linked, a contact is no longer offered.
    expectOk(await link(byName.id, person.id));
    expect((await resembling(person.id)).map((view) => view.id)).toEqual([byFamilyWithoutArticle.id, byCompound.id, byPhone.id]);
  });

  it('offers nothing for a person whose data was destroyed, and refuses a person nobody registered', async () => {
    const person = await registered({ phones: ['0551112223'] });
    await logged(contact({ personName: 'محمد الحربي', personPhone: '0551112223' }));
    expect(await resembling(person.id)).toHaveLength(1);
    expectOk(await app.dispatch('beneficiaries.erase', { id: person.id, reason: 'طلب الإتلاف', confirmFileNumber: person.fileNumber }));
    expect(await resembling(person.id)).toEqual([]);
    expect(expectError(await app.dispatch('contacts.unlinked', { resembling: '01890000-0000-7000-8000-000000000000' }))).toEqual({
      code: 'not_found',
      messageKey: 'notFound.beneficiary',
    });
    expect(expectError(await app.dispatch('contacts.unlinked', { resembling: 'not-an-id' }))).toEqual(fieldError('resembling', 'validation.id'));
  });

  it('an officer sees the same offers; with nobody signed in there are none', async () => {
    const person = await registered({ phones: ['0551112223'] });
    const walkIn = await logged(contact({ personName: 'أم محمد', personPhone: '0551112223' }));
    const officer = await createUser(app.dispatch, 'officer');
    expectOk(await app.dispatch('session.signOut', {}));
    expect(expectError(await app.dispatch('contacts.unlinked', { resembling: person.id })).code).toBe('unauthenticated');
    await signInAs(app.dispatch, officer.username, officer.password);
    expect(await resembling(person.id)).toEqual([walkIn]);
  });
});

describe('beneficiaries.timeline', () => {
  it('shows contacts and eligibility decisions newest first, filtered by kind and channel', async () => {
    const person = await registered();
    const visit = await logged(contact({ beneficiaryId: person.id }));
    time.advanceMinutes(1);
    const decision = await decide(person.id);
    time.advanceMinutes(1);
    const call = await logged(contact({ beneficiaryId: person.id, channel: 'phone', phoneNumber: '0551234567', direction: 'outgoing' }));

    const all = await timeline({ id: person.id });
    expect(all).toEqual({
      entries: [
        { kind: 'contact', at: call.occurredAt, contact: call },
        {
          kind: 'eligibility',
          at: decision.decidedAt,
          decision: { id: decision.id, outcome: 'eligible', reason: null, decidedByName: ADMIN.displayName },
        },
        { kind: 'contact', at: visit.occurredAt, contact: visit },
      ],
      nextBefore: null,
    });
    expect(await timeline({ id: person.id, kinds: ['contact', 'eligibility'] })).toEqual(all);
    expect((await timeline({ id: person.id, kinds: ['contact'] })).entries.map(entryId)).toEqual([call.id, visit.id]);
    expect((await timeline({ id: person.id, kinds: ['eligibility'] })).entries.map(entryId)).toEqual([decision.id]);
    // A channel is a contact's: it leaves the decisions out.
    expect((await timeline({ id: person.id, channel: 'phone' })).entries.map(entryId)).toEqual([call.id]);
    expect((await timeline({ id: person.id, channel: 'in_person', kinds: ['contact', 'eligibility'] })).entries.map(entryId)).toEqual([visit.id]);
    expect((await timeline({ id: person.id, channel: 'phone', kinds: ['eligibility'] })).entries).toEqual([]);
    expect((await timeline({ id: person.id, channel: 'letter' })).entries).toEqual([]);
  });

  it('refuses an unknown kind or channel', async () => {
    const person = await registered();
    expect(expectError(await app.dispatch('beneficiaries.timeline', { id: person.id, kinds: ['visit'] }))).toEqual(
      fieldError('kinds.0', 'validation.choice'),
    );
    expect(expectError(await app.dispatch('beneficiaries.timeline', { id: person.id, channel: 'fax' }))).toEqual(
      fieldError('channel', 'validation.choice'),
    );
  });

  it('gives every entry exactly once, in order, across pages; never another person’s', async () => {
    const person = await registered();
    const other = await registered();
    const sameTime = minutesAgo(600);
    const anotherSameTime = minutesAgo(300);
    const ids = new Set<string>();

    // Ten at distinct times from the clock, each with one of the other person's in between.
    for (let n = 0; n < 10; n += 1) {
      ids.add((await logged(contact({ beneficiaryId: person.id, channel: (['in_person', 'phone', 'website', 'letter'] as const)[n % 4], summary: `زيارة ${n}` }))).id);
      await logged(contact({ beneficiaryId: other.id, summary: `غيره ${n}` }));
      time.advanceMinutes(1);
    }
    // Eight at one time and five at another, the other person's at the same times.
    for (let n = 0; n < 8; n += 1) {
      ids.add((await logged(contact({ beneficiaryId: person.id, occurredAt: sameTime, summary: `معًا ${n}` }))).id);
      await logged(contact({ beneficiaryId: other.id, occurredAt: sameTime }));
    }
    for (let n = 0; n < 5; n += 1) {
      ids.add((await logged(contact({ beneficiaryId: person.id, channel: 'letter', occurredAt: anotherSameTime }))).id);
    }
    // Two decisions, and two contacts at exactly a decision's time (ties across the two kinds).
    const first = await decide(person.id);
    time.advanceMinutes(1);
    const second = await decide(person.id);
    ids.add(first.id).add(second.id);
    for (const at of [first.decidedAt, second.decidedAt]) {
      ids.add((await logged(contact({ beneficiaryId: person.id, occurredAt: at }))).id);
    }
    await decide(other.id);
    expect(ids.size).toBe(27);

    const whole = await timeline({ id: person.id, limit: 200 });
    expect(whole.nextBefore).toBeNull();
    expect(whole.entries).toHaveLength(27);
    expect(new Set(whole.entries.map(entryId))).toEqual(ids);
    expect(whole.entries).toEqual(newestFirst(whole.entries));
    for (const entry of whole.entries) {
      if (entry.kind === 'contact') expect(entry.contact.beneficiaryId).toBe(person.id);
    }

    const paged = await everyPage({ id: person.id }, 7);
    expect(paged.pages).toBe(4);
    expect(paged.entries).toEqual(whole.entries);

    // A page size that ends exactly on the last entry, and one of a single entry.
    const exact = await everyPage({ id: person.id }, 9);
    expect(exact.pages).toBe(3);
    expect(exact.entries).toEqual(whole.entries);
    expect((await everyPage({ id: person.id }, 1)).entries).toEqual(whole.entries);

    // Filtered timelines page the same way.
    const contactsOnly = whole.entries.filter((entry) => entry.kind === 'contact');
    expect((await everyPage({ id: person.id, kinds: ['contact'] }, 7)).entries).toEqual(contactsOnly);
    const letters = contactsOnly.filter((entry) => entry.kind === 'contact' && entry.contact.channel === 'letter');
    expect(letters.length).toBeGreaterThan(5);
    expect((await everyPage({ id: person.id, channel: 'letter' }, 2)).entries).toEqual(letters);
    expect((await everyPage({ id: person.id, kinds: ['eligibility'] }, 1)).entries.map(entryId)).toEqual([second.id, first.id]);

    // The other person's timeline holds only theirs.
    const theirs = await everyPage({ id: other.id }, 7);
    expect(theirs.entries).toHaveLength(19);
    for (const entry of theirs.entries) {
      expect(ids.has(entryId(entry))).toBe(false);
      if (entry.kind === 'contact') expect(entry.contact.beneficiaryId).toBe(other.id);
    }
  });

  it('is empty for a person with no contacts or decisions', async () => {
    const person = await registered();
    await logged(contact({ personName: 'غير مسجل' }));
    expect(await timeline({ id: person.id })).toEqual({ entries: [], nextBefore: null });
  });
});

describe('the audit log', () => {
  it('records each contact logged against its person, and each link, without the summary', async () => {
    const person = await registered();
    const view = await logged(contact({ beneficiaryId: person.id, channel: 'letter', purpose: 'complaint' }));
    const walkIn = await logged(contact({ personName: 'سعد الدوسري', personPhone: '0551234567', purpose: 'request' }));
    expectOk(await link(walkIn.id, person.id));

    const loggedEntries = await auditEntries(app.dispatch, { action: 'contact.logged' });
    expect(loggedEntries).toHaveLength(2);
    const [walkInEntry, letterEntry] = loggedEntries;
    expect(letterEntry).toMatchObject({
      action: 'contact.logged',
      actor: { id: app.adminId, displayName: ADMIN.displayName },
      entityType: 'beneficiary',
      entityId: person.id,
      summary: { contactId: view.id, channel: 'letter', purpose: 'complaint' },
      changes: null,
    });
    // Before registration there is nobody to file it under yet.
    expect(walkInEntry).toMatchObject({ entityId: null, summary: { contactId: walkIn.id, channel: 'in_person', purpose: 'request' } });

    const linkedEntries = await auditEntries(app.dispatch, { action: 'contact.linked' });
    expect(linkedEntries).toHaveLength(1);
    expect(linkedEntries[0]).toMatchObject({
      actor: { id: app.adminId },
      entityType: 'beneficiary',
      entityId: person.id,
      summary: { contactId: walkIn.id },
    });

    // The person's trail has both; none of it holds what was said or typed.
    const trail = await auditEntries(app.dispatch, { beneficiaryId: person.id });
    expect(trail.map((entry) => entry.action)).toEqual(expect.arrayContaining(['contact.logged', 'contact.linked']));
    const written = JSON.stringify([...trail, ...loggedEntries]);
    expect(written).not.toContain(view.summary);
    expect(written).not.toContain('سعد الدوسري');
    expect(written).not.toContain('+966551234567');
    expect(expectOk<{ intact: boolean }>(await app.dispatch('audit.verify', {})).intact).toBe(true);
  });
});

describe('permissions', () => {
  it('an officer logs, links, lists the unlinked queue and reads timelines', async () => {
    const person = await registered();
    const officer = await createUser(app.dispatch, 'officer');
    expectOk(await app.dispatch('session.signOut', {}));
    const state: SessionState = await signInAs(app.dispatch, officer.username, officer.password);
    expect(state.user?.id).toBe(officer.id);

    const view = await logged(contact({ beneficiaryId: person.id, channel: 'social_media', platform: 'snapchat' }));
    expect(view.officer).toEqual({ id: officer.id, displayName: officer.displayName });
    const walkIn = await logged(contact({ personName: 'أم خالد' }));
    expect(await unlinked()).toEqual([walkIn]);
    const linked = expectOk<ContactView>(await link(walkIn.id, person.id));
    expect(linked.officer).toEqual({ id: officer.id, displayName: officer.displayName });
    expect((await timeline({ id: person.id })).entries.map(entryId).sort()).toEqual([view.id, walkIn.id].sort());
  });

  it('with nobody signed in, none of it is possible and nothing is written', async () => {
    const person = await registered();
    const walkIn = await logged(contact({ personName: 'أم خالد' }));
    expectOk(await app.dispatch('session.signOut', {}));
    const calls: Array<() => Promise<Result<unknown>>> = [
      () => log(contact({ beneficiaryId: person.id })),
      () => link(walkIn.id, person.id),
      () => app.dispatch('contacts.unlinked', {}),
      () => app.dispatch('beneficiaries.timeline', { id: person.id }),
    ];
    for (const call of calls) expect((await refusedWithoutWriting(call)).code).toBe('unauthenticated');
  });
});

describe('the timeline’s query plan', () => {
  it('reads a person’s contacts through contacts_by_beneficiary, already in order', async () => {
    const person = await registered();
    for (let n = 0; n < 3; n += 1) await logged(contact({ beneficiaryId: person.id }));
    await logged(contact({ personName: 'غير مسجل' }));

    const opened = openDatabase(app.databasePath, { key: app.key });
    try {
      // The query beneficiaryTimeline builds, in each of its forms.
      const base = () =>
        opened.db
          .selectFrom('contacts as c')
          .innerJoin('users as u', 'u.id', 'c.officer_id')
          .selectAll('c')
          .select('u.display_name as officer_name')
          .where('c.beneficiary_id', '=', person.id);
      const at = new Date().toISOString();
      const variants = {
        plain: base(),
        channel: base().where('c.channel', '=', 'phone'),
        cursor: base().where((eb) =>
          eb.or([eb('c.occurred_at', '<', at), eb.and([eb('c.occurred_at', '=', at), eb('c.id', '<', person.id)])]),
        ),
      };
      for (const [name, query] of Object.entries(variants)) {
        const compiled = query.orderBy('c.occurred_at', 'desc').orderBy('c.id', 'desc').limit(51).compile();
        const plan = opened.sqlite
          .prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`)
          .all(...(compiled.parameters as unknown[])) as Array<{ detail: string }>;
        const details = plan.map((row) => row.detail).join('\n');
        expect(details, name).toMatch(/SEARCH c USING INDEX contacts_by_beneficiary \(beneficiary_id=\?/);
        expect(details, name).not.toContain('TEMP B-TREE');
        expect(details, name).not.toMatch(/SCAN c\b/);
      }
    } finally {
      opened.sqlite.close();
    }
  });
});

describe('contacts.closeUnlinked', () => {
  const walkIn = () => logged(contact({ personName: 'زائر من الخبر', personPhone: '0569998877', purpose: 'suggestion', summary: 'اقترح تمديد ساعات الاستقبال' }));

  it('closes an unlinked contact as not a beneficiary, with the reason: it leaves the queue, stays a contact, and is audited', async () => {
    const closing = await walkIn();
    const staying = await walkIn();
    const closed = expectOk<ContactView>(await app.dispatch('contacts.closeUnlinked', { id: closing.id, reason: 'زائر قدّم مقترحًا عامًا' }));
    expect(closed).toMatchObject({ id: closing.id, beneficiaryId: null, personName: 'زائر من الخبر', summary: closing.summary });
    expect((await unlinked()).map((view) => view.id)).toEqual([staying.id]);
    const opened = openDatabase(app.databasePath, { key: app.key });
    const stored = opened.sqlite.prepare('SELECT not_beneficiary_at, not_beneficiary_by, not_beneficiary_reason FROM contacts WHERE id = ?').get(closing.id);
    opened.sqlite.close();
    expect(stored).toEqual({ not_beneficiary_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), not_beneficiary_by: app.adminId, not_beneficiary_reason: 'زائر قدّم مقترحًا عامًا' });
    const [entry] = await auditEntries(app.dispatch, { action: 'contact.closedNotBeneficiary' });
    // The reason is the officer's words about someone: on the contact, not in the log.
    expect(entry).toMatchObject({ summary: { contactId: closing.id } });
  });

  it('refuses closing twice, a linked contact, an unknown one, and a missing reason; writes nothing', async () => {
    const person = await registered();
    const closing = await walkIn();
    expectOk(await app.dispatch('contacts.closeUnlinked', { id: closing.id, reason: 'ليس مستفيدًا' }));
    expect(await refusedWithoutWriting(() => app.dispatch('contacts.closeUnlinked', { id: closing.id, reason: 'مرة أخرى' }))).toEqual({
      code: 'rule',
      messageKey: 'contacts.alreadyClosed',
    });
    const linked = await walkIn();
    expectOk(await link(linked.id, person.id));
    expect(await refusedWithoutWriting(() => app.dispatch('contacts.closeUnlinked', { id: linked.id, reason: 'ليس مستفيدًا' }))).toEqual({
      code: 'rule',
      messageKey: 'contacts.alreadyLinked',
    });
    expect(await refusedWithoutWriting(() => app.dispatch('contacts.closeUnlinked', { id: '019ab9a0-0000-7000-8000-0000000fffff', reason: 'ليس مستفيدًا' }))).toMatchObject({
      code: 'not_found',
    });
    const open = await walkIn();
    expect(await refusedWithoutWriting(() => app.dispatch('contacts.closeUnlinked', { id: open.id, reason: '  ' }))).toEqual(fieldError('reason', 'validation.required'));
  });
});
