export const NETWORK_KINDS = [
  'eu_network',
  'eu_expert_group',
  'eu_forum',
  'international_forum',
  'united_nations',
  'think_tank',
  'francophonie',
] as const;
export type NetworkKind = (typeof NETWORK_KINDS)[number];
