import { Client } from 'pg';
import { callers } from '../support/callers';
import { startGraph, type TestGraph } from '../support/graph';
import { codes, expectNoLeaks } from '../support/leaks';

// Attendance by category and age band, small-cell suppression and the statistics (API v3,
// "The work"; issue 9, points 5 and 6), through the gateway against the built-in dataset and
// adversarial tallies. The rule itself: schema/src/attendance.ts (unit tests beside it). The
// invariants are checked against the stored rows, read with SQL: no answer shows a count under
// 5, and where a list hides something and shows something, it hides at least two cells whose
// true sum is at least 5, so that a reader who knows a total cannot single out a hidden cell.

let graph: TestGraph;
let tokens: Awaited<ReturnType<typeof callers>>;

beforeAll(async () => {
  graph = await startGraph('attendance');
  tokens = await callers(graph);
});
afterAll(() => graph?.stop());

interface Cell {
  category: string;
  ageBand: string;
  count: number | null;
  suppressed: boolean;
}
type Stored = Map<string, number>;

const CELL = 'category ageBand count suppressed';
const PARTNER_SCHEMAS = ['cities', 'european_houses', 'foundations', 'youth_associations'];
const key = (cell: { category: string; ageBand: string }) => `${cell.category}/${cell.ageBand}`;
const shown = (category: string, ageBand: string, count: number): Cell => ({
  category,
  ageBand,
  count,
  suppressed: false,
});
const hidden = (category: string, ageBand: string): Cell => ({ category, ageBand, count: null, suppressed: true });

async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: graph.databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

async function ok<T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const response = await graph.query<T>(query, variables, token);
  expect(response.errors).toBeUndefined();
  return response.data as T;
}

/** The stored cells: of every activity and meeting by its id, and summed by partner and for the network. */
async function storedCells() {
  type Row = { parent: string; partner: string; category: string; age_band: string; count: number };
  const rows: Row[] = [];
  for (const schema of PARTNER_SCHEMAS) {
    rows.push(
      ...(await sql<Row>(
        `select t.activity_id as parent, a.partner_id as partner, t.category, t.age_band, t.count
           from ${schema}.activity_attendance t join ${schema}.activity a on a.id = t.activity_id`,
      )),
    );
  }
  const meetingRows = await sql<Row>(
    `select meeting_id as parent, '' as partner, category, age_band, count from network.meeting_attendance`,
  );
  const add = (map: Map<string, Stored>, id: string, row: Row) => {
    const cells = map.get(id) ?? new Map<string, number>();
    const cell = `${row.category}/${row.age_band}`;
    cells.set(cell, (cells.get(cell) ?? 0) + row.count);
    map.set(id, cells);
  };
  const lists = new Map<string, Stored>();
  const partners = new Map<string, Stored>();
  const network = new Map<string, Stored>();
  for (const row of rows) {
    add(lists, row.parent, row);
    add(partners, row.partner, row);
  }
  for (const row of meetingRows) {
    add(lists, row.parent, row);
    add(network, '', row);
  }
  return { lists, partners, network: network.get('') ?? new Map<string, number>() };
}

/**
 * An answer against the stored cells it shows: the same cells in the stable order, true
 * counts where shown, nothing under 5, and at least two hidden cells with a true sum of at
 * least 5 wherever something is hidden and something shown (where every cell is hidden there
 * is nothing left to hide).
 */
function expectSafe(what: string, stored: Stored, answer: readonly Cell[]) {
  expect({ what, cells: answer.map(key).sort() }).toEqual({ what, cells: [...stored.keys()].sort() });
  for (const cell of answer) {
    expect({ what, cell: key(cell), suppressed: cell.suppressed }).toEqual({
      what,
      cell: key(cell),
      suppressed: cell.count === null,
    });
    if (cell.count !== null) {
      expect(cell.count).toBeGreaterThanOrEqual(5);
      expect(cell.count).toBe(stored.get(key(cell)));
    }
  }
  const hiddenCells = answer.filter((cell) => cell.suppressed);
  if (hiddenCells.length === 0 || hiddenCells.length === answer.length) return;
  expect({ what, hidden: hiddenCells.length >= 2 }).toEqual({ what, hidden: true });
  const trueSum = hiddenCells.reduce((sum, cell) => sum + stored.get(key(cell))!, 0);
  expect({ what, trueSum: trueSum >= 5 }).toEqual({ what, trueSum: true });
}

