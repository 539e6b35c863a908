import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import {
  SEVERITIES,
  Severity,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import type { SeverityCounts as Counts } from '../../api';
import { readableTextOn } from './readableText';

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
        color: readableTextOn(SEVERITY_COLORS[props.severity]),
      }}
    />
  );
}

/** A chip and a count per severity, most severe first. */
export function SeverityCounts(props: {
  counts: Partial<Counts> | undefined;
  gap?: number;
}) {
  return (
    <Box display="flex" flexWrap="wrap" mt={1} style={{ gap: props.gap ?? 8 }}>
      {SEVERITIES.map(severity => (
        <Box
          key={severity}
          display="flex"
          alignItems="center"
          style={{ gap: 4 }}
        >
          <SeverityChip severity={severity} />
          <Typography variant="body2">
            {props.counts?.[severity] ?? 0}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}
