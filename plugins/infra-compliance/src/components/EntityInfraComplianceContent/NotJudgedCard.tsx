import { ReactNode } from 'react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { InfoCard, Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { scmIntegrationsApiRef } from '@backstage/integration-react';
import {
  IAC_FORMAT_TITLES,
  notModelledCount,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { CARD_TITLE_HEADING, CardSubheading, NotJudged } from '../shared';
import { NotListedCount } from './NotListedCount';
import { sourceFileUrl } from './sourceLink';

/** The id of the card's title, which the score overview's "Not judged: …" links to. */
export const NOT_JUDGED_HEADING_ID = 'infra-compliance-not-judged';

const useStyles = makeStyles(theme => ({
  part: { '&:not(:last-child)': { marginBottom: theme.spacing(2) } },
  list: {
    margin: theme.spacing(0.5, 0, 0),
    paddingLeft: theme.spacing(3),
    // A long path wraps in a narrow window rather than widen the page.
    overflowWrap: 'anywhere',
  },
  nested: { margin: theme.spacing(0.5, 0, 1), paddingLeft: theme.spacing(3) },
}));

/** A file of the scanned source, linked to its repository when it has one. */
function SourceFile(props: { sourceLocation?: string; path: string }) {
  const scmIntegrations = useApi(scmIntegrationsApiRef);
  const url = sourceFileUrl(props.sourceLocation, scmIntegrations, {
    file: props.path,
  });
  return url ? <Link to={url}>{props.path}</Link> : <code>{props.path}</code>;
}

function Secondary(props: { children: ReactNode }) {
  return (
    <Typography variant="body2" component="span" color="textSecondary">
      {props.children}
    </Typography>
  );
}

/**
 * What the last successful scan read but did not judge: the files it
 * skipped, with why, and per CDK or Pulumi program the types it creates
 * that the engine does not model.
 */
export function NotJudgedCard(props: {
  /** The source location the scan read (see scannedLocation). */
  sourceLocation?: string;
  notJudged: NotJudged;
}) {
  const { sourceLocation } = props;
  const { filesSkipped, skipped, filesNotListed, programs, programsNotListed } =
    props.notJudged;
  const classes = useStyles();
  return (
    <InfoCard
      title="Not judged"
      titleTypographyProps={{
        ...CARD_TITLE_HEADING,
        id: NOT_JUDGED_HEADING_ID,
      }}
      subheader="The grade says nothing about these: no rule checked them."
    >
      {filesSkipped > 0 && (
        <div className={classes.part}>
          <CardSubheading>Files skipped ({filesSkipped})</CardSubheading>
          {skipped.length > 0 && (
            <Typography variant="body2" component="ul" className={classes.list}>
              {/* A file skipped for two reasons is listed twice. */}
              {skipped.map((file, index) => (
                <li key={index}>
                  <SourceFile
                    sourceLocation={sourceLocation}
                    path={file.path}
                  />{' '}
                  <Secondary>— {file.reason}</Secondary>
                </li>
              ))}
            </Typography>
          )}
          <NotListedCount count={filesNotListed} />
        </div>
      )}
      {programs.length > 0 && (
        <div className={classes.part}>
          <CardSubheading>Not modelled</CardSubheading>
          <Typography variant="body2" component="ul" className={classes.list}>
            {programs.map(program => (
              <li key={program.program}>
                <SourceFile
                  sourceLocation={sourceLocation}
                  path={program.program}
                />{' '}
                <Secondary>({IAC_FORMAT_TITLES[program.format]})</Secondary>
                <ul className={classes.nested}>
                  {program.types.map(({ type, count }) => (
                    <li key={type}>
                      <code>{type}</code>
                      {/* In words: a screen reader reads "×2" as "times 2". */}
                      {count > 1 && (
                        <>
                          {' '}
                          <Secondary>
                            ({notModelledCount(program.format, count)})
                          </Secondary>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </Typography>
          <NotListedCount
            count={programsNotListed}
            noun={programsNotListed === 1 ? 'program' : 'programs'}
          />
        </div>
      )}
    </InfoCard>
  );
}
