import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import type { ConfigWarning } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { CARD_TITLE_HEADING, useCardListStyles } from '../shared';
import { SourceLocationLink } from './SourceLocationLink';

/** The engine's config file, at the root of the scanned folder. */
const CONFIG_FILE = '.infra-compliance.yaml';

/**
 * What the repository's `.infra-compliance.yaml` says that is odd but not
 * wrong (a rule disabled twice), as the last successful scan read it: the
 * scan went on, and only the team that owns the repository can fix it.
 * Each warning after its line, linked to the source as the findings' lines
 * are; a warning whose line is not known, its message alone.
 */
export function ConfigWarningsCard(props: {
  /** The source location the scan read (see scannedLocation). */
  sourceLocation?: string;
  configWarnings: ConfigWarning[];
}) {
  const { sourceLocation, configWarnings } = props;
  const classes = useCardListStyles();
  return (
    <InfoCard
      title={`Config warnings (${configWarnings.length})`}
      titleTypographyProps={CARD_TITLE_HEADING}
      subheader={`The repository's ${CONFIG_FILE} has problems. The scan went on with it as it is: fix them there.`}
    >
      <Typography variant="body2" component="ul" className={classes.list}>
        {configWarnings.map(({ file, line, message }) => (
          <li key={`${file}:${line}:${message}`}>
            {line !== undefined && (
              <>
                <SourceLocationLink
                  sourceLocation={sourceLocation}
                  file={file}
                  line={line}
                />
                :{' '}
              </>
            )}
            {message}
          </li>
        ))}
      </Typography>
    </InfoCard>
  );
}
