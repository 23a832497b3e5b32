import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Locale, type Theme, WORK_LIMITS, userInputError } from '@citipart/schema';
import {
  type FieldRules,
  type RecordKind,
  type RowCheckContext,
  type SignedIn,
  type SubgraphContext,
  VersionedIdArgs,
  type WorkParent,
  changeRecord,
  check,
  checkOriginalLocale,
  createRecord,
  replaceWork,
  requireAdmin,
} from '@citipart/subgraph-kit';
import { Args, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { Meeting } from '../meeting.entity';
import { NetworkInfo } from '../network.entity';
import { NETWORK_ID } from '../network.resolver';
import { Partner } from '../partner.entity';
import { Conclusion } from './conclusion.entity';
import { Cooperation, CooperationPartner } from './cooperation.entity';
import { NetworkQuestion } from './network-question.entity';
import {
  AddMeetingConclusionArgs,
  type ConclusionInput,
  CreateCooperationArgs,
  type CooperationInput,
  type NetworkQuestionInput,
  SetNetworkQuestionnaireArgs,
  UpdateCooperationArgs,
  UpdateMeetingConclusionArgs,
} from './work.inputs';

// The network admin's writes to the work (API v3): the common questionnaire, the meetings'
// conclusions and the cooperations, through the kit's write engine
// (subgraphs/kit/src/writes/records.ts) under version 2's rules: admin only, versions,
// client keys on creates, one audit entry per write, BAD_USER_INPUT naming the field.

const adminOnly = (identity: SignedIn) => requireAdmin(identity);

/** A paragraph that must be there: not blank, at most 2000 characters. */
function requiredLongText(value: string | null, field: string): string {
  const text = check.optionalLongText(check.required(value, field), field);
  if (!text) throw userInputError(`"${field}" must not be empty.`, field);
  return text;
}

/** Refuses a theme the network does not work on (`Network.themes`). */
async function checkTheme(em: EntityManager, theme: Theme | null | undefined, field: string): Promise<void> {
  if (!theme) return;
  const network = await em.findOneOrFail(NetworkInfo, { id: NETWORK_ID }, { fields: ['themes'] });
  if (!network.themes.includes(theme)) {
    throw userInputError(
      `"${field}": ${theme} is not one of the network's themes (${network.themes.join(', ')}).`,
      field,
    );
  }
}

/**
 * Refuses a meeting that does not exist, and keeps the one that does from being deleted
 * before this transaction ends (FOR SHARE), so that the reference stays valid.
 */
async function requireMeeting(em: EntityManager, id: string, field: string): Promise<void> {
  const found = await em.findOne(Meeting, { id }, { fields: ['id'], lockMode: LockMode.PESSIMISTIC_READ });
  if (!found) throw userInputError(`"${field}": there is no meeting "${id}".`, field);
}

// ---- The questionnaire ----------------------------------------------------------------

/** The bound the query cost counts the questionnaire at (schema/src/list-bounds.ts). */
const MAX_QUESTIONS = WORK_LIMITS.questionnaire;

/** The questions as they will be stored, checked; errors name `questions[i].<field>`. */
function checkQuestions(questions: NetworkQuestionInput[]): NetworkQuestionInput[] {
  if (questions.length > MAX_QUESTIONS) {
    throw userInputError(
      `"questions" may list at most ${MAX_QUESTIONS} questions; got ${questions.length}.`,
      'questions',
    );
  }
  const seen = new Set<string>();
  return questions.map((question, index) => {
    const field = `questions[${index}]`;
    const id = check.slug(check.required(question.id, `${field}.id`), `${field}.id`);
    if (seen.has(id)) throw userInputError(`"${field}.id": "${id}" is listed twice.`, `${field}.id`);
    seen.add(id);
    return {
      id,
      text: check.text(check.required(question.text, `${field}.text`), `${field}.text`, 500),
      theme: check.required(question.theme, `${field}.theme`),
      locale: question.locale ?? null,
    };
  });
}

/** The questionnaire is the network's: it is replaced at the network's version. */
const NETWORK: WorkParent<NetworkInfo> = {
  entity: NetworkInfo,
  entityType: 'Network',
  authorize: adminOnly,
  partnerOf: () => null,
};

/** Questions on the network's themes, in no language they have a translation into. */
async function checkQuestionnaire(em: EntityManager, network: NetworkInfo, questions: NetworkQuestionInput[]) {
  const stored = new Map(
    (await em.find(NetworkQuestion, { id: { $in: questions.map((question) => question.id) } })).map((question) => [
      question.id,
      question,
    ]),
  );
  questions.forEach((question, index) => {
    const field = `questions[${index}]`;
    if (!network.themes.includes(question.theme)) {
      throw userInputError(
        `"${field}.theme": ${question.theme} is not one of the network's themes (${network.themes.join(', ')}).`,
        `${field}.theme`,
      );
    }
    if (question.locale) {
      checkOriginalLocale({ originalLocale: question.locale }, stored.get(question.id), `${field}.locale`);
    }
  });
  return questions;
}

/**
 * Questions are matched by id: a question that stays keeps its id, its translations and its
 * `demo` flag (and, without `locale`, its language); a new id is a new question; a question
 * left out is removed. Partners' survey questions that pointed at a removed id then read
 * `networkQuestion: null` (their subgraphs cannot be asked from here); giving the id again
 * ties them to it again.
 */
async function replaceQuestionnaire(em: EntityManager, questions: NetworkQuestionInput[]): Promise<void> {
  const stored = new Map((await em.find(NetworkQuestion, {})).map((question) => [question.id, question]));
  const kept = new Set(questions.map((question) => question.id));
  for (const question of stored.values()) if (!kept.has(question.id)) em.remove(question);
  questions.forEach(({ id, text, theme, locale }, position) => {
    const existing = stored.get(id);
    if (existing) {
      Object.assign(existing, { text, theme, position, originalLocale: locale ?? existing.originalLocale });
    } else {
      em.create(NetworkQuestion, { id, text, theme, position, originalLocale: locale ?? Locale.EN });
    }
  });
}

// ---- Conclusions ----------------------------------------------------------------------

const CONCLUSION_FIELDS: FieldRules<ConclusionInput, Conclusion> = {
  theme: (value) => ({ theme: value }),
  problem: (value, field) => ({ problem: requiredLongText(value, field) }),
  proposal: (value, field) => ({ proposal: requiredLongText(value, field) }),
  followUp: (value, field) => ({ followUp: check.optionalLongText(value, field) }),
  // Left out (or null) in an add: English, the network's common language; in a patch: unchanged.
  locale: (value) => (value ? { originalLocale: value } : {}),
};

/** Conclusions belong to no partner: their client keys are the admin's, in one scope. */
const CONCLUSION_KEYS = { partnerId: '', entityType: 'Conclusion' };

const CONCLUSION: RecordKind<Conclusion, ConclusionInput> = {
  entity: Conclusion,
  entityType: 'Conclusion',
  fields: CONCLUSION_FIELDS,
  defaults: { originalLocale: Locale.EN },
  authorize: adminOnly,
  ownerFromId: (id) => ({ id }),
  partnerOf: () => null,
  async check(conclusion, { em, field, stored }: RowCheckContext<Conclusion, ConclusionInput>) {
    if (!stored) await requireMeeting(em, conclusion.meetingId!, 'meetingId');
    if (conclusion.theme !== stored?.theme) await checkTheme(em, conclusion.theme, `${field}.theme`);
    checkOriginalLocale(conclusion, stored, `${field}.locale`);
  },
  // A new conclusion comes after the meeting's others.
  async beforeCreate(em, conclusion) {
    const [last] = await em.find(
      Conclusion,
      { meetingId: conclusion.meetingId! },
      { fields: ['position'], orderBy: { position: 'desc' }, limit: 1 },
    );
    conclusion.position = last ? last.position + 1 : 0;
  },
  clientKeys: { unique: ['clientKey'], keyOf: (row) => row.clientKey, scope: () => CONCLUSION_KEYS },
};

// ---- Cooperations ---------------------------------------------------------------------

/** The bound the query cost counts a cooperation's partners at (schema/src/list-bounds.ts). */
const MAX_PARTNERS = WORK_LIMITS.cooperationPartners;

/** At least two partners, each once: their ids as given, in order. */
function checkPartnerIds(partners: string[], field: string): string[] {
  if (partners.length < 2) {
    throw userInputError(`"${field}": a cooperation needs at least two partners; got ${partners.length}.`, field);
  }
  if (partners.length > MAX_PARTNERS) {
    throw userInputError(`"${field}" may list at most ${MAX_PARTNERS} partners; got ${partners.length}.`, field);
  }
  partners.forEach((id, index) => {
    if (partners.indexOf(id) !== index) {
      throw userInputError(`"${field}[${index}]": "${id}" is listed twice.`, `${field}[${index}]`);
    }
  });
  return partners;
}

const COOPERATION_FIELDS: FieldRules<CooperationInput, Cooperation> = {
  title: (value, field) => ({ title: check.text(check.required(value, field), field) }),
  description: (value, field) => ({ description: check.optionalLongText(value, field) }),
  // Stored in their own table by `afterWrite`; checked here like every field.
  partners: (value, field) => {
    checkPartnerIds(check.required(value, field), field);
    return {};
  },
  agreedAt: (value) => ({ agreedAtId: value }),
  locale: (value) => (value ? { originalLocale: value } : {}),
};

/** Rules for the cooperation as a whole, against the roster and the meetings. */
async function checkCooperation(
  cooperation: Partial<Cooperation>,
  { em, field, input, stored }: RowCheckContext<Cooperation, CooperationInput>,
) {
  checkOriginalLocale(cooperation, stored, `${field}.locale`);
  if (cooperation.agreedAtId && cooperation.agreedAtId !== stored?.agreedAtId) {
    await requireMeeting(em, cooperation.agreedAtId, `${field}.agreedAt`);
  }
  const partners = input.partners;
  if (!partners) return;
  const known = new Set(
    (await em.find(Partner, { id: { $in: partners } }, { fields: ['id'] })).map((partner) => partner.id),
  );
  partners.forEach((id, index) => {
    if (!known.has(id)) {
      throw userInputError(
        `"${field}.partners[${index}]": no partner "${id}" is on the roster.`,
        `${field}.partners[${index}]`,
      );
    }
  });
}

/** Cooperations belong to no one partner: their client keys are the admin's, in one scope. */
const COOPERATION_KEYS = { partnerId: '', entityType: 'Cooperation' };

const COOPERATION: RecordKind<Cooperation, CooperationInput> = {
  entity: Cooperation,
  entityType: 'Cooperation',
  fields: COOPERATION_FIELDS,
  defaults: { originalLocale: Locale.EN },
  authorize: adminOnly,
  ownerFromId: (id) => ({ id }),
  partnerOf: () => null,
  check: checkCooperation,
  clientKeys: { unique: ['clientKey'], keyOf: (row) => row.clientKey, scope: () => COOPERATION_KEYS },
  // Given partners replace the stored ones, in the order given (on delete, they go with the
  // cooperation: cascade).
  async afterWrite(em, cooperation, input, created) {
    if (!input.partners) return;
    if (!created) await em.nativeDelete(CooperationPartner, { cooperationId: cooperation.id });
    input.partners.forEach((partnerId, position) =>
      em.create(CooperationPartner, { cooperationId: cooperation.id, partnerId, position }),
    );
  },
};

@Resolver()
export class WorkMutations {
  @Mutation(() => NetworkInfo, {
    description:
      "Replaces the network's common questionnaire at the network's version (Network.version); questions are matched by id. Admin only.",
  })
  setNetworkQuestionnaire(@Args() { version, questions }: SetNetworkQuestionnaireArgs, @Ctx() ctx: SubgraphContext) {
    // Who, then what: only the admin learns whether the questions would do.
    requireAdmin(ctx.identity);
    return replaceWork(ctx, NETWORK, {
      action: 'setNetworkQuestionnaire',
      id: NETWORK_ID,
      version,
      argument: 'questions',
      validate: () => checkQuestions(questions),
      check: checkQuestionnaire,
      replace: (em, _network, checked) => replaceQuestionnaire(em, checked),
    });
  }

  @Mutation(() => Conclusion, { description: "Adds a conclusion after the meeting's others. Admin only." })
  addMeetingConclusion(@Args() { meetingId, input, clientKey }: AddMeetingConclusionArgs, @Ctx() ctx: SubgraphContext) {
    return createRecord(ctx, CONCLUSION, { action: 'addMeetingConclusion', input, clientKey, fixed: { meetingId } });
  }

  @Mutation(() => Conclusion, { description: "Changes a meeting's conclusion. Admin only." })
  updateMeetingConclusion(@Args() args: UpdateMeetingConclusionArgs, @Ctx() ctx: SubgraphContext) {
    return changeRecord(ctx, CONCLUSION, { action: 'updateMeetingConclusion', ...args });
  }

  @Mutation(() => ID, { description: "Removes a meeting's conclusion. Admin only." })
  async removeMeetingConclusion(@Args() args: VersionedIdArgs, @Ctx() ctx: SubgraphContext): Promise<string> {
    return (await changeRecord(ctx, CONCLUSION, { action: 'removeMeetingConclusion', ...args })).id;
  }

  @Mutation(() => Cooperation, { description: 'Records a cooperation between partners. Admin only.' })
  createCooperation(@Args() { input, clientKey }: CreateCooperationArgs, @Ctx() ctx: SubgraphContext) {
    return createRecord(ctx, COOPERATION, { action: 'createCooperation', input, clientKey });
  }

  @Mutation(() => Cooperation, {
    description: 'Changes a cooperation; given partners replace the old ones. Admin only.',
  })
  updateCooperation(@Args() args: UpdateCooperationArgs, @Ctx() ctx: SubgraphContext) {
    return changeRecord(ctx, COOPERATION, { action: 'updateCooperation', ...args });
  }

  @Mutation(() => ID, { description: 'Removes a cooperation. Admin only.' })
  async deleteCooperation(@Args() args: VersionedIdArgs, @Ctx() ctx: SubgraphContext): Promise<string> {
    return (await changeRecord(ctx, COOPERATION, { action: 'deleteCooperation', ...args })).id;
  }
}
