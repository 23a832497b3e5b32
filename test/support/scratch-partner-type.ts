import { PARTNER_TYPENAME, PartnerType } from '@citipart/schema';

// Imported first by test/graph/sixth-subgraph.postgres.test.ts: a scratch copy of the shared
// vocabulary with one more partner type, as a maintainer adding a type would write it in
// schema/src/enums.ts. Jest gives every test file its own modules, so no other file sees it.
export const SCHOOL = 'SCHOOL' as PartnerType;
Object.assign(PartnerType, { SCHOOL });
Object.assign(PARTNER_TYPENAME, { [SCHOOL]: 'School' });
