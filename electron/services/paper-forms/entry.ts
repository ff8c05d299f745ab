import type { Kysely, Selectable } from 'kysely';
import type { ValidInput } from '../../api/contract';
import { NAME_BOX, type EntryStage, type PaperEntryDone, type PaperFormFound, type PaperMismatch, type PaperMismatches } from '../../api/paper-forms';
import type { Answers } from '../../api/questionnaires';
import type { DatabaseSchema, QuestionnaireOfferTable } from '../../../db/schema';
import { appendAudit } from '../audit/log';
import { stamp, type CallContext } from '../context';
import { readVerificationNumber } from '../enrolments/verification-number';
import { AppError } from '../errors';
import { newId } from '../ids';
import { answersOf, checkAnswers, questionsOf, sameAnswer } from '../questionnaires/answers';
import { questionnaireVersion } from '../questionnaires/service';
import { readOffer, recordResponse } from '../satisfaction/offers';

type Db = Kysely<DatabaseSchema>;
type Offer = Selectable<QuestionnaireOfferTable>;

/**
 * A paper form typed back in, found by the code printed on it. Without double entry the first typing
 * is the response. With it, the first typing is kept aside, a second officer types the form again
 * without being shown the first, and the two are compared question by question: alike, they are the
 * response; different, an officer settles each difference against the paper.
 */

/** The code as printed, from the code as typed (Arabic-Indic digits too: a keyboard left in Arabic). */
function printedCode(typed: string): string {
  const code = readVerificationNumber(typed);
  if (code === null) throw new AppError('validation', 'validation.failed', { fields: [{ path: 'code', messageKey: 'paperForms.validation.code' }] });
  return code;
}

/** The answer to a code printed on no form: the shield gives a withheld form's code the same one. */
export const unknownCode = (): AppError => new AppError('not_found', 'paperForms.unknownCode');

/**
 * The offer a code was printed on. Codes are random and not unique by index (two desks could, most
 * unlikely, give one code): the one still waiting comes first, then the newest.
 */
async function offerOfCode(db: Db, typed: string): Promise<Offer> {
  const code = printedCode(typed);
  const offers = await db.selectFrom('questionnaire_offers').selectAll().where('code', '=', code).orderBy('offered_at', 'desc').orderBy('id', 'desc').execute();
  const offer = offers.find((one) => one.status !== 'responded') ?? offers[0];
  if (!offer) throw unknownCode();
  return offer;
}

async function waitingOfferOfCode(db: Db, typed: string): Promise<Offer> {
  const offer = await offerOfCode(db, typed);
  if (offer.status === 'responded') throw new AppError('rule', 'paperForms.recorded');
  return offer;
}

const entriesOf = (db: Db, offerId: string) =>
  db
    .selectFrom('questionnaire_paper_entries as e')
    .innerJoin('users as u', 'u.id', 'e.entered_by')
    .selectAll('e')
    .select('u.display_name')
    .where('e.offer_id', '=', offerId)
    .orderBy('e.entered_at')
    .orderBy('e.id')
    .execute();

async function doubleEntryOf(db: Db, questionnaireId: string): Promise<boolean> {
  const questionnaire = await db.selectFrom('questionnaires').select('double_entry').where('id', '=', questionnaireId).executeTakeFirstOrThrow();
  return questionnaire.double_entry === 1;
}

/**
 * Where a waiting form's typing stands, from the typings kept: a form with one typing waits for its
 * second even if double entry was turned off since, so that what one officer typed is never the
 * response unchecked once a second was asked for.
 */
function stageOf(offer: Offer, entries: number): EntryStage {
  if (offer.status === 'responded') return 'recorded';
  if (entries === 0) return 'first';
  return entries === 1 ? 'second' : 'mismatches';
}

export async function findPaperForm(db: Db, code: string, context: CallContext): Promise<PaperFormFound> {
  const offer = await offerOfCode(db, code);
  const entries = await entriesOf(db, offer.id);
  const stage = stageOf(offer, entries.length);
  return {
    offer: await readOffer(db, offer.id),
    version: await questionnaireVersion(db, offer.version_id),
    doubleEntry: await doubleEntryOf(db, offer.questionnaire_id),
    stage,
    firstEnteredByYou: stage === 'second' && entries[0]?.entered_by === context.actorId,
  };
}

/** The questions (and the name box) two typings of a form differ on, each value as typed. */
function differences(questionKeys: readonly string[], first: { answers: Answers; named: boolean }, second: { answers: Answers; named: boolean }): PaperMismatch[] {
  const found: PaperMismatch[] = questionKeys
    .filter((key) => !sameAnswer(first.answers[key], second.answers[key]))
    .map((key) => ({ key, first: first.answers[key] ?? null, second: second.answers[key] ?? null }));
  if (first.named !== second.named) found.push({ key: NAME_BOX, first: first.named, second: second.named });
  return found;
}