const EVERYTHING = `{
  partners(first: 20) {
    nodes {
      id
      statistics { attendance { ${CELL} } }
      activities(first: 10) { nodes { id attendance { ${CELL} } } }
    }
  }
  meetings(first: 10) { nodes { id attendance { ${CELL} } } }
  network { statistics { attendance { ${CELL} } } }
}`;
type Everything = {
  partners: {
    nodes: {
      id: string;
      statistics: { attendance: Cell[] };
      activities: { nodes: { id: string; attendance: Cell[] }[] };
    }[];
  };
  meetings: { nodes: { id: string; attendance: Cell[] }[] };
  network: { statistics: { attendance: Cell[] } };
};

/** Every attendance the graph answers, activity, meeting, partner and network alike, checked. */
async function expectEverythingSafe(): Promise<number> {
  const answer = await ok<Everything>(EVERYTHING);
  const stored = await storedCells();
  const none = new Map<string, number>();
  let lists = 0;
  for (const partner of answer.partners.nodes) {
    expectSafe(`partner ${partner.id}`, stored.partners.get(partner.id) ?? none, partner.statistics.attendance);
    for (const activity of partner.activities.nodes) {
      expectSafe(`activity ${activity.id}`, stored.lists.get(activity.id) ?? none, activity.attendance);
      lists += 1;
    }
  }
  for (const meeting of answer.meetings.nodes) {
    expectSafe(`meeting ${meeting.id}`, stored.lists.get(meeting.id) ?? none, meeting.attendance);
    lists += 1;
  }
  expectSafe('network', stored.network, answer.network.statistics.attendance);
  return lists;
}

