// The reference library a desk starts with, through the real call path on real encrypted files: set
// up, it holds the association's policy (word for word, searchable at once) and the starter articles;
// opening it again adds nothing; what the administrator changes or withdraws stays as they left it;
// a desk set up before the starter library existed receives it once, with the targets of its own
// catalog; and the installation is one entry in the audit log, by the system account.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import type { AuditVerification } from '../../electron/api/audit';
import type { ArticleView, LibraryResults } from '../../electron/api/inquiries';
import type { RequestTypeView } from '../../electron/api/requests';
import type { Dispatch } from '../../electron/services/dispatch';
import { SYSTEM_USER_ID } from '../../electron/services/context';
import { STARTER_LIBRARY_KEY } from '../../electron/services/inquiries/library';
import { POLICY_ARTICLE_BODY, POLICY_ARTICLE_TITLE, STARTER_EDITION } from '../../electron/services/inquiries/starter-articles';
import {
  ADMIN,
  auditEntries,
  createUser,
  expectOk,
  openTestHost,
  openTestWasl,
  signInAs,
  type TestWasl,
} from '../support/database';

const STARTER_TITLES = [
  POLICY_ARTICLE_TITLE,
  'تسجيل المستفيد والتحقق من أحقيته للخدمة',
  'قنوات التواصل المعتمدة ومتى تُستخدم كل قناة',
  'مراحل الطلب من الاستلام إلى إشعار المستفيد، ومدد الإنجاز',
  'الشكاوى والملاحظات والمقترحات: كيف تُعالج',
];

let app: TestWasl;
const cleanups: Array<() => Promise<void> | void> = [];

beforeEach(async () => {
  app = await openTestWasl();
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await app.cleanup();
});

const search = async (dispatch: Dispatch, input: Record<string, unknown>) =>
  expectOk<LibraryResults>(await dispatch('library.search', { limit: 100, ...input }));
const titles = async (dispatch: Dispatch, input: Record<string, unknown> = {}) =>
  (await search(dispatch, { includeInactive: true, ...input })).hits.map((hit) => hit.title).sort();
const article = async (dispatch: Dispatch, title: string) => {
  const hit = (await search(dispatch, { includeInactive: true })).hits.find((candidate) => candidate.title === title);
  if (!hit) expect.fail(`no article «${title}»`);
  return expectOk<ArticleView>(await dispatch('library.get', { id: hit.id }));
};

/** The desk closed and started again on the same folder (a restart), signed in as the administrator. */
async function reopen(): Promise<Dispatch> {
  await app.close();
  const { wasl } = openTestHost(app.dir);
  cleanups.push(() => wasl.close());
  expectOk(await wasl.dispatch('session.signIn', { username: ADMIN.username, password: ADMIN.password }));
  return wasl.dispatch;
}

