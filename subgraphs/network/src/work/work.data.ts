import type { RequiredEntityData } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Theme } from '@citipart/schema';
import { MEETING_ID, insertMissing, textColumns } from '@citipart/subgraph-kit';
import { Conclusion } from './conclusion.entity';
import { Cooperation, CooperationPartner } from './cooperation.entity';
import { NetworkQuestion } from './network-question.entity';
import { CONCLUSION_SEED_TEXTS, COOPERATION_SEED_TEXTS, QUESTION_SEED_TEXTS } from './work.texts';

// The network's seeded work. The sources say only that at the last meeting some partners
// agreed to keep working together (which ones, and on what, is not documented), and nothing
// of the questionnaire or the meetings' conclusions: every row here is sample data, `demo:
// true`, with its texts in work.texts.ts. docs/DATASET.md describes it.

/** The common questionnaire. Its ids are fixed: the partners' demo survey questions point at them. */
const QUESTIONS: { id: keyof typeof QUESTION_SEED_TEXTS; theme: Theme }[] = [
  { id: 'q-solidarity-1', theme: Theme.SOLIDARITY },
  { id: 'q-solidarity-2', theme: Theme.SOLIDARITY },
  { id: 'q-tolerance-1', theme: Theme.TOLERANCE },
  { id: 'q-peace-1', theme: Theme.PEACE },
];

export const networkQuestions: RequiredEntityData<NetworkQuestion>[] = QUESTIONS.map((question, position) => ({
  ...question,
  position,
  ...textColumns(QUESTION_SEED_TEXTS[question.id]),
  demo: true,
}));

/** The thematic meetings' conclusions, each on the meeting's theme, in order. */
const THEME_OF: Record<string, Theme> = {
  [MEETING_ID.solidarity]: Theme.SOLIDARITY,
  [MEETING_ID.tolerance]: Theme.TOLERANCE,
  [MEETING_ID.peace]: Theme.PEACE,
};

export const conclusions: RequiredEntityData<Conclusion>[] = Object.entries(CONCLUSION_SEED_TEXTS).flatMap(
  ([meetingId, texts]) =>
    texts.map((localized, position) => ({
      id: `${meetingId}-conclusion-${position + 1}`,
      meetingId,
      position,
      theme: THEME_OF[meetingId]!,
      ...textColumns(localized),
      demo: true,
    })),
);

/**
 * Two cooperations agreed at the closing meeting, between partners for whom it is plausible:
 * the youth association in Villach with the two partners whose forum theatre is known or
 * sampled; the two partners named after Robert Schuman.
 */
const COOPERATIONS: { id: keyof typeof COOPERATION_SEED_TEXTS; partners: string[] }[] = [
  { id: 'villach-2017-forum-theatre-exchange', partners: ['gemma-villach', 'maison-europe-yvelines', 'bbag'] },
  {
    id: 'villach-2017-schuman-school-visits',
    partners: ['centre-europeen-robert-schuman', 'polska-fundacja-roberta-schumana'],
  },
];

export const cooperations: RequiredEntityData<Cooperation>[] = COOPERATIONS.map((cooperation) => ({
  id: cooperation.id,
  ...textColumns(COOPERATION_SEED_TEXTS[cooperation.id]),
  agreedAtId: MEETING_ID.closing,
  demo: true,
}));

export const cooperationPartners: RequiredEntityData<CooperationPartner>[] = COOPERATIONS.flatMap((cooperation) =>
  cooperation.partners.map((partnerId, position) => ({ cooperationId: cooperation.id, partnerId, position })),
);

/**
 * Seeds the work, adding only what is missing (like the rest of the seed). A cooperation's
 * partners are seeded only with the cooperation: partners the admin has since changed are
 * not mixed with the seeded ones.
 */
export async function seedWork(em: EntityManager) {
  const bare = await em.find(Cooperation, { id: { $in: cooperations.map((row) => row.id!) } }, { fields: ['id'] });
  const linked = new Set(
    (
      await em.find(
        CooperationPartner,
        { cooperationId: { $in: bare.map((row) => row.id) } },
        { fields: ['cooperationId'] },
      )
    ).map((row) => row.cooperationId),
  );
  return {
    networkQuestion: await insertMissing(em, NetworkQuestion, networkQuestions),
    conclusion: await insertMissing(em, Conclusion, conclusions),
    cooperation: await insertMissing(em, Cooperation, cooperations),
    cooperationPartner: await insertMissing(
      em,
      CooperationPartner,
      cooperationPartners.filter((row) => !linked.has(row.cooperationId!)),
    ),
  };
}
