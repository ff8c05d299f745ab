import { sql, type Kysely } from 'kysely';
import type { ReportPeriod, SatisfactionSection } from '../../api/reports';
import { SHIPPED_QUESTIONNAIRE_ID } from '../../../db/fixed-ids';
import type { DatabaseSchema } from '../../../db/schema';
import type { Shield } from '../complaints/shield';
import { readSatisfaction } from '../satisfaction-figures/service';

type Db = Kysely<DatabaseSchema>;

/** The questions whose average the report prints: the scales and the 0–10 question. */
const AVERAGED = new Set(['satisfaction', 'recommend']);

/**
 * The satisfaction section for a period and the one before it, office-wide, read in the caller's
 * transaction by the same service as the satisfaction screen: each questionnaire offered or
 * answered in either period (the shipped one first, always), the same list in both. The comments on
 * a case the shield withholds from the reader are left out, as the report's lists leave its records.
 */
export async function satisfactionFigures(db: Db, current: ReportPeriod, previous: ReportPeriod, shield: Shield): Promise<{ current: SatisfactionSection; previous: SatisfactionSection }> {
  const ids = await questionnairesActive(db, previous.from, current.to);
  const read = async (period: ReportPeriod): Promise<SatisfactionSection> => {
    const questionnaires = [];
    for (const questionnaireId of ids) {
      const figures = await readSatisfaction(db, { from: period.from, to: period.to, questionnaireId, officerId: null, cut: null }, shield);
      questionnaires.push({
        questionnaire: figures.questionnaire,
        versions: figures.versions,
        total: figures.total,
        questions: figures.questions
          .filter((question) => AVERAGED.has(question.kind))
          .map(({ key, kind, textAr, textEn, n, tooFew, average, versions }) => ({ key, kind, textAr, textEn, n, tooFew, average, versions })),
        comments: figures.comments,
      });
    }
    return { questionnaires };
  };
  return { current: await read(current), previous: await read(previous) };
}

/**
 * The questionnaires offered or answered between two days (through the offers' and responses' day
 * indexes), and the shipped one whenever the desk holds it: the shipped one first, then by title.
 */
async function questionnairesActive(db: Db, from: string, to: string): Promise<string[]> {
  const { rows } = await sql<{ id: string; shipped: number; title: string }>`
    SELECT q.id, q.id = ${SHIPPED_QUESTIONNAIRE_ID} AS shipped,
      (SELECT title_ar FROM questionnaire_versions v WHERE v.questionnaire_id = q.id ORDER BY version DESC LIMIT 1) AS title
    FROM questionnaires q
    WHERE q.id = ${SHIPPED_QUESTIONNAIRE_ID}
      OR q.id IN (SELECT questionnaire_id FROM questionnaire_offers WHERE offered_on >= ${from} AND offered_on <= ${to})
      OR q.id IN (SELECT v.questionnaire_id FROM questionnaire_responses r CROSS JOIN questionnaire_versions v ON v.id = r.version_id
                  WHERE r.answered_on >= ${from} AND r.answered_on <= ${to})
    ORDER BY shipped DESC, title, q.id`.execute(db);
  return rows.map((row) => row.id);
}