describe('the starter library', () => {
  it('is in a freshly set-up desk: the policy word for word under its title, issue and date, and the starter articles, all active, as shipped', async () => {
    expect(await titles(app.dispatch)).toEqual([...STARTER_TITLES].sort());
    expect(POLICY_ARTICLE_TITLE).toBe('سياسة تنظيم العلاقة مع المستفيدين — الإصدار (01) بتاريخ 2026/01/31م');

    const policy = await article(app.dispatch, POLICY_ARTICLE_TITLE);
    expect(policy).toMatchObject({ category: 'bylaws', body: POLICY_ARTICLE_BODY, active: true, asShipped: true, updatedBy: { id: SYSTEM_USER_ID } });
    expect(policy.body.startsWith('جمعية العناية بالسجناء بالأحساء\nAlhasa Prisoners Care Association\n\nسياسة تنظيم العلاقة مع المستفيدين')).toBe(true);
    expect(policy.body.endsWith('المنعقدة بتاريخ 2026 / 01 / 31 م')).toBe(true);

    // Every article is as the administrator's form would save it: saving one unchanged writes nothing.
    for (const title of STARTER_TITLES) {
      const shipped = await article(app.dispatch, title);
      const saved = expectOk<ArticleView>(
        await app.dispatch('library.save', { id: shipped.id, category: shipped.category, title: shipped.title, body: shipped.body, active: true }),
      );
      expect(saved).toEqual(shipped);
    }
  });

  it('states what the desk does: the five channels, the three criteria, the request stages and the catalog’s targets', async () => {
    const channels = await article(app.dispatch, STARTER_TITLES[2]!);
    for (const channel of ['المقابلة الشخصية', 'الاتصالات الهاتفية', 'وسائل التواصل الاجتماعي', 'الخطابات الرسمية', 'الموقع الإلكتروني']) {
      expect(channels.body).toContain(channel);
    }
    const registration = await article(app.dispatch, STARTER_TITLES[1]!);
    expect(registration.body).toContain('أن يكون مقيماً إقامة نظامية بالمملكة العربية السعودية');

    const requests = await article(app.dispatch, STARTER_TITLES[3]!);
    const types = expectOk<RequestTypeView[]>(await app.dispatch('requests.types', { active: true }));
    expect(types.length).toBeGreaterThan(0);
    for (const type of types) expect(requests.body).toContain(`- ${type.nameAr}: `);
    expect(requests.body).toContain('- مساعدة مالية: 10 أيام عمل.');
    expect(requests.body).toContain('- تصريح زيارة سجين: 15 يوم عمل (يُرفع عادة إلى جهة مختصة).');
    expect(requests.body).toContain('- استشارة قانونية: 5 أيام عمل.');
    expect(requests.body).toMatch(/الدراسة[\s\S]*الإحالة إلى جهة مختصة[\s\S]*القرار[\s\S]*إشعار المستفيد/u);

    const complaints = await article(app.dispatch, STARTER_TITLES[4]!);
    expect(complaints.body).toContain('- الشكوى: 5 أيام عمل.');
    expect(complaints.body).toContain('- المقترح: 10 أيام عمل.');
  });

  it('is searchable at once: a word of the policy finds it, in any spelling, for an officer too', async () => {
    const officer = await createUser(app.dispatch, 'officer');
    await signInAs(app.dispatch, officer.username, officer.password);

    // Words only the policy has, typed without hamza or taa marbuta, or with the article and a particle.
    for (const query of ['الاستبانات', 'الإستبانات الالكترونيه', 'مجلس الاداره', 'بالانتظام']) {
      expect((await search(app.dispatch, { query })).hits.map((hit) => hit.title), query).toEqual([POLICY_ARTICLE_TITLE]);
    }
    // The title finds it first, matched in the title.
    const byTitle = await search(app.dispatch, { query: 'سياسة تنظيم العلاقة' });
    expect(byTitle.hits[0]).toMatchObject({ title: POLICY_ARTICLE_TITLE, matchedInTitle: true, category: 'bylaws' });
    expect((await search(app.dispatch, { query: 'القنوات', category: 'bylaws' })).hits.map((hit) => hit.title)).toEqual([POLICY_ARTICLE_TITLE]);
  });

  it('is installed once: opening the desk again adds no article and no audit entry', async () => {
    const [installed, ...others] = await auditEntries(app.dispatch, { action: 'library.starterInstalled' });
    expect(others).toEqual([]);
    expect(installed).toMatchObject({
      actor: { id: SYSTEM_USER_ID },
      entityType: 'catalog',
      summary: { catalog: 'articles', edition: STARTER_EDITION, articles: STARTER_TITLES.length },
    });
    // Written in the setup's own transaction, right after it.
    const [setUp] = await auditEntries(app.dispatch, { action: 'app.setUp' });
    expect(installed!.seq).toBe(setUp!.seq + 1);

    const dispatch = await reopen();
    expect(await titles(dispatch)).toEqual([...STARTER_TITLES].sort());
    expect(await auditEntries(dispatch, { action: 'library.starterInstalled' })).toHaveLength(1);
  });

  it('keeps what the administrator changed or withdrew, across openings, and is not written again', async () => {
    const channels = await article(app.dispatch, STARTER_TITLES[2]!);
    const body = `${channels.body}\nتُستقبل المكالمات من الساعة 8 صباحاً حتى 2 ظهراً.`;
    const edited = expectOk<ArticleView>(await app.dispatch('library.save', { ...channels, id: channels.id, body }));
    expect(edited).toMatchObject({ body, asShipped: false, updatedBy: { id: app.adminId } });
    const policy = await article(app.dispatch, POLICY_ARTICLE_TITLE);
    expectOk(await app.dispatch('library.save', { ...policy, id: policy.id, active: false }));

    const dispatch = await reopen();
    expect(await titles(dispatch)).toEqual([...STARTER_TITLES].sort());
    expect(await article(dispatch, STARTER_TITLES[2]!)).toMatchObject({ id: channels.id, body, asShipped: false });
    expect(await article(dispatch, POLICY_ARTICLE_TITLE)).toMatchObject({ id: policy.id, active: false });
    // The edit is searchable, and the withdrawn policy is out of the officer's search.
    expect((await search(dispatch, { query: 'ظهرا' })).hits.map((hit) => hit.title)).toEqual([STARTER_TITLES[2]]);
    expect((await search(dispatch, { query: 'الاستبانات' })).hits).toEqual([]);
    expect(await auditEntries(dispatch, { action: 'library.starterInstalled' })).toHaveLength(1);
  });

  it('reaches a desk set up before it existed once, at its next opening, with the targets that desk set', async () => {
    // The administrator of an older desk had changed a target; its library had only their own article.
    const types = expectOk<RequestTypeView[]>(await app.dispatch('requests.types', { active: true }));
    const legal = types.find((type) => type.code === 'legal_consultation')!;
    expectOk(await app.dispatch('requests.saveType', { ...legal, targetWorkingDays: 7 }));
    expectOk(await app.dispatch('complaints.setTargets', { complaint: 3, note: 5, suggestion: 12 }));
    await app.close();
    asBeforeTheStarterLibrary(app);

    const { wasl } = openTestHost(app.dir);
    cleanups.push(() => wasl.close());
    expectOk(await wasl.dispatch('session.signIn', { username: ADMIN.username, password: ADMIN.password }));
    expect(await titles(wasl.dispatch)).toEqual([...STARTER_TITLES, 'مواعيد الاستقبال'].sort());
    const requests = await article(wasl.dispatch, STARTER_TITLES[3]!);
    expect(requests.body).toContain('- استشارة قانونية: 7 أيام عمل.');
    const complaints = await article(wasl.dispatch, STARTER_TITLES[4]!);
    expect(complaints.body).toContain('- الشكوى: 3 أيام عمل.');
    expect(complaints.body).toContain('- المقترح: 12 يوم عمل.');
    // One entry more than the setup's own (the older desk's log has it too: its rows were only emptied here).
    const [installed, ...earlier] = await auditEntries(wasl.dispatch, { action: 'library.starterInstalled' });
    expect(earlier).toHaveLength(1);
    expect(installed).toMatchObject({ actor: { id: SYSTEM_USER_ID }, summary: { articles: STARTER_TITLES.length } });

    // Signing in again (another session of the same desk) adds nothing.
    expectOk(await wasl.dispatch('session.signOut', {}));
    expectOk(await wasl.dispatch('session.signIn', { username: ADMIN.username, password: ADMIN.password }));
    expect(await titles(wasl.dispatch)).toHaveLength(STARTER_TITLES.length + 1);
    expect(await auditEntries(wasl.dispatch, { action: 'library.starterInstalled' })).toHaveLength(2);
  });

  it('keeps the audit chain whole', async () => {
    const dispatch = await reopen();
    expect(expectOk<AuditVerification>(await dispatch('audit.verify', {}))).toMatchObject({ intact: true, problem: null });
  });
});

/**
 * Turns the closed database into one from before the starter library: no starter article, no
 * marker, and an article of the administrator's own.
 */
function asBeforeTheStarterLibrary(test: TestWasl): void {
  const opened = openDatabase(test.databasePath, { key: test.key });
  try {
    // The register of controlled documents came later still: its policy names the policy's article.
    opened.sqlite.prepare('DELETE FROM controlled_document_versions').run();
    opened.sqlite.prepare('DELETE FROM controlled_documents').run();
    opened.sqlite.prepare('DELETE FROM articles').run();
    opened.sqlite.prepare('DELETE FROM settings WHERE key = ?').run(STARTER_LIBRARY_KEY);
    const at = new Date().toISOString();
    opened.sqlite
      .prepare(
        `INSERT INTO articles (id, category, title, body, search_text, active, created_at, updated_at, created_by, updated_by)
         VALUES ('01a24ebc-0000-7000-8000-0000000000a1', 'answers', 'مواعيد الاستقبال', 'من الأحد إلى الخميس.', 'مواعيد الاستقبال من الاحد الي الخميس', 1, ?, ?, ?, ?)`,
      )
      .run(at, at, test.adminId, test.adminId);
  } finally {
    opened.sqlite.close();
  }
}
