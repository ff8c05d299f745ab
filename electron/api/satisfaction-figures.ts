import { z } from 'zod';
import { call } from './define';
import { id } from './fields/schemas';
import type { QuestionKind } from './questionnaires';
import { reportPeriodInput } from './reports';

/**
 * What the satisfaction questionnaires' answers add up to, for a period: the satisfaction score
 * (CSAT), the net promoter score (NPS), the response rate, and each question's average and
 * distribution, whole or cut by a dimension of the case. Every figure carries the formula it was
 * read by and how many responses it stands on; a figure on fewer than MIN_RESPONSES is withheld
 * ("too few to judge"), its count shown. No figure says who answered what: the person a response may
 * name is never read, and the comments are listed with their day and nothing else of the case.
 */

/** Below this many responses a figure is withheld: a score of three answers says nothing yet. */
export const MIN_RESPONSES = 5;

/** What the figures can be cut by: the case's channel, program, request type and officer, the occasion it was offered on, how it was answered. */
export const FIGURE_CUTS = ['channel', 'program', 'requestType', 'officer', 'occasion', 'mode'] as const;
export type FigureCut = (typeof FIGURE_CUTS)[number];

export const satisfactionFiguresInput = reportPeriodInput.and(
  z.object({
    /** The shipped questionnaire when absent. */
    questionnaireId: id.nullable().default(null),
    cut: z.enum(FIGURE_CUTS, { error: 'validation.choice' }).nullable().default(null),
    /** One officer's cases: only a supervisor picks; an officer reads their own whatever is asked. */
    officerId: id.nullable().default(null),
  }),
);
export type SatisfactionFiguresInput = z.input<typeof satisfactionFiguresInput>;

/**
 * The formulas, named by their key in the satisfaction-figures messages (formulas.<key>): the
 * screen, the report and its files print the same sentence.
 */
export type FigureFormula = 'csat' | 'nps' | 'responseRate' | 'average' | 'distribution' | 'number';

/** A figure: its value (null when withheld or when nothing was answered), and how many responses it stands on. */
export interface Figure {
  value: number | null;
  /** The responses (or, for the response rate, the offers) it was read from. */
  n: number;
  /** Fewer than MIN_RESPONSES: the value is withheld. */
  tooFew: boolean;
  formula: FigureFormula;
}

export interface NpsFigure extends Figure {
  promoters: number;
  passives: number;
  detractors: number;
}

/** Of the offers made in the period, how many were answered by its end: value = answered ÷ offered × 100. */
export interface ResponseRateFigure extends Figure {
  offered: number;
  answered: number;
}

/** One possible answer and how many gave it (withheld with the question's figures when too few answered). */
export interface AnswerCount {
  /** '1'…'5', '0'…'10', 'yes'/'no', or an option's key. */
  key: string;
  labelAr: string;
  labelEn: string | null;
  count: number;
}

export interface QuestionFigures {
  key: string;
  kind: QuestionKind;
  textAr: string;
  textEn: string | null;
  /** The versions of the questionnaire that asked it and were answered in the period. */
  versions: number[];
  /** Responses that answered it. */
  n: number;
  tooFew: boolean;
  /** Scale, recommend and number questions: the mean of the answers; null otherwise or when withheld. */
  average: number | null;
  /** A number question's smallest and largest answers. */
  min: number | null;
  max: number | null;
  /** Every possible answer in order, with its count: empty for number and text questions, and when withheld. */
  distribution: AnswerCount[];
}

/** The headline figures of one group of responses (the whole, or one value of the cut). */
export interface HeadlineFigures {
  responses: number;
  csat: Figure;
  nps: NpsFigure;
  responseRate: ResponseRateFigure;
}

/** A comment as the person wrote it: its day and the question, nothing that tells whose case it was. */
export interface SatisfactionComment {
  answeredOn: string;
  questionKey: string;
  text: string;
}

export interface FigureGroup extends HeadlineFigures {
  /** The cut's value: a channel, an occasion or a mode's code, a program's, request type's or officer's id; null for cases without one. */
  key: string | null;
  labelAr: string;
  labelEn: string | null;
}

export interface SatisfactionFigures {
  from: string;
  to: string;
  questionnaire: { id: string; titleAr: string; titleEn: string | null };
  /** The versions whose responses the figures cover (a question's own are on the question). */
  versions: number[];
  /** 'own': an officer's own cases; 'office': everyone's, or the officer picked. */
  scope: 'own' | 'office';
  officerId: string | null;
  total: HeadlineFigures;
  questions: QuestionFigures[];
  cut: FigureCut | null;
  groups: FigureGroup[];
  /** Newest first. */
  comments: SatisfactionComment[];
  /**
   * An officer's own cases' comments are not listed while they stand on fewer than MIN_RESPONSES
   * responses: the officer served those few people and could tell who wrote which.
   */
  commentsWithheld: boolean;
  /** The officers a supervisor may pick (empty for an officer). */
  officers: Array<{ id: string; displayName: string }>;
}

export const satisfactionFiguresCalls = {
  /** An officer reads their own cases' figures; a supervisor everyone's, or one officer's. */
  'satisfactionFigures.figures': call('satisfaction.collect', satisfactionFiguresInput).returns<SatisfactionFigures>(),
};
