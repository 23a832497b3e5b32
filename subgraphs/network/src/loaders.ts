import type { SubgraphContext } from '@citipart/subgraph-kit';
import { Delegation } from './delegation.entity';
import { Meeting } from './meeting.entity';
import { Partner } from './partner.entity';

// Batched look-ups shared by root fields, field resolvers and `_entities`: one query per
// batch of ids, whatever asked for them.

export function loadPartner(ctx: SubgraphContext, id: string): Promise<Partner | null> {
  return ctx.loaders
    .get<string, Partner | null>('partner', null, async (ids) => {
      const found = await ctx.em.find(Partner, { id: { $in: [...ids] } });
      const byId = new Map(found.map((partner) => [partner.id, partner]));
      return ids.map((key) => byId.get(key) ?? null);
    })
    .load(id);
}

export function loadMeeting(ctx: SubgraphContext, id: string): Promise<Meeting | null> {
  return ctx.loaders
    .get<string, Meeting | null>('meeting', null, async (ids) => {
      const found = await ctx.em.find(Meeting, { id: { $in: [...ids] } });
      const byId = new Map(found.map((meeting) => [meeting.id, meeting]));
      return ids.map((key) => byId.get(key) ?? null);
    })
    .load(id);
}

export function loadHostedMeetings(ctx: SubgraphContext, partnerId: string): Promise<Meeting[]> {
  return ctx.loaders
    .get<string, Meeting[]>('hostedMeetings', null, async (ids) => {
      const found = await ctx.em.find(
        Meeting,
        { hostId: { $in: [...ids] } },
        { orderBy: { startsOn: 'asc', id: 'asc' } },
      );
      return ids.map((key) => found.filter((meeting) => meeting.hostId === key));
    })
    .load(partnerId);
}

export function loadDelegations(ctx: SubgraphContext, meetingId: string): Promise<Delegation[]> {
  return ctx.loaders
    .get<string, Delegation[]>('delegations', null, async (ids) => {
      // Largest delegation first: the host's own people, then the guests.
      const found = await ctx.em.find(
        Delegation,
        { meetingId: { $in: [...ids] } },
        { orderBy: { count: 'desc', partnerId: 'asc' } },
      );
      return ids.map((key) => found.filter((delegation) => delegation.meetingId === key));
    })
    .load(meetingId);
}