describe('the built-in dataset', () => {
  test('every activity and meeting has attendance, and the meetings add up to their participants', async () => {
    const { lists } = await storedCells();
    const activities = (await ok<Everything>(EVERYTHING)).partners.nodes.flatMap((p) => p.activities.nodes);
    expect(activities.length).toBe(25); // 8 partners × 3 demo activities and TOLER'ACTION
    for (const activity of activities) expect(activity.attendance.length).toBeGreaterThan(0);
    const meetings = await ok<{ meetings: { nodes: { id: string; participants: { value: number } }[] } }>(
      `{ meetings { nodes { id participants { value } } } }`,
    );
    expect(meetings.meetings.nodes).toHaveLength(5);
    for (const meeting of meetings.meetings.nodes) {
      const total = [...lists.get(meeting.id)!.values()].reduce((sum, count) => sum + count, 0);
      expect({ meeting: meeting.id, total }).toEqual({ meeting: meeting.id, total: meeting.participants.value });
    }
    // The tallies are sample data, and say so in their rows.
    for (const table of [
      ...PARTNER_SCHEMAS.map((schema) => `${schema}.activity_attendance`),
      'network.meeting_attendance',
    ]) {
      expect(await sql(`select distinct demo from ${table}`)).toEqual([{ demo: true }]);
    }
  });

  test('no answer anywhere shows a count under 5 or lets a hidden cell be worked out', async () => {
    expect(await expectEverythingSafe()).toBe(30);
  });

  test("a meeting: Warsaw's one cell of 3 is hidden with its smallest other, 5", async () => {
    const { meeting } = await ok<{ meeting: { attendance: Cell[] } }>(
      `{ meeting(id: "solidarity-warsaw-2016") { attendance { ${CELL} } } }`,
    );
    expect(meeting.attendance).toEqual([
      shown('CITIZEN', 'AGE_18_30', 10),
      shown('CITIZEN', 'AGE_31_50', 11),
      shown('CITIZEN', 'AGE_51_65', 8),
      shown('PARTNER_MEMBER', 'AGE_31_50', 8),
      hidden('LOCAL_POLITICIAN', 'AGE_51_65'),
      hidden('TEACHER', 'AGE_31_50'),
      shown('STUDENT', 'UNDER_18', 7),
    ]);
  });

  test("a partner's sums: a sum is hidden where an activity hid its part, even at 25", async () => {
    const { partner } = await ok<{ partner: { statistics: { attendance: Cell[] } } }>(
      `{ partner(id: "bbag") { statistics { attendance { ${CELL} } } } }`,
    );
    // The survey hid its 5 students under 18 (its next smallest after a cell of 3); the
    // play and the booklet showed 11 and 9: the sum, 25, would give the 5 away.
    // Citizens of 18-30 too: an activity that hid only small cells hid its citizens of 18-30
    // with them, so their sum is hidden as well.
    expect(partner.statistics.attendance).toEqual([
      hidden('CITIZEN', 'AGE_18_30'),
      shown('CITIZEN', 'AGE_31_50', 15),
      shown('CITIZEN', 'AGE_51_65', 6),
      hidden('CITIZEN', 'OVER_65'),
      hidden('PARTNER_MEMBER', 'AGE_31_50'),
      hidden('LOCAL_POLITICIAN', 'AGE_51_65'),
      hidden('TEACHER', 'AGE_31_50'),
      hidden('TEACHER', 'AGE_51_65'),
      hidden('JOURNALIST', 'AGE_31_50'),
      hidden('STUDENT', 'UNDER_18'),
    ]);
  });

  test("the network's statistics: themes, participants (261, not EXACT), delegates by country, attendance", async () => {
    const { network } = await ok<{ network: { statistics: Record<string, unknown> } }>(`{
      network { statistics {
        meetingsByTheme { theme count }
        participantsAtMeetings { value qualifier }
        delegatesByCountry { countryCode count }
        attendance { ${CELL} }
      } }
    }`);
    expect(network.statistics).toEqual({
      // The kick-off and the closing conference have no theme: only the thematic meetings count.
      meetingsByTheme: [
        { theme: 'SOLIDARITY', count: 1 },
        { theme: 'TOLERANCE', count: 1 },
        { theme: 'PEACE', count: 1 },
      ],
      // 55 EXACT + 52 AT_LEAST + 50 AT_LEAST + 54 EXACT + 50 ABOUT: about 261.
      participantsAtMeetings: { value: 261, qualifier: 'ABOUT' },
      // The kick-off's delegations (the only ones known): FR 32 + 2 + 2, PL 5 + 3.
      delegatesByCountry: [
        { countryCode: 'AT', count: 3 },
        { countryCode: 'DE', count: 5 },
        { countryCode: 'FR', count: 36 },
        { countryCode: 'HR', count: 3 },
        { countryCode: 'PL', count: 8 },
      ],
      attendance: [
        hidden('CITIZEN', 'UNDER_18'),
        shown('CITIZEN', 'AGE_18_30', 52),
        shown('CITIZEN', 'AGE_31_50', 58),
        shown('CITIZEN', 'AGE_51_65', 27),
        // 6 shown at the kick-off, 2 and 5 hidden at Potsdam and Scy-Chazelles.
        hidden('CITIZEN', 'OVER_65'),
        hidden('PARTNER_MEMBER', 'AGE_18_30'),
        shown('PARTNER_MEMBER', 'AGE_31_50', 33),
        shown('PARTNER_MEMBER', 'AGE_51_65', 7),
        hidden('LOCAL_POLITICIAN', 'AGE_31_50'),
        hidden('LOCAL_POLITICIAN', 'AGE_51_65'),
        hidden('TEACHER', 'AGE_31_50'),
        hidden('TEACHER', 'AGE_51_65'),
        hidden('JOURNALIST', 'AGE_31_50'),
        shown('STUDENT', 'UNDER_18', 22),
        hidden('STUDENT', 'AGE_18_30'),
      ],
    });
  });

  test("a partner's counts by theme, kind and year, zeros included", async () => {
    const { partner } = await ok<{ partner: { statistics: Record<string, unknown> } }>(`{
      partner(id: "maison-europe-yvelines") { statistics {
        activitiesByTheme { theme count } activitiesByKind { kind count } activitiesByYear { year count }
      } }
    }`);
    expect(partner.statistics).toEqual({
      activitiesByTheme: [
        { theme: 'SOLIDARITY', count: 1 },
        { theme: 'TOLERANCE', count: 2 },
        { theme: 'PEACE', count: 1 },
      ],
      activitiesByKind: [
        { kind: 'STREET_SURVEY', count: 1 },
        { kind: 'FORUM_THEATRE', count: 2 },
        { kind: 'BOOKLET_TEXT', count: 1 },
        { kind: 'DEBATE', count: 0 },
        { kind: 'WORKSHOP', count: 0 },
        { kind: 'EXHIBITION', count: 0 },
        { kind: 'OTHER', count: 0 },
      ],
      activitiesByYear: [
        { year: 2016, count: 3 },
        { year: 2017, count: 1 },
      ],
    });
  });
});

