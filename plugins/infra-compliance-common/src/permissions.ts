/**
 * Permissions of the Infra Compliance plugins (Backstage permission framework).
 *
 * Both are resource permissions on catalog entities: the backend authorizes
 * them against the entity a scan or a waiver is for, so a policy can allow
 * them conditionally, e.g. with the catalog's `isEntityOwner` rule ("owners
 * may scan and waive their own services").
 */
import type { ResourcePermission } from '@backstage/plugin-permission-common';

/** The resource type of catalog entities in the permission framework. */
export const INFRA_COMPLIANCE_RESOURCE_TYPE = 'catalog-entity' as const;

/*
 * Written as the objects `createPermission` returns rather than through it:
 * importing @backstage/plugin-permission-common at run time loads its HTTP
 * client (node-fetch, whatwg-url), a noticeable part of the command-line
 * scanner's start-up, which shares this package.
 */

/** Start an on-demand scan of an entity ("scan now"). */
export const infraComplianceScanCreatePermission: ResourcePermission<
  typeof INFRA_COMPLIANCE_RESOURCE_TYPE
> = {
  type: 'resource',
  name: 'infra-compliance.scan.create',
  attributes: { action: 'create' },
  resourceType: INFRA_COMPLIANCE_RESOURCE_TYPE,
};

/** Create or revoke a waiver on an entity's findings. */
export const infraComplianceWaiverCreatePermission: ResourcePermission<
  typeof INFRA_COMPLIANCE_RESOURCE_TYPE
> = {
  type: 'resource',
  name: 'infra-compliance.waiver.create',
  attributes: { action: 'create' },
  resourceType: INFRA_COMPLIANCE_RESOURCE_TYPE,
};

/** Every permission of the plugin, for `permissionsRegistry.addPermissions`. */
export const infraCompliancePermissions = [
  infraComplianceScanCreatePermission,
  infraComplianceWaiverCreatePermission,
];
