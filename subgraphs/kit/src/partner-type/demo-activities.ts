import { ActivityKind, CountQualifier, Theme } from '@citipart/schema';
import type { RequiredEntityData } from '@mikro-orm/core';
import { MEETING_ID } from '../dataset';
import type { Activity } from './activity.entity';

/**
 * The network's description says each partner ran local activities on every theme between
 * the meetings, and presented the results at the theme's meeting: street surveys on
 * solidarity, forum theatre on tolerance, texts for a booklet on peace. Which partner did
 * what, when and with how many people is not documented, so these rows are sample data,
 * marked `demo` and without sources.
 */
const DEMO_ACTIVITY_PLAN = [
  {
    slug: 'street-survey-solidarity',
    kind: ActivityKind.STREET_SURVEY,
    theme: Theme.SOLIDARITY,
    title: (town: string) => `Street survey on solidarity in ${town}`,
    description: 'Passers-by asked what solidarity between Europeans means to them (sample data).',
    startsOn: '2016-02-06',
    presentedAtId: MEETING_ID.solidarity,
  },
  {
    slug: 'forum-theatre-tolerance',
    kind: ActivityKind.FORUM_THEATRE,
    theme: Theme.TOLERANCE,
    title: (town: string) => `Forum theatre on tolerance in ${town}`,
    description: 'A forum-theatre scene about prejudice, replayed with the audience (sample data).',
    startsOn: '2016-10-15',
    presentedAtId: MEETING_ID.tolerance,
  },
  {
    slug: 'booklet-text-peace',
    kind: ActivityKind.BOOKLET_TEXT,
    theme: Theme.PEACE,
    title: (town: string) => `Texts from ${town} for the booklet on peace`,
    description: "Local writers' texts for the network's booklet on peace (sample data).",
    startsOn: '2017-01-21',
    presentedAtId: MEETING_ID.peace,
  },
] as const;

export function demoActivities(partnerId: string, town: string): RequiredEntityData<Activity>[] {
  return DEMO_ACTIVITY_PLAN.map((plan) => ({
    id: `${partnerId}-${plan.slug}`,
    partnerId,
    kind: plan.kind,
    theme: plan.theme,
    title: plan.title(town),
    description: plan.description,
    startsOn: plan.startsOn,
    town,
    participants: { value: 30, qualifier: CountQualifier.ABOUT },
    presentedAtId: plan.presentedAtId,
    demo: true,
    sources: [],
  }));
}
