import { PARTNER_TYPENAME, buildFederatedSchema } from '@citipart/schema';
import {
  AuditEntry,
  type SubgraphContext,
  type SubgraphDefinition,
  insertMissing,
  seedAttendance,
} from '@citipart/subgraph-kit';
import { RosterMutations } from './roster.mutations';
import { Delegation } from './delegation.entity';
import { loadMeeting, loadPartner } from './loaders';
import { Meeting, MeetingTextsResolver } from './meeting.entity';
import { DelegationResolver, MeetingResolver } from './meeting.resolver';
import { Migration20261127000000Roster } from './migrations/Migration20261127000000Roster';
import { Migration20261128000000RosterWrites } from './migrations/Migration20261128000000RosterWrites';
import { Migration20261129000000NetworkLanguages } from './migrations/Migration20261129000000NetworkLanguages';
import { NetworkInfo, NetworkTextsResolver } from './network.entity';
import { NetworkResolver } from './network.resolver';
import { Partner, ROSTER_TYPES } from './partner.entity';
import { PartnerResolver } from './partner.resolver';
import { demoMeetingAttendance } from './attendance/demo-attendance';
import { MeetingAttendance } from './attendance/meeting-attendance.entity';
import { MeetingAttendanceResolver } from './attendance/meeting-attendance.resolver';
import { NetworkStatisticsFieldResolver, NetworkStatisticsResolver } from './attendance/network-statistics';
import { Migration20261130000100NetworkAttendance } from './migrations/Migration20261130000100NetworkAttendance';
import { delegations, meetings, network, partners } from './seed/network.data';
import { Migration20261130000000NetworkWork } from './migrations/Migration20261130000000NetworkWork';
import { Conclusion, ConclusionTextsResolver } from './work/conclusion.entity';
import { Cooperation, CooperationPartner, CooperationTextsResolver } from './work/cooperation.entity';
import { NetworkQuestion, NetworkQuestionTextsResolver } from './work/network-question.entity';
import { seedWork } from './work/work.data';
import { loadNetworkQuestion } from './work/work.loaders';
import { WorkMutations } from './work/work.mutations';
import { CooperationResolver, MeetingWorkResolver, NetworkWorkResolver } from './work/work.resolver';

const resolvePartner = {
  __resolveReference: (reference: { id: string }, ctx: SubgraphContext) => loadPartner(ctx, reference.id),
};

export const networkSubgraph: SubgraphDefinition = {
  name: 'network',
  defaultPort: 4001,
  defaultSchema: 'network',
  entities: [
    NetworkInfo,
    Partner,
    Meeting,
    Delegation,
    AuditEntry,
    NetworkQuestion,
    Conclusion,
    Cooperation,
    CooperationPartner,
    MeetingAttendance,
  ],
  migrations: [
    { name: 'Migration20261127000000Roster', class: Migration20261127000000Roster },
    { name: 'Migration20261128000000RosterWrites', class: Migration20261128000000RosterWrites },
    { name: 'Migration20261129000000NetworkLanguages', class: Migration20261129000000NetworkLanguages },
    { name: 'Migration20261130000000NetworkWork', class: Migration20261130000000NetworkWork },
    { name: 'Migration20261130000100NetworkAttendance', class: Migration20261130000100NetworkAttendance },
  ],
  buildSchema: () =>
    buildFederatedSchema({
      resolvers: [
        NetworkResolver,
        NetworkTextsResolver,
        PartnerResolver,
        MeetingResolver,
        MeetingTextsResolver,
        DelegationResolver,
        RosterMutations,
        NetworkWorkResolver,
        NetworkQuestionTextsResolver,
        MeetingWorkResolver,
        ConclusionTextsResolver,
        CooperationResolver,
        CooperationTextsResolver,
        WorkMutations,
        MeetingAttendanceResolver,
        NetworkStatisticsFieldResolver,
        NetworkStatisticsResolver,
      ],
      orphanedTypes: ROSTER_TYPES,
      referenceResolvers: {
        // `_entities` may name the interface or any of its types.
        ...Object.fromEntries(['Partner', ...Object.values(PARTNER_TYPENAME)].map((name) => [name, resolvePartner])),
        Meeting: {
          __resolveReference: (reference: { id: string }, ctx: SubgraphContext) => loadMeeting(ctx, reference.id),
        },
        // A partner's survey question may point at a question since removed: null, not an error.
        NetworkQuestion: {
          __resolveReference: (reference: { id: string }, ctx: SubgraphContext) =>
            loadNetworkQuestion(ctx, reference.id),
        },
      },
    }),
  // Order matters: meetings point at partners, delegations at both; the work at meetings and partners.
  seed: async (em) => ({
    network: await insertMissing(em, NetworkInfo, [network]),
    partner: await insertMissing(em, Partner, partners),
    meeting: await insertMissing(em, Meeting, meetings),
    delegation: await insertMissing(em, Delegation, delegations),
    ...(await seedWork(em)),
    // Sample tallies for the meetings that have none (attendance/demo-attendance.ts).
    meetingAttendance: await seedAttendance(em, {
      entity: MeetingAttendance,
      column: 'meeting_id',
      parent: Meeting,
      rows: demoMeetingAttendance,
    }),
  }),
  hasData: async (em) => (await em.count(NetworkInfo)) > 0,
};
