import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import RefreshIcon from '@material-ui/icons/Refresh';
import {
  stringifyEntityRef,
  CompoundEntityRef,
} from '@backstage/catalog-model';
import { usePermission } from '@backstage/plugin-permission-react';
import { infraComplianceScanCreatePermission } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { busyButtonProps } from '../shared';
import type { ScanRunner } from './useScanRunner';

/** "Scan now", shown only to users the permission policy lets scan this entity. */
export function ScanNowButton(props: {
  entityRef: CompoundEntityRef;
  runner: ScanRunner;
}) {
  const { allowed } = usePermission({
    permission: infraComplianceScanCreatePermission,
    resourceRef: stringifyEntityRef(props.entityRef),
  });
  if (!allowed) return null;
  const { scanning, start } = props.runner;
  return (
    <Button
      variant="contained"
      color="primary"
      {...busyButtonProps(scanning, start)}
      startIcon={
        scanning ? (
          <CircularProgress size={16} color="inherit" />
        ) : (
          <RefreshIcon />
        )
      }
    >
      {scanning ? 'Scanning…' : 'Scan now'}
    </Button>
  );
}
