import type { Kysely, Selectable } from 'kysely';
import type { ValidInput } from '../../api/contract';
import type { ArticleCategory, ArticleHit, ArticleView, LibraryResults } from '../../api/inquiries';
import type { ArticleTable, DatabaseSchema } from '../../../db/schema';
import { appendAudit } from '../audit/log';
import { readComplaintTargets } from '../complaints/targets';
import { restamp, stamp, SYSTEM_USER_ID, type CallContext } from '../context';
import { notFound } from '../errors';
import { newId } from '../ids';
import { normalizeArabic, stripArticle } from '../search/normalize';
import { starterArticleId } from '../../../db/fixed-ids';
import { STARTER_EDITION, starterArticles, type DeskFacts } from './starter-articles';

type Db = Kysely<DatabaseSchema>;

/**
 * The reference library is hundreds of articles, not millions: every word of the query is matched
 * with LIKE on the folded title and body, and the few candidates are ranked in code.
 */
const CANDIDATES = 500;
/** Characters of the body shown before and after the first match. */
const EXCERPT_BEFORE = 60;
const EXCERPT_AFTER = 180;
/** In a search for any word, shorter words are left out. */
const ANY_WORD_MIN_LETTERS = 3;

/** Title and body folded by the same rules as the beneficiary search, so both boxes agree. */
export const articleSearchText = (title: string, body: string) => normalizeArabic(`${title} ${body}`);

/**
 * The words of a query as they are looked for: folded, and without the article ال (with the و، ب، ف،
 * ك or ل written before it), so that الاسره and للأسرة also find أسرة and وأسرهم: the match is on a
 * part of a word.
 */
export function libraryQueryTokens(query: string): string[] {
  const words = normalizeArabic(query).split(' ').filter((word) => word !== '');
  return [...new Set(words.map(withoutArticle))];
}

/** A particle and the article before a word, as in والاسره, بالاسره, للاسره. */
const ARTICLE_WITH_PARTICLE = /^(?:[وبفك]ال|لل)/u;
/** What must be left after the particle and article: والد and بالغ are words of their own. */
const MIN_STEM_LETTERS = 3;

function withoutArticle(word: string): string {
  const stem = stripArticle(word);
  if (stem !== undefined) return stem;
  const rest = word.replace(ARTICLE_WITH_PARTICLE, '');
  return rest !== word && [...rest].length >= MIN_STEM_LETTERS ? rest : word;
}

export async function searchLibrary(db: Db, input: ValidInput<'library.search'>): Promise<LibraryResults> {
  const typed = libraryQueryTokens(input.query ?? '');
  // Among any words, short ones (عن، في، من) would match nearly every article.
  const tokens = input.anyWord ? typed.filter((token) => [...token].length >= ANY_WORD_MIN_LETTERS) : typed;
  if (input.anyWord && tokens.length === 0) return { hits: [], more: false };
  let query = db.selectFrom('articles').select(['id', 'category', 'title', 'body', 'search_text', 'active']);
  if (input.category) query = query.where('category', '=', input.category);
  if (!input.includeInactive) query = query.where('active', '=', 1);
  // Folded tokens hold only letters and digits, so none of them can carry a LIKE wildcard.
  if (input.anyWord) {
    query = query.where((eb) => eb.or(tokens.map((token) => eb('search_text', 'like', `%${token}%`))));
  } else {
    for (const token of tokens) query = query.where('search_text', 'like', `%${token}%`);
  }
  const rows = await query.orderBy('title').limit(CANDIDATES).execute();

  // The more words matched the better, and a word in the title counts twice.
  const ranked = rows
    .map((row) => {
      const title = normalizeArabic(row.title);
      const inTitle = tokens.filter((token) => title.includes(token)).length;
      const inText = tokens.filter((token) => row.search_text.includes(token)).length;
      return { row, score: inText + inTitle, matchedInTitle: tokens.length > 0 && inTitle === tokens.length };
    })
    .sort((a, b) => b.score - a.score || a.row.title.localeCompare(b.row.title, 'ar'));
  const hits: ArticleHit[] = ranked.slice(0, input.limit).map(({ row, matchedInTitle }) => ({
    id: row.id,
    category: row.category,
    title: row.title,
    excerpt: excerptAround(row.body, tokens),
    active: row.active === 1,
    matchedInTitle,
  }));
  return { hits, more: ranked.length > input.limit };
}

export async function getArticle(db: Db, id: string): Promise<ArticleView> {
  const row = await db
    .selectFrom('articles as a')
    .innerJoin('users as u', 'u.id', 'a.updated_by')
    .selectAll('a')
    .select('u.display_name as updated_by_name')
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('article');
  return toView(row);
}

/** Adds an article or changes one; the folded search text is written with it. */
export async function saveArticle(db: Db, input: ValidInput<'library.save'>, context: CallContext): Promise<ArticleView> {
  const id = await db.transaction().execute(async (trx) => {
    const values = {
      category: input.category,
      title: input.title,
      body: input.body,
      search_text: articleSearchText(input.title, input.body),
      active: input.active ? 1 : 0,
    };
    if (input.id === null) {
      const id = newId();
      await trx.insertInto('articles').values({ id, ...values, ...stamp(context) }).execute();
      await auditArticle(trx, context, id, 'created', Object.keys(FIELD_COLUMNS));
      return id;
    }
    const before = await trx.selectFrom('articles').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (!before) throw notFound('article');
    const changed = (Object.keys(FIELD_COLUMNS) as Array<keyof typeof FIELD_COLUMNS>).filter(
      (field) => before[FIELD_COLUMNS[field]] !== values[FIELD_COLUMNS[field]],
    );
    // Saving an unchanged article writes nothing and records nothing.
    if (changed.length === 0) return input.id;
    await trx
      .updateTable('articles')
      .set({ ...values, ...restamp(context) })
      .where('id', '=', input.id)
      .execute();
    await auditArticle(trx, context, input.id, 'updated', changed);
    return input.id;
  });
  return getArticle(db, id);
}

