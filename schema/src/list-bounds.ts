import { AgeBand, ParticipantCategory, Theme } from './enums';
import { LOCALES } from './locales';

/**
 * The most items lists without `first` can hold, where the writes bound them: the write
 * rules refuse more (they read these numbers), and the query cost (query-cost.ts) counts
 * these lists at their bound instead of the generic `listSize`, so that a partner site can
 * ask for every partner's survey answers in one query.
 */
export const WORK_LIMITS = {
  /** Questions of one survey. */
  questions: 30,
  /** Options of one survey question. */
  options: 12,
  /** Performances of one play. */
  performances: 100,
  /** Questions of the network's common questionnaire. */
  questionnaire: 100,
  /** Partners of one cooperation. */
  cooperationPartners: 50,
} as const;

/** An attendance list holds at most one cell per category and age band. */
export const ATTENDANCE_CELLS = Object.keys(ParticipantCategory).length * Object.keys(AgeBand).length;

/** The bounded lists, by `Type.field`. */
export const LIST_BOUNDS: Readonly<Record<string, number>> = {
  'Survey.questions': WORK_LIMITS.questions,
  'SurveyQuestion.options': WORK_LIMITS.options,
  'Play.performances': WORK_LIMITS.performances,
  'Network.questionnaire': WORK_LIMITS.questionnaire,
  'Cooperation.partners': WORK_LIMITS.cooperationPartners,
  'Activity.attendance': ATTENDANCE_CELLS,
  'Meeting.attendance': ATTENDANCE_CELLS,
  'PartnerStatistics.attendance': ATTENDANCE_CELLS,
  'NetworkStatistics.attendance': ATTENDANCE_CELLS,
  'PartnerStatistics.activitiesByTheme': Object.keys(Theme).length,
  'NetworkStatistics.meetingsByTheme': Object.keys(Theme).length,
  'Network.translationCoverage': LOCALES.length,
  'Partner.translationCoverage': LOCALES.length,
};
