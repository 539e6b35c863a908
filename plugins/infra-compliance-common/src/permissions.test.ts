import {
  createPermission,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  infraCompliancePermissions,
  infraComplianceScanCreatePermission,
  infraComplianceWaiverCreatePermission,
} from './permissions';

describe('permissions', () => {
  it('are the objects the permission framework creates', () => {
    expect(infraComplianceScanCreatePermission).toEqual(
      createPermission({
        name: 'infra-compliance.scan.create',
        attributes: { action: 'create' },
        resourceType: 'catalog-entity',
      }),
    );
    expect(infraComplianceWaiverCreatePermission).toEqual(
      createPermission({
        name: 'infra-compliance.waiver.create',
        attributes: { action: 'create' },
        resourceType: 'catalog-entity',
      }),
    );
  });

  it('are resource permissions on catalog entities', () => {
    for (const permission of infraCompliancePermissions) {
      expect(isResourcePermission(permission, 'catalog-entity')).toBe(true);
    }
  });
});
