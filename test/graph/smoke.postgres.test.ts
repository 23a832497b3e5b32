import { startGraph, type TestGraph } from '../support/graph';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startGraph('smoke');
});
afterAll(() => graph?.stop());

test('smoke', async () => {
  const res = await graph.query(
    `{ network { name countries partnerCount } partners { totalCount nodes { id name ... on EuropeanHouse { website } activities(filter: {theme: TOLERANCE}) { nodes { title partner { name } } } } } meetings { nodes { id host { name } delegations { count partner { id } } } } }`,
  );
  console.log(JSON.stringify(res, null, 1));
});
