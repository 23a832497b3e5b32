/**
 * Ids of the built-in CitiPart dataset that more than one subgraph refers to. The network
 * subgraph stores the meetings under these ids; the partner-type subgraphs' activities
 * point at them (Activity.presentedAt).
 */
export const MEETING_ID = {
  kickOff: 'kick-off-saint-germain-en-laye-2015',
  solidarity: 'solidarity-warsaw-2016',
  tolerance: 'tolerance-potsdam-2016',
  peace: 'peace-scy-chazelles-2017',
  closing: 'closing-villach-2017',
} as const;