export async function enterPaperForm(db: Db, input: ValidInput<'paperForms.enter'>, context: CallContext): Promise<PaperEntryDone> {
  const done = await db.transaction().execute(async (trx): Promise<{ offerId: string; stage: PaperEntryDone['stage']; mismatches: number }> => {
    const offer = await waitingOfferOfCode(trx, input.code);
    const version = await trx.selectFrom('questionnaire_versions').select('questions').where('id', '=', offer.version_id).executeTakeFirstOrThrow();
    const questions = questionsOf(version.questions);
    // Every typing is checked as a response would be, so that two typings compare in the kept shapes.
    const answers = checkAnswers(questions, input.answers, { requireAnswers: false });
    const entries = await entriesOf(trx, offer.id);
    const audit = (summary: Record<string, unknown>) =>
      appendAudit(trx, context, { action: 'paperForm.entered', entityType: 'questionnaire', entityId: offer.questionnaire_id, summary: { offer: offer.id, code: offer.code, ...summary } });

    if (entries.length >= 2) throw new AppError('rule', 'paperForms.toSettle');
    if (entries.length === 0 && !(await doubleEntryOf(trx, offer.questionnaire_id))) {
      await audit({ entry: 1, of: 1 });
      await recordResponse(trx, { offerId: offer.id, mode: 'paper', answers, named: input.named }, context);
      return { offerId: offer.id, stage: 'recorded', mismatches: 0 };
    }
    const first = entries[0];
    if (first?.entered_by === context.actorId) throw new AppError('rule', 'paperForms.sameTypist');
    await trx
      .insertInto('questionnaire_paper_entries')
      .values({ id: newId(), offer_id: offer.id, answers: JSON.stringify(answers), named: input.named ? 1 : 0, entered_at: context.now.toISOString(), entered_by: context.actorId, ...stamp(context) })
      .execute();
    if (first === undefined) {
      await audit({ entry: 1, of: 2 });
      return { offerId: offer.id, stage: 'second', mismatches: 0 };
    }
    const found = differences(
      questions.map((question) => question.key),
      { answers: answersOf(first.answers), named: first.named === 1 },
      { answers, named: input.named },
    );
    await audit({ entry: 2, of: 2, mismatches: found.length });
    if (found.length > 0) return { offerId: offer.id, stage: 'mismatches', mismatches: found.length };
    await recordResponse(trx, { offerId: offer.id, mode: 'paper', answers, named: input.named }, context);
    return { offerId: offer.id, stage: 'recorded', mismatches: 0 };
  });
  return { offer: await readOffer(db, done.offerId), stage: done.stage, mismatches: done.mismatches };
}

/** A form's two differing typings, read together: what differs (each value as typed) and what agrees. */
async function typingsToSettle(db: Db, code: string) {
  const offer = await waitingOfferOfCode(db, code);
  const entries = await entriesOf(db, offer.id);
  if (entries.length < 2) throw new AppError('rule', 'paperForms.nothingToSettle');
  const [first, second] = [entries[0]!, entries[1]!];
  const version = await questionnaireVersion(db, offer.version_id);
  const typings = [first, second].map((entry) => ({ answers: answersOf(entry.answers), named: entry.named === 1 }));
  const keys = version.content.questions.map((question) => question.key);
  const mismatches = differences(keys, typings[0]!, typings[1]!);
  const agreed: Answers = {};
  for (const key of keys) {
    const value = typings[0]!.answers[key];
    if (value !== undefined && sameAnswer(value, typings[1]!.answers[key])) agreed[key] = value;
  }
  return { offer, version, entries: [first, second], mismatches, agreed: { answers: agreed, named: typings[0]!.named === typings[1]!.named ? typings[0]!.named : null } };
}

export async function paperMismatches(db: Db, code: string): Promise<PaperMismatches> {
  const found = await typingsToSettle(db, code);
  return {
    offer: await readOffer(db, found.offer.id),
    version: found.version,
    mismatches: found.mismatches,
    agreed: found.agreed,
    entries: found.entries.map((entry) => ({ enteredAt: entry.entered_at, enteredBy: { id: entry.entered_by, displayName: entry.display_name } })),
  };
}

/**
 * The form's answers as the officer settling it read them on the paper: the whole form, so that what
 * is recorded is what that officer confirmed. Any officer with the paper in hand may settle, one of
 * the two typists too; the audit entry says who did.
 */
export async function settlePaperForm(db: Db, input: ValidInput<'paperForms.settle'>, context: CallContext): Promise<PaperEntryDone> {
  const offerId = await db.transaction().execute(async (trx) => {
    const found = await typingsToSettle(trx, input.code);
    await appendAudit(trx, context, {
      action: 'paperForm.settled',
      entityType: 'questionnaire',
      entityId: found.offer.questionnaire_id,
      summary: { offer: found.offer.id, code: found.offer.code, mismatches: found.mismatches.length },
    });
    await recordResponse(trx, { offerId: found.offer.id, mode: 'paper', answers: input.answers, named: input.named }, context);
    return found.offer.id;
  });
  return { offer: await readOffer(db, offerId), stage: 'recorded', mismatches: 0 };
}
