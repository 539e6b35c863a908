import Chip from '@material-ui/core/Chip';
import type { Severity } from '@infra-compliance/backstage-plugin-infra-compliance-common';

const SEVERITY_COLORS: Record<Severity, string> = {
  critical: '#b71c1c',
  high: '#e65100',
  medium: '#f9a825',
  low: '#607d8b',
};

export function SeverityChip(props: { severity: Severity }) {
  return (
    <Chip
      size="small"
      label={props.severity}
      style={{
        backgroundColor: SEVERITY_COLORS[props.severity],
        color: '#fff',
      }}
    />
  );
}