/** The fields of an article as the form names them, and their columns. */
const FIELD_COLUMNS = { category: 'category', title: 'title', body: 'body', active: 'active' } as const;

function auditArticle(trx: Db, context: CallContext, articleId: string, change: 'created' | 'updated', fields: string[]) {
  // The library holds no one's personal data: its field names are enough to say what changed.
  return appendAudit(trx, context, {
    action: 'catalog.changed',
    entityType: 'catalog',
    entityId: articleId,
    summary: { catalog: 'articles', change, fields },
  });
}

/**
 * A few words of the body around the first place a query word matches (the start of the body when
 * only the title matched). The body is folded letter by letter, remembering where each folded
 * letter came from, so the match found in folded text is cut from the text as written.
 */
export function excerptAround(body: string, tokens: readonly string[]): string {
  const { folded, origins } = foldWithOrigins(body);
  const positions = tokens.map((token) => folded.indexOf(token)).filter((position) => position >= 0);
  const matchAt = positions.length > 0 ? (origins[Math.min(...positions)] ?? 0) : 0;
  let start = Math.max(0, matchAt - EXCERPT_BEFORE);
  let end = Math.min(body.length, matchAt + EXCERPT_AFTER);
  // Whole words only: move the cuts to the nearest space outward.
  if (start > 0) {
    const space = body.lastIndexOf(' ', start);
    start = space < 0 ? 0 : space + 1;
  }
  if (end < body.length) {
    const space = body.indexOf(' ', end);
    end = space < 0 ? body.length : space;
  }
  const excerpt = body.slice(start, end).replace(/\s+/g, ' ').trim();
  return `${start > 0 ? '… ' : ''}${excerpt}${end < body.length ? ' …' : ''}`;
}

function foldWithOrigins(text: string): { folded: string; origins: number[] } {
  let folded = '';
  const origins: number[] = [];
  let index = 0;
  for (const character of text) {
    // Anything but a letter, a digit or a mark separates words, as normalizeArabic makes it.
    const piece = /[\p{L}\p{N}\p{M}]/u.test(character) ? normalizeArabic(character) : ' ';
    for (const letter of piece) {
      folded += letter;
      origins.push(index);
    }
    index += character.length;
  }
  return { folded, origins };
}

function toView(row: Selectable<ArticleTable> & { updated_by_name: string }): ArticleView {
  return {
    id: row.id,
    category: row.category as ArticleCategory,
    title: row.title,
    body: row.body,
    active: row.active === 1,
    updatedAt: row.updated_at,
    updatedBy: { id: row.updated_by, displayName: row.updated_by_name },
    // Only the starter library is written by the system account; any edit stamps the administrator.
    asShipped: row.updated_by === SYSTEM_USER_ID,
  };
}

/** The settings row that records the edition of the starter library a database received. */
export const STARTER_LIBRARY_KEY = 'library.starterEdition';

/**
 * Puts the starter library (the policy, then a few articles on the desk's work) into a database
 * that has never had it: at setup, and once into a database set up before Wasl shipped it. The
 * marker in the settings makes it happen once: an article the administrator has changed or withdrawn
 * is never written again. Not a migration: the articles' search text is folded in code, their targets
 * are read from the catalog, and the installation is an entry in the audit chain, one for the whole
 * set, by the system account that writes them. Runs in the caller's transaction; returns how many
 * articles it wrote.
 */
export async function installStarterLibrary(trx: Db, now: Date): Promise<number> {
  const installed = await trx.selectFrom('settings').select('key').where('key', '=', STARTER_LIBRARY_KEY).executeTakeFirst();
  if (installed) return 0;
  const context: CallContext = { actorId: SYSTEM_USER_ID, now };
  const articles = starterArticles(await deskFacts(trx));
  for (const [index, article] of articles.entries()) {
    await trx
      .insertInto('articles')
      .values({
        id: starterArticleId(index),
        ...article,
        search_text: articleSearchText(article.title, article.body),
        active: 1,
        ...stamp(context),
      })
      .execute();
  }
  await trx
    .insertInto('settings')
    .values({ id: newId(), key: STARTER_LIBRARY_KEY, value: JSON.stringify(STARTER_EDITION), ...stamp(context) })
    .execute();
  await appendAudit(trx, context, {
    action: 'library.starterInstalled',
    entityType: 'catalog',
    summary: { catalog: 'articles', edition: STARTER_EDITION, articles: articles.length },
  });
  return articles.length;
}

async function deskFacts(trx: Db): Promise<DeskFacts> {
  const types = await trx
    .selectFrom('request_types')
    .select(['name_ar', 'target_working_days', 'needs_authority'])
    .where('active', '=', 1)
    .orderBy('sort_order')
    .orderBy('name_ar')
    .execute();
  return {
    requestTypes: types.map((type) => ({ nameAr: type.name_ar, targetWorkingDays: type.target_working_days, needsAuthority: type.needs_authority === 1 })),
    complaintTargets: await readComplaintTargets(trx),
  };
}