test("a partner's survey respondents, performances and booklet texts: the stored work, counted for whoever may see it", async () => {
  type Work = { id: string; statistics: { surveyRespondents: number; performances: number; bookletTexts: number } };
  const QUERY = `{ partners { nodes { id statistics { surveyRespondents performances bookletTexts } } } }`;
  const expected = async (editorOf: string | null) => {
    const counts: Record<string, Work['statistics']> = {};
    for (const schema of PARTNER_SCHEMAS) {
      const rows = await sql<{ partner_id: string; respondents: number; performances: number; texts: number }>(
        `select a.partner_id,
                coalesce(sum(s.respondents), 0)::int as respondents,
                coalesce(sum((select count(*) from ${schema}.performance f where f.activity_id = a.id)), 0)::int as performances,
                count(b.activity_id) filter (where b.author_consent or a.partner_id = $1)::int as texts
           from ${schema}.activity a
           left join ${schema}.survey s on s.activity_id = a.id
           left join ${schema}.booklet_text b on b.activity_id = a.id
          group by a.partner_id`,
        [editorOf],
      );
      for (const row of rows) {
        counts[row.partner_id] = {
          surveyRespondents: row.respondents,
          performances: row.performances,
          bookletTexts: row.texts,
        };
      }
    }
    return counts;
  };
  const answered = async (token?: string) =>
    Object.fromEntries(
      (await ok<{ partners: { nodes: Work[] } }>(QUERY, {}, token)).partners.nodes.map((node) => [
        node.id,
        node.statistics,
      ]),
    );
  const seeded = await answered();
  expect(seeded).toEqual(await expected(null));
  // The built-in work: every partner has a survey, performances and a booklet text.
  for (const statistics of Object.values(seeded)) {
    expect(statistics.surveyRespondents).toBeGreaterThan(0);
    expect(statistics.performances).toBeGreaterThan(0);
    expect(statistics.bookletTexts).toBeGreaterThan(0);
  }
  // A text whose author has not agreed to publication is counted only for who may read it.
  await sql(`update foundations.booklet_text set author_consent = false where activity_id = 'bbag-booklet-text-peace'`);
  try {
    expect((await answered()).bbag.bookletTexts).toBe(seeded.bbag.bookletTexts - 1);
    expect((await answered(tokens.editors.bbag)).bbag.bookletTexts).toBe(seeded.bbag.bookletTexts);
    expect((await answered(tokens.admin)).bbag.bookletTexts).toBe(seeded.bbag.bookletTexts);
    expect(await answered(tokens.editors['gemma-villach'])).toEqual(await expected('gemma-villach'));
  } finally {
    await sql(
      `update foundations.booklet_text set author_consent = true where activity_id = 'bbag-booklet-text-peace'`,
    );
  }
});

