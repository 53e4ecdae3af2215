/**
 * Capillary's API clusters and their base URLs. Use the cluster that holds your organisation.
 * - `india`: India (Asia 1), `apac.api.capillarytech.com`
 * - `asia2`: Asia 2, `apac2.api.capillarytech.com`
 * - `eu`: Europe, `eu.api.capillarytech.com`
 * - `us`: United States, `us.api.capillarytech.com`
 * - `china`: China, `api.capillarytech.cn.com`
 */
export const CLUSTER_BASE_URLS = {
  india: 'https://apac.api.capillarytech.com',
  asia2: 'https://apac2.api.capillarytech.com',
  eu: 'https://eu.api.capillarytech.com',
  us: 'https://us.api.capillarytech.com',
  china: 'https://api.capillarytech.cn.com',
} as const;

export type Cluster = keyof typeof CLUSTER_BASE_URLS;
