import { registerEnumType } from 'type-graphql';

// The enums of the public contract (docs/API.md). Every subgraph registers the same values,
// which composition requires for enums used in inputs.

export enum PartnerType {
  CITY = 'CITY',
  EUROPEAN_HOUSE = 'EUROPEAN_HOUSE',
  FOUNDATION = 'FOUNDATION',
  YOUTH_ASSOCIATION = 'YOUTH_ASSOCIATION',
}
export enum PartnerRole {
  COORDINATOR = 'COORDINATOR',
  PARTNER = 'PARTNER',
}
export enum LegalForm {
  MUNICIPALITY = 'MUNICIPALITY',
  ASSOCIATION = 'ASSOCIATION',
  FOUNDATION = 'FOUNDATION',
}
export enum Theme {
  SOLIDARITY = 'SOLIDARITY',
  TOLERANCE = 'TOLERANCE',
  PEACE = 'PEACE',
}
export enum MeetingKind {
  KICK_OFF = 'KICK_OFF',
  THEMATIC = 'THEMATIC',
  CLOSING = 'CLOSING',
}
export enum CountQualifier {
  EXACT = 'EXACT',
  AT_LEAST = 'AT_LEAST',
  ABOUT = 'ABOUT',
}
export enum ActivityKind {
  STREET_SURVEY = 'STREET_SURVEY',
  FORUM_THEATRE = 'FORUM_THEATRE',
  BOOKLET_TEXT = 'BOOKLET_TEXT',
  DEBATE = 'DEBATE',
  WORKSHOP = 'WORKSHOP',
  EXHIBITION = 'EXHIBITION',
  OTHER = 'OTHER',
}
/** Who came to a meeting or an activity (API v3, the work). */
export enum ParticipantCategory {
  CITIZEN = 'CITIZEN',
  PARTNER_MEMBER = 'PARTNER_MEMBER',
  LOCAL_POLITICIAN = 'LOCAL_POLITICIAN',
  TEACHER = 'TEACHER',
  JOURNALIST = 'JOURNALIST',
  STUDENT = 'STUDENT',
  OTHER = 'OTHER',
}
export enum AgeBand {
  UNDER_18 = 'UNDER_18',
  AGE_18_30 = 'AGE_18_30',
  AGE_31_50 = 'AGE_31_50',
  AGE_51_65 = 'AGE_51_65',
  OVER_65 = 'OVER_65',
  UNKNOWN = 'UNKNOWN',
}
/** The network's five languages: its partners' four and English, the common one. */
export enum Locale {
  HR = 'HR',
  FR = 'FR',
  DE = 'DE',
  PL = 'PL',
  EN = 'EN',
}
export enum MemberKind {
  ORGANISATION = 'ORGANISATION',
  PERSON = 'PERSON',
}

registerEnumType(PartnerType, { name: 'PartnerType', description: 'The four kinds of partner in the network.' });
registerEnumType(PartnerRole, { name: 'PartnerRole' });
registerEnumType(LegalForm, {
  name: 'LegalForm',
  description: 'What the organisation is in law, apart from how the network groups it.',
});
registerEnumType(Theme, {
  name: 'Theme',
  description: 'The three fundamental values of the EU the network worked on.',
});
registerEnumType(MeetingKind, { name: 'MeetingKind' });
registerEnumType(CountQualifier, {
  name: 'CountQualifier',
  description: 'How exact a reported count is: 54 (EXACT), "more than 52" (AT_LEAST), "around 50" (ABOUT).',
});
registerEnumType(ActivityKind, { name: 'ActivityKind' });
registerEnumType(MemberKind, { name: 'MemberKind' });
registerEnumType(ParticipantCategory, {
  name: 'ParticipantCategory',
  description: 'Who came: citizens, members of the partners, local politicians, teachers, journalists, students.',
});
registerEnumType(AgeBand, { name: 'AgeBand', description: 'An age band, in years; UNKNOWN where it was not asked.' });
registerEnumType(Locale, {
  name: 'Locale',
  description: "The network's languages: Croatian, French, German, Polish and English.",
});

/** GraphQL type name of each partner type, shared by the roster and the partner-type subgraphs. */
export const PARTNER_TYPENAME: Record<PartnerType, string> = {
  [PartnerType.CITY]: 'City',
  [PartnerType.EUROPEAN_HOUSE]: 'EuropeanHouse',
  [PartnerType.FOUNDATION]: 'Foundation',
  [PartnerType.YOUTH_ASSOCIATION]: 'YouthAssociation',
};
