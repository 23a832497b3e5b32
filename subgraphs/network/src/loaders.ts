import { type SubgraphContext, loadById, loadGroup } from '@citipart/subgraph-kit';
import { Delegation } from './delegation.entity';
import { Meeting } from './meeting.entity';
import { Partner } from './partner.entity';

export const loadPartner = (ctx: SubgraphContext, id: string) => loadById(ctx, Partner, id);

export const loadMeeting = (ctx: SubgraphContext, id: string) => loadById(ctx, Meeting, id);

export const loadHostedMeetings = (ctx: SubgraphContext, partnerId: string) =>
  loadGroup(ctx, Meeting, 'hostId', partnerId, { startsOn: 'asc', id: 'asc' });

/** Largest delegation first: the host's own people, then the guests. */
export const loadDelegations = (ctx: SubgraphContext, meetingId: string) =>
  loadGroup(ctx, Delegation, 'meetingId', meetingId, { count: 'desc', partnerId: 'asc' });
