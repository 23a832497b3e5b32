import { ActivityKind, CountQualifier, Locale, Theme } from '@citipart/schema';
import type { RequiredEntityData } from '@mikro-orm/core';
import { MEETING_ID } from '../dataset';
import { textColumns } from '../translations/translatable';
import type { Activity } from './activity.entity';
import { DEMO_ACTIVITY_TEXTS, english } from './demo-activity-texts';

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
    startsOn: '2016-02-06',
    presentedAtId: MEETING_ID.solidarity,
  },
  {
    slug: 'forum-theatre-tolerance',
    kind: ActivityKind.FORUM_THEATRE,
    theme: Theme.TOLERANCE,
    startsOn: '2016-10-15',
    presentedAtId: MEETING_ID.tolerance,
  },
  {
    slug: 'booklet-text-peace',
    kind: ActivityKind.BOOKLET_TEXT,
    theme: Theme.PEACE,
    startsOn: '2017-01-21',
    presentedAtId: MEETING_ID.peace,
  },
] as const;

/**
 * A partner's demo activities, written in its language with an English translation
 * (demo-activity-texts.ts); a partner that has no texts there gets the English ones.
 */
export function demoActivities(partnerId: string, town: string): RequiredEntityData<Activity>[] {
  const texts = DEMO_ACTIVITY_TEXTS[partnerId];
  return DEMO_ACTIVITY_PLAN.map((plan) => ({
    id: `${partnerId}-${plan.slug}`,
    partnerId,
    kind: plan.kind,
    theme: plan.theme,
    ...textColumns(texts?.[plan.slug] ?? { originalLocale: Locale.EN, texts: { EN: english(town)[plan.slug] } }),
    startsOn: plan.startsOn,
    town,
    participants: { value: 30, qualifier: CountQualifier.ABOUT },
    presentedAtId: plan.presentedAtId,
    demo: true,
    sources: [],
  }));
}
