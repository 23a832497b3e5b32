/**
 * Every operation the dashboard sends, as a partner site could: public reads, and the
 * activity writes of version 2 with an editor's token. Kept in one file so that a test can
 * validate them against schema/api.graphql (and a trusted-documents manifest list them).
 * Each stays under the gateway's token limit (500).
 */

export const OVERVIEW = /* GraphQL */ `
  query DashboardOverview($locale: Locale) {
    network {
      name
      title(locale: $locale)
      description(locale: $locale)
      startsOn
      endsOn
      countries
      partnerCount
      funding {
        programme
        strand
        measure
      }
      statistics {
        participantsAtMeetings {
          value
          qualifier
        }
      }
    }
    partners(first: 50) {
      totalCount
      nodes {
        id
        name
        type
        town
        countryCode
        role
      }
    }
    meetings(first: 50) {
      totalCount
      nodes {
        id
        kind
        theme
        title(locale: $locale)
        town
        countryCode
        startsOn
        endsOn
        participants {
          value
          qualifier
        }
        host {
          id
          name
        }
      }
    }
  }
`;

export const ACTIVITIES = /* GraphQL */ `
  query DashboardActivities($locale: Locale) {
    partners(first: 50) {
      nodes {
        id
        name
        countryCode
        activities(first: 100) {
          totalCount
          nodes {
            id
            kind
            theme
            title(locale: $locale)
            startsOn
            endsOn
            town
            demo
            participants {
              value
              qualifier
            }
            presentedAt {
              id
              title(locale: $locale)
            }
          }
        }
      }
    }
  }
`;

export const PARTNER = /* GraphQL */ `
  query DashboardPartner($id: ID!, $locale: Locale) {
    partner(id: $id) {
      __typename
      id
      name
      type
      town
      countryCode
      role
      legalForm
      website
      locale
      ... on City {
        region
        population
      }
      ... on EuropeanHouse {
        address
        foundedYear
        europeDirectCentre
      }
      ... on Foundation {
        foundedYear
        patron
      }
      ... on YouthAssociation {
        foundedYear
      }
      hostedMeetings {
        id
        title(locale: $locale)
        startsOn
      }
      members(first: 100) {
        totalCount
        nodes {
          id
          kind
          name
          role
          since
        }
      }
      activities(first: 100) {
        totalCount
        nodes {
          id
          kind
          theme
          title(locale: $locale)
          description(locale: $locale)
          startsOn
          town
          demo
          participants {
            value
            qualifier
          }
          presentedAt {
            id
            title(locale: $locale)
          }
        }
      }
      translationCoverage {
        locale
        translated
        missing
      }
      sources {
        url
        title
      }
    }
  }
`;

/** A partner's statistics: asked apart, so that the profile shows even while they are computed. */
export const PARTNER_STATISTICS = /* GraphQL */ `
  query DashboardPartnerStatistics($id: ID!) {
    partner(id: $id) {
      id
      statistics {
        activitiesByTheme {
          theme
          count
        }
        activitiesByKind {
          kind
          count
        }
        activitiesByYear {
          year
          count
        }
        attendance {
          category
          ageBand
          count
          suppressed
        }
        surveyRespondents
        performances
        bookletTexts
      }
    }
  }
`;

/** The work across the network: the common questionnaire, attendance, translation coverage. */
export const WORK = /* GraphQL */ `
  query DashboardWork($locale: Locale) {
    network {
      questionnaire {
        id
        theme
        text(locale: $locale)
      }
      cooperations {
        id
        title(locale: $locale)
        description(locale: $locale)
        partners {
          id
          name
        }
        agreedAt {
          id
          title(locale: $locale)
        }
      }
      translationCoverage {
        locale
        translated
        missing
      }
      statistics {
        attendance {
          category
          ageBand
          count
          suppressed
        }
      }
    }
    partners(first: 50) {
      totalCount
      nodes {
        id
        name
        translationCoverage {
          locale
          translated
          missing
        }
      }
    }
    meetings(first: 50) {
      nodes {
        id
        title(locale: $locale)
        startsOn
        attendance {
          category
          ageBand
          count
          suppressed
        }
        conclusions {
          id
          theme
          problem(locale: $locale)
          proposal(locale: $locale)
          followUp(locale: $locale)
        }
      }
    }
  }
`;

