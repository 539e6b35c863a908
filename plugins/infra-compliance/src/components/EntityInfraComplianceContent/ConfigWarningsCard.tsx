import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { InfoCard } from '@backstage/core-components';
import { CARD_TITLE_HEADING } from '../shared';
import { SourceLocationLink } from './SourceLocationLink';

/** The engine's config file, at the root of the scanned folder. */
const CONFIG_FILE = '.infra-compliance.yaml';

/** How the engine names a warning's line: `.infra-compliance.yaml:2: …`. */
const AT_LINE = /^\.infra-compliance\.yaml:(\d+): /;

const useStyles = makeStyles(theme => ({
  list: {
    margin: 0,
    paddingLeft: theme.spacing(3),
    // A long message wraps in a narrow window rather than widen the page.
    overflowWrap: 'anywhere',
    '& > li:not(:last-child)': { marginBottom: theme.spacing(0.5) },
  },
}));

/**
 * A warning as the engine wrote it, the line it names linked to the source
 * as the findings' lines are; as it is when it names none.
 */
function ConfigWarning(props: { sourceLocation?: string; warning: string }) {
  const { sourceLocation, warning } = props;
  const atLine = AT_LINE.exec(warning);
  if (!atLine) return <>{warning}</>;
  return (
    <>
      <SourceLocationLink
        sourceLocation={sourceLocation}
        file={CONFIG_FILE}
        line={Number(atLine[1])}
      />
      : {warning.slice(atLine[0].length)}
    </>
  );
}

/**
 * What the repository's `.infra-compliance.yaml` says that is odd but not
 * wrong (a rule disabled twice), as the last successful scan read it: the
 * scan went on, and only the team that owns the repository can fix it.
 */
export function ConfigWarningsCard(props: {
  /** The source location the scan read (see scannedLocation). */
  sourceLocation?: string;
  configWarnings: string[];
}) {
  const { sourceLocation, configWarnings } = props;
  const classes = useStyles();
  return (
    <InfoCard
      title={`Config warnings (${configWarnings.length})`}
      titleTypographyProps={CARD_TITLE_HEADING}
      subheader={`The repository's ${CONFIG_FILE} has problems. The scan went on with it as it is: fix them there.`}
    >
      <Typography variant="body2" component="ul" className={classes.list}>
        {configWarnings.map(warning => (
          <li key={warning}>
            <ConfigWarning sourceLocation={sourceLocation} warning={warning} />
          </li>
        ))}
      </Typography>
    </InfoCard>
  );
}
