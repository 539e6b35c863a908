/**
 * Backend-internal types. The REST API's JSON shapes (the ones the OpenAPI
 * document src/schema/openapi.yaml describes) live in the common package.
 */
import { SourceType } from '@infra-compliance/backstage-plugin-infra-compliance-common';

/**
 * What the plugin stores about a catalog entity (refreshed at each scan);
 * unlike the API's EntitySummary it keeps the resolved source location.
 */
export interface EntityInfo {
  /** Lower-case entity ref, e.g. component:default/orders-api. */
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  title?: string;
  ownerRef?: string;
  systemRef?: string;
  lifecycle?: string;
  type?: string;
  scannable: boolean;
  unscannableReason?: string;
  sourceType?: SourceType;
  sourceTarget?: string;
}