describe('adversarial tallies through the writes', () => {
  const SET_CITY = `mutation ($id: ID!, $version: Int!, $attendance: [AttendanceCountInput!]!) {
    setCityActivityAttendance(id: $id, version: $version, attendance: $attendance) { id version attendance { ${CELL} } }
  }`;
  type SetCity = { setCityActivityAttendance: { id: string; version: number; attendance: Cell[] } };
  const tally = (...cells: [string, string, number][]) =>
    cells.map(([category, ageBand, count]) => ({ category, ageBand, count }));

  /** A new activity of a partner registered here, with 30 participants, exactly. */
  async function activity(title: string, startsOn = '2016-05-01', partnerId = 'grad-test'): Promise<string> {
    const created = await ok<{ createCityActivity: { id: string } }>(
      `mutation ($partnerId: ID!, $input: ActivityInput!) { createCityActivity(partnerId: $partnerId, input: $input) { id } }`,
      {
        partnerId,
        input: {
          kind: 'DEBATE',
          theme: 'PEACE',
          title,
          startsOn,
          participants: { value: 30, qualifier: 'EXACT' },
          locale: 'HR',
        },
      },
      tokens.admin,
    );
    return created.createCityActivity.id;
  }

  async function setCity(id: string, version: number, cells: ReturnType<typeof tally>) {
    return (await ok<SetCity>(SET_CITY, { id, version, attendance: cells }, tokens.admin)).setCityActivityAttendance;
  }

  beforeAll(async () => {
    // A partner of its own, so that its statistics are those of the tallies below only.
    await ok(
      `mutation { registerPartner(input: {id: "grad-test", type: CITY, name: "Grad Test", countryCode: "HR", town: "Split", role: PARTNER, legalForm: MUNICIPALITY}) { id } }`,
      {},
      tokens.admin,
    );
    await ok(
      `mutation { updateCityProfile(partnerId: "grad-test", version: 0, patch: {locale: HR}) { profileVersion } }`,
      {},
      tokens.admin,
    );
  });

  test('one cell of 3 where the total of 30 is shown: the 3 and the next smallest are hidden', async () => {
    const id = await activity('One small cell');
    const set = await setCity(
      id,
      1,
      tally(
        ['CITIZEN', 'AGE_18_30', 12],
        ['CITIZEN', 'AGE_31_50', 8],
        ['TEACHER', 'AGE_31_50', 7],
        ['JOURNALIST', 'AGE_51_65', 3],
      ),
    );
    expect(set.version).toBe(2);
    expect(set.attendance).toEqual([
      shown('CITIZEN', 'AGE_18_30', 12),
      shown('CITIZEN', 'AGE_31_50', 8),
      hidden('TEACHER', 'AGE_31_50'),
      hidden('JOURNALIST', 'AGE_51_65'),
    ]);
  });

  test('two cells of 1 and 2: a third is hidden', async () => {
    const id = await activity('Two tiny cells');
    const set = await setCity(
      id,
      1,
      tally(
        ['CITIZEN', 'AGE_18_30', 18],
        ['STUDENT', 'UNDER_18', 9],
        ['LOCAL_POLITICIAN', 'AGE_51_65', 1],
        ['JOURNALIST', 'AGE_31_50', 2],
      ),
    );
    expect(set.attendance).toEqual([
      shown('CITIZEN', 'AGE_18_30', 18),
      hidden('LOCAL_POLITICIAN', 'AGE_51_65'),
      hidden('JOURNALIST', 'AGE_31_50'),
      hidden('STUDENT', 'UNDER_18'),
    ]);
  });

  test('all cells under 5: all hidden; no cells, or only zeros: an empty list', async () => {
    const small = await activity('All small');
    expect(
      (await setCity(small, 1, tally(['CITIZEN', 'AGE_18_30', 1], ['TEACHER', 'AGE_31_50', 2]))).attendance,
    ).toEqual([hidden('CITIZEN', 'AGE_18_30'), hidden('TEACHER', 'AGE_31_50')]);
    const empty = await activity('Nobody counted');
    expect((await setCity(empty, 1, [])).attendance).toEqual([]);
    const zeros = await setCity(empty, 2, tally(['CITIZEN', 'AGE_18_30', 0], ['OTHER', 'UNKNOWN', 0]));
    expect(zeros).toEqual({ id: empty, version: 3, attendance: [] });
    expect(await sql(`select * from cities.activity_attendance where activity_id = $1`, [empty])).toEqual([]);
  });

  test("a partner whose activity hides a cell that another shows: the partner's sum is hidden, and a second one", async () => {
    await ok(
      `mutation { registerPartner(input: {id: "grad-sums", type: CITY, name: "Grad Sums", countryCode: "HR", town: "Zadar", role: PARTNER, legalForm: MUNICIPALITY}) { id } }`,
      {},
      tokens.admin,
    );
    await ok(
      `mutation { updateCityProfile(partnerId: "grad-sums", version: 0, patch: {locale: HR}) { profileVersion } }`,
      {},
      tokens.admin,
    );
    const lone = await activity('A lone teacher', '2019-03-01', 'grad-sums');
    const more = await activity('More people', '2019-04-01', 'grad-sums');
    await setCity(lone, 1, tally(['TEACHER', 'OVER_65', 3]));
    await setCity(more, 1, tally(['TEACHER', 'OVER_65', 30], ['CITIZEN', 'AGE_18_30', 7], ['STUDENT', 'UNDER_18', 11]));
    const { partner } = await ok<{
      partner: { activities: { nodes: { id: string; attendance: Cell[] }[] }; statistics: { attendance: Cell[] } };
    }>(
      `{ partner(id: "grad-sums") { activities { nodes { id attendance { ${CELL} } } } statistics { attendance { ${CELL} } } } }`,
    );
    const attendanceOf = (id: string) => partner.activities.nodes.find((node) => node.id === id)!.attendance;
    expect(attendanceOf(lone)).toEqual([hidden('TEACHER', 'OVER_65')]);
    expect(attendanceOf(more)).toEqual([
      shown('CITIZEN', 'AGE_18_30', 7),
      shown('TEACHER', 'OVER_65', 30),
      shown('STUDENT', 'UNDER_18', 11),
    ]);
    // The sum 33 minus the 30 shown would be the hidden 3: the sum is hidden; alone, it
    // would be the partner's total minus the others, so the smallest other (7) goes too.
    expect(partner.statistics.attendance).toEqual([
      hidden('CITIZEN', 'AGE_18_30'),
      hidden('TEACHER', 'OVER_65'),
      shown('STUDENT', 'UNDER_18', 11),
    ]);
  });

  test("a partner's counts: every theme and kind, and the empty years between its first and last", async () => {
    await activity('Later', '2019-06-01');
    const { partner } = await ok<{ partner: { statistics: Record<string, unknown> } }>(`{
      partner(id: "grad-test") { statistics {
        activitiesByTheme { theme count } activitiesByKind { kind count } activitiesByYear { year count }
        surveyRespondents performances bookletTexts
      } }
    }`);
    expect(partner.statistics).toEqual({
      activitiesByTheme: [
        { theme: 'SOLIDARITY', count: 0 },
        { theme: 'TOLERANCE', count: 0 },
        { theme: 'PEACE', count: 5 },
      ],
      activitiesByKind: [
        { kind: 'STREET_SURVEY', count: 0 },
        { kind: 'FORUM_THEATRE', count: 0 },
        { kind: 'BOOKLET_TEXT', count: 0 },
        { kind: 'DEBATE', count: 5 },
        { kind: 'WORKSHOP', count: 0 },
        { kind: 'EXHIBITION', count: 0 },
        { kind: 'OTHER', count: 0 },
      ],
      activitiesByYear: [
        { year: 2016, count: 4 },
        { year: 2017, count: 0 },
        { year: 2018, count: 0 },
        { year: 2019, count: 1 },
      ],
      surveyRespondents: 0,
      performances: 0,
      bookletTexts: 0,
    });
  });

  test("the network's sums over the meetings: a meeting that hides a cell the others show", async () => {
    const created = await ok<{ createMeeting: { id: string; version: number } }>(
      `mutation { createMeeting(input: {kind: THEMATIC, theme: PEACE, title: "A follow-up on peace", town: "Split", countryCode: "HR",
        startsOn: "2018-05-01", endsOn: "2018-05-02", hostId: "grad-test", participants: {value: 29, qualifier: EXACT}}) { id version } }`,
      {},
      tokens.admin,
    );
    const { setMeetingAttendance: set } = await ok<{ setMeetingAttendance: { version: number; attendance: Cell[] } }>(
      `mutation ($id: ID!, $attendance: [AttendanceCountInput!]!) {
        setMeetingAttendance(id: $id, version: 1, attendance: $attendance) { version attendance { ${CELL} } }
      }`,
      {
        id: created.createMeeting.id,
        attendance: tally(
          ['CITIZEN', 'AGE_18_30', 3],
          ['CITIZEN', 'AGE_31_50', 20],
          ['PARTNER_MEMBER', 'AGE_18_30', 6],
        ),
      },
      tokens.admin,
    );
    expect(set).toEqual({
      version: 2,
      attendance: [
        hidden('CITIZEN', 'AGE_18_30'),
        shown('CITIZEN', 'AGE_31_50', 20),
        hidden('PARTNER_MEMBER', 'AGE_18_30'),
      ],
    });
    const { network } = await ok<{ network: { statistics: Record<string, unknown> & { attendance: Cell[] } } }>(`{
      network { statistics {
        meetingsByTheme { theme count } participantsAtMeetings { value qualifier } attendance { ${CELL} }
      } }
    }`);
    const cell = (name: string) => network.statistics.attendance.find((item) => key(item) === name);
    // 52 shown by the five meetings + 3 hidden here: 55 - 52 would be the 3.
    expect(cell('CITIZEN/AGE_18_30')).toEqual(hidden('CITIZEN', 'AGE_18_30'));
    expect(cell('PARTNER_MEMBER/AGE_18_30')).toEqual(hidden('PARTNER_MEMBER', 'AGE_18_30'));
    expect(cell('CITIZEN/AGE_31_50')).toEqual(shown('CITIZEN', 'AGE_31_50', 78));
    expect(network.statistics.meetingsByTheme).toEqual([
      { theme: 'SOLIDARITY', count: 1 },
      { theme: 'TOLERANCE', count: 1 },
      { theme: 'PEACE', count: 2 },
    ]);
    expect(network.statistics.participantsAtMeetings).toEqual({ value: 290, qualifier: 'ABOUT' });
  });

  test('every country of the roster is listed among the delegates, zeros included', async () => {
    await ok(
      `mutation { registerPartner(input: {id: "comune-test", type: CITY, name: "Comune Test", countryCode: "IT", town: "Trieste", role: PARTNER, legalForm: MUNICIPALITY}) { id } }`,
      {},
      tokens.admin,
    );
    const { network } = await ok<{ network: { statistics: { delegatesByCountry: unknown[] } } }>(
      `{ network { statistics { delegatesByCountry { countryCode count } } } }`,
    );
    expect(network.statistics.delegatesByCountry).toEqual([
      { countryCode: 'AT', count: 3 },
      { countryCode: 'DE', count: 5 },
      { countryCode: 'FR', count: 36 },
      { countryCode: 'HR', count: 3 },
      { countryCode: 'IT', count: 0 },
      { countryCode: 'PL', count: 8 },
    ]);
    // A partner without a profile or activities yet: zeros, no years, no attendance.
    const { partner } = await ok<{ partner: { statistics: unknown } }>(
      `{ partner(id: "comune-test") { statistics { activitiesByTheme { count } activitiesByYear { year } attendance { count } performances } } }`,
    );
    expect(partner.statistics).toEqual({
      activitiesByTheme: [{ count: 0 }, { count: 0 }, { count: 0 }],
      activitiesByYear: [],
      attendance: [],
      performances: 0,
    });
  });

  test('after all of it, still no answer anywhere shows a count under 5 or lets a hidden cell be worked out', async () => {
    expect(await expectEverythingSafe()).toBeGreaterThan(30);
  });
});