/**
 * One partner's work: its surveys' answers to one question of the network's questionnaire,
 * its plays with their performances, its booklet texts. Asked partner by partner: nested
 * lists multiply the gateway's cost estimate, and one partner's work is well within it.
 */
export const PARTNER_WORK = /* GraphQL */ `
  query DashboardPartnerWork($id: ID!, $locale: Locale, $question: ID) {
    partner(id: $id) {
      id
      surveys: activities(filter: { kind: STREET_SURVEY }, first: 20) {
        totalCount
        nodes {
          id
          title(locale: $locale)
          startsOn
          survey {
            respondents
            questions(networkQuestion: $question) {
              id
              text(locale: $locale)
              options {
                id
                text(locale: $locale)
                key: text(locale: EN)
                count
              }
            }
          }
        }
      }
      plays: activities(filter: { kind: FORUM_THEATRE }, first: 20) {
        totalCount
        nodes {
          id
          title(locale: $locale)
          play {
            title(locale: $locale)
            synopsis(locale: $locale)
            performances {
              on
              town
              venue
              audience {
                value
                qualifier
              }
              interventions
              notes(locale: $locale)
            }
          }
        }
      }
      texts: activities(filter: { kind: BOOKLET_TEXT }, first: 20) {
        totalCount
        nodes {
          id
          bookletText {
            title(locale: $locale)
            body(locale: $locale)
            authorName
            authorAgeBand
          }
        }
      }
    }
  }
`;

/** What an editor works on: the partner's type (for the mutations' names) and its activities at their versions. */
export const EDITABLE_ACTIVITIES = /* GraphQL */ `
  query DashboardEditable($id: ID!, $locale: Locale) {
    partner(id: $id) {
      __typename
      id
      name
      locale
      activities(first: 100) {
        totalCount
        nodes {
          id
          version
          kind
          theme
          originalLocale
          translations {
            field
            locale
            text
          }
          startsOn
          endsOn
          town
          participants {
            value
            qualifier
          }
          presentedAt {
            id
          }
        }
      }
    }
    meetings(first: 50) {
      nodes {
        id
        title(locale: $locale)
        startsOn
      }
    }
  }
`;

/** The roster, for the admin's choice of partner. */
export const ROSTER = /* GraphQL */ `
  query DashboardRoster {
    partners(first: 100) {
      nodes {
        id
        name
      }
    }
  }
`;

/** The partner types whose mutations the editor may call: `create${T}Activity` and so on. */
export const PARTNER_TYPENAMES = ['City', 'EuropeanHouse', 'Foundation', 'YouthAssociation'] as const;
export type PartnerTypename = (typeof PARTNER_TYPENAMES)[number];

const EDITED_ACTIVITY = `id version kind theme originalLocale translations { field locale text } startsOn endsOn town participants { value qualifier } presentedAt { id }`;

export function createActivity(type: PartnerTypename): string {
  return `mutation DashboardCreate${type}Activity($partnerId: ID!, $input: ActivityInput!, $clientKey: String) {
  create${type}Activity(partnerId: $partnerId, input: $input, clientKey: $clientKey) { ${EDITED_ACTIVITY} }
}`;
}

export function updateActivity(type: PartnerTypename): string {
  return `mutation DashboardUpdate${type}Activity($id: ID!, $version: Int!, $patch: ActivityPatch!) {
  update${type}Activity(id: $id, version: $version, patch: $patch) { ${EDITED_ACTIVITY} }
}`;
}

export function deleteActivity(type: PartnerTypename): string {
  return `mutation DashboardDelete${type}Activity($id: ID!, $version: Int!) {
  delete${type}Activity(id: $id, version: $version)
}`;
}

/** Every document the dashboard may send, by operation name. */
export function allOperations(): Record<string, string> {
  const documents: Record<string, string> = {
    DashboardOverview: OVERVIEW,
    DashboardActivities: ACTIVITIES,
    DashboardPartner: PARTNER,
    DashboardPartnerStatistics: PARTNER_STATISTICS,
    DashboardWork: WORK,
    DashboardPartnerWork: PARTNER_WORK,
    DashboardEditable: EDITABLE_ACTIVITIES,
    DashboardRoster: ROSTER,
  };
  for (const type of PARTNER_TYPENAMES) {
    documents[`DashboardCreate${type}Activity`] = createActivity(type);
    documents[`DashboardUpdate${type}Activity`] = updateActivity(type);
    documents[`DashboardDelete${type}Activity`] = deleteActivity(type);
  }
  return documents;
}
