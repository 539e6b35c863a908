import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import RefreshIcon from '@material-ui/icons/Refresh';
import {
  stringifyEntityRef,
  CompoundEntityRef,
} from '@backstage/catalog-model';
import { usePermission } from '@backstage/plugin-permission-react';
import { infraComplianceScanCreatePermission } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import type { EntityScorecard } from '../../api';
import { busyButtonProps } from '../shared';
import { ScanRunner, scanNowBusy } from './useScanRunner';

/** "Scan now", shown only to users the permission policy lets scan this entity. */
export function ScanNowButton(props: {
  entityRef: CompoundEntityRef;
  runner: ScanRunner;
  scorecard: EntityScorecard;
}) {
  const { allowed } = usePermission({
    permission: infraComplianceScanCreatePermission,
    resourceRef: stringifyEntityRef(props.entityRef),
  });
  if (!allowed) return null;
  const scanning = scanNowBusy(props.runner, props.scorecard);
  return (
    <Button
      variant="contained"
      color="primary"
      {...busyButtonProps(scanning, props.runner.start)}
      startIcon={
        scanning ? (
          // Hidden as the icon is: the button's label says it, and the
          // banner's named progress bar follows the scan. Shown, it was a
          // progress bar without a name inside the button.
          <CircularProgress size={16} color="inherit" aria-hidden />
        ) : (
          <RefreshIcon />
        )
      }
    >
      {scanning ? 'Scanning…' : 'Scan now'}
    </Button>
  );
}