describe('the writes', () => {
  const SET = (typeName: string) => `mutation ($id: ID!, $version: Int!, $attendance: [AttendanceCountInput!]!) {
    set${typeName}ActivityAttendance(id: $id, version: $version, attendance: $attendance) { id version attendance { ${CELL} } }
  }`;
  const SET_MEETING = `mutation ($id: ID!, $version: Int!, $attendance: [AttendanceCountInput!]!) {
    setMeetingAttendance(id: $id, version: $version, attendance: $attendance) { id version attendance { ${CELL} } }
  }`;
  const GOOD = [
    { category: 'CITIZEN', ageBand: 'AGE_18_30', count: 14 },
    { category: 'TEACHER', ageBand: 'AGE_31_50', count: 9 },
    { category: 'JOURNALIST', ageBand: 'UNKNOWN', count: 7 },
  ];
  const versionOf = async (table: string, id: string) =>
    (await sql<{ version: number }>(`select version from ${table} where id = $1`, [id]))[0].version;
  const rowsOf = (table: string, column: string, id: string) =>
    sql(`select category, age_band, count, demo from ${table} where ${column} = $1 order by category, age_band`, [id]);

  test.each([
    [
      'a negative count',
      [{ category: 'CITIZEN', ageBand: 'AGE_18_30', count: -1 }],
      'attendance[0].count',
      /from 0 to 100000/,
    ],
    [
      'a count over 100,000',
      [...GOOD, { category: 'OTHER', ageBand: 'UNKNOWN', count: 100_001 }],
      'attendance[3].count',
      /from 0 to 100000/,
    ],
    [
      'a cell listed twice',
      [...GOOD, { category: 'TEACHER', ageBand: 'AGE_31_50', count: 0 }],
      'attendance[3]',
      /TEACHER AGE_31_50 is listed twice \(also at attendance\[1\]\)/,
    ],
  ])('%s is BAD_USER_INPUT naming the field, and nothing changes', async (_name, attendance, field, message) => {
    const id = 'bbag-street-survey-solidarity';
    const before = await rowsOf('foundations.activity_attendance', 'activity_id', id);
    const response = await graph.query(SET('Foundation'), { id, version: 1, attendance }, tokens.editors.bbag);
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(response.errors![0].message).toMatch(message);
    expectNoLeaks(response);
    expect(await rowsOf('foundations.activity_attendance', 'activity_id', id)).toEqual(before);
    expect(await versionOf('foundations.activity', id)).toBe(1);
  });

  test('an unknown category or age band is refused by GraphQL itself', async () => {
    for (const cell of [
      { category: 'ASTRONAUT', ageBand: 'AGE_18_30', count: 5 },
      { category: 'CITIZEN', ageBand: 'AGE_0_5', count: 5 },
    ]) {
      const response = await graph.query(
        SET('Foundation'),
        { id: 'bbag-street-survey-solidarity', version: 1, attendance: [cell] },
        tokens.editors.bbag,
      );
      expect(codes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.data ?? null).toBeNull();
      expectNoLeaks(response);
    }
    const inline = await graph.query(
      `mutation { setFoundationActivityAttendance(id: "bbag-street-survey-solidarity", version: 1,
        attendance: [{category: ASTRONAUT, ageBand: AGE_18_30, count: 5}]) { id } }`,
      {},
      tokens.editors.bbag,
    );
    expect(codes(inline)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  test("who may write: the owner's editors and the admin for an activity, the admin alone for a meeting", async () => {
    const activity = { id: 'bbag-forum-theatre-tolerance', attendance: GOOD };
    const meeting = { id: 'peace-scy-chazelles-2017', attendance: GOOD };
    expect(codes(await graph.query(SET('Foundation'), { ...activity, version: 1 }))).toEqual(['UNAUTHENTICATED']);
    expect(
      codes(
        await graph.query(
          SET('Foundation'),
          { ...activity, version: 1 },
          tokens.editors['polska-fundacja-roberta-schumana'],
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(codes(await graph.query(SET_MEETING, { ...meeting, version: 1 }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await graph.query(SET_MEETING, { ...meeting, version: 1 }, tokens.editors.bbag))).toEqual([
      'FORBIDDEN',
    ]);
    // Refused before anything was read or written.
    expect(await versionOf('foundations.activity', activity.id)).toBe(1);
    expect(await versionOf('network.meeting', meeting.id)).toBe(1);

    const byEditor = await ok<Record<string, { version: number; attendance: Cell[] }>>(
      SET('Foundation'),
      { ...activity, version: 1 },
      tokens.editors.bbag,
    );
    expect(byEditor.setFoundationActivityAttendance).toEqual({
      id: activity.id,
      version: 2,
      attendance: [
        shown('CITIZEN', 'AGE_18_30', 14),
        shown('TEACHER', 'AGE_31_50', 9),
        shown('JOURNALIST', 'UNKNOWN', 7),
      ],
    });
    const byAdmin = await ok<Record<string, { version: number }>>(
      SET('Foundation'),
      { ...activity, version: 2, attendance: GOOD.slice(0, 2) },
      tokens.admin,
    );
    expect(byAdmin.setFoundationActivityAttendance.version).toBe(3);
    // Reported by a person, not the sample: the demo flag goes with the replaced rows.
    expect(await rowsOf('foundations.activity_attendance', 'activity_id', activity.id)).toEqual([
      { category: 'CITIZEN', age_band: 'AGE_18_30', count: 14, demo: false },
      { category: 'TEACHER', age_band: 'AGE_31_50', count: 9, demo: false },
    ]);
    const meetingSet = await ok<{ setMeetingAttendance: { version: number; attendance: Cell[] } }>(
      SET_MEETING,
      { ...meeting, version: 1 },
      tokens.admin,
    );
    expect(meetingSet.setMeetingAttendance.version).toBe(2);
    expect(meetingSet.setMeetingAttendance.attendance).toHaveLength(3);
  });

  test('a stale version is a CONFLICT and changes nothing; each write is audited', async () => {
    const id = 'gemma-villach-booklet-text-peace';
    const before = await rowsOf('youth_associations.activity_attendance', 'activity_id', id);
    const stale = await graph.query(
      SET('YouthAssociation'),
      { id, version: 7, attendance: GOOD },
      tokens.editors['gemma-villach'],
    );
    expect(codes(stale)).toEqual(['CONFLICT']);
    expect(await rowsOf('youth_associations.activity_attendance', 'activity_id', id)).toEqual(before);
    const staleMeeting = await graph.query(
      SET_MEETING,
      { id: 'closing-villach-2017', version: 3, attendance: GOOD },
      tokens.admin,
    );
    expect(codes(staleMeeting)).toEqual(['CONFLICT']);
    expect(
      codes(await graph.query(SET_MEETING, { id: 'nowhere', version: 1, attendance: GOOD }, tokens.admin)),
    ).toEqual(['NOT_FOUND']);

    await ok(SET('YouthAssociation'), { id, version: 1, attendance: GOOD }, tokens.editors['gemma-villach']);
    const again = await graph.query(
      SET('YouthAssociation'),
      { id, version: 1, attendance: [] },
      tokens.editors['gemma-villach'],
    );
    expect(codes(again)).toEqual(['CONFLICT']);
    await ok(SET_MEETING, { id: 'closing-villach-2017', version: 1, attendance: GOOD }, tokens.admin);

    const audit = await ok<{
      youthAssociationAuditLog: { nodes: Record<string, unknown>[] };
      networkAuditLog: { nodes: Record<string, unknown>[] };
    }>(
      `{ youthAssociationAuditLog(first: 1) { nodes { actor role action entityType entityId fields } }
         networkAuditLog(first: 1) { nodes { actor role action entityType entityId fields } } }`,
      {},
      tokens.admin,
    );
    expect(audit.youthAssociationAuditLog.nodes).toEqual([
      {
        actor: 'staff@gemma-villach.example.org',
        role: 'PARTNER_EDITOR',
        action: 'setYouthAssociationActivityAttendance',
        entityType: 'Activity',
        entityId: id,
        fields: ['attendance'],
      },
    ]);
    expect(audit.networkAuditLog.nodes).toEqual([
      {
        actor: 'coordinator@example.org',
        role: 'NETWORK_ADMIN',
        action: 'setMeetingAttendance',
        entityType: 'Meeting',
        entityId: 'closing-villach-2017',
        fields: ['attendance'],
      },
    ]);
  });

  test('an activity deleted takes its attendance with it', async () => {
    const id = 'miasto-sosnowiec-forum-theatre-tolerance';
    expect((await rowsOf('cities.activity_attendance', 'activity_id', id)).length).toBeGreaterThan(0);
    await ok(`mutation { deleteCityActivity(id: "${id}", version: 1) }`, {}, tokens.editors['miasto-sosnowiec']);
    expect(await rowsOf('cities.activity_attendance', 'activity_id', id)).toEqual([]);
    expect(await expectEverythingSafe()).toBeGreaterThan(30);
  });
});
