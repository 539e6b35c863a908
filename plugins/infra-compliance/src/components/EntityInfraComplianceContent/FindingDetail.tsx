import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { CodeSnippet } from '@backstage/core-components';
import type { IacFormat } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import type { FindingRecord } from '../../api';
import { SecondaryText, useRuleCatalog } from '../shared';

const SNIPPET_LANGUAGES: Record<IacFormat, string> = {
  cloudformation: 'yaml',
  terraform: 'hcl',
  pulumi: 'typescript',
  cdk: 'typescript',
};

const useStyles = makeStyles(theme => ({
  heading: { marginTop: theme.spacing(1.5) },
  // No width of its own in the table's layout, the whole of the details'
  // width: a snippet's long line scrolls in the snippet, where in a 768px
  // window it made the findings table wider than the page.
  snippet: { marginTop: theme.spacing(1), width: 0, minWidth: '100%' },
}));

/** Why a finding matters and what to change, with the fix for its file's format. */
export function FindingDetail(props: {
  finding: FindingRecord;
  onWaive?: () => void;
}) {
  const { finding, onWaive } = props;
  const classes = useStyles();
  const rule = useRuleCatalog().getRule(finding.ruleId);
  const format = finding.format as IacFormat | undefined;
  const snippet = format ? rule?.remediation.snippets[format] : undefined;
  return (
    <Box p={2} data-testid="infra-compliance-finding-detail">
      {/* The action sits above the remediation snippet, which Backstage loads
          lazily: below it, the button would jump down when the snippet arrives. */}
      <Box display="flex" alignItems="flex-start">
        <Box flexGrow={1}>
          <Typography variant="subtitle2" component="p">
            {finding.message}
          </Typography>
          {finding.confidence === 'partial' && (
            <SecondaryText variant="body2">
              Partial confidence: this rests on what the scan cannot know for
              sure: the default value of a stack input (a parameter or
              variable), which a deployment may override, or a loop, a condition
              or code not known statically.
            </SecondaryText>
          )}
          {finding.suppressed && (
            <SecondaryText variant="body2">
              Suppressed in code: {finding.suppressionReason}
            </SecondaryText>
          )}
          {finding.waived && (
            <SecondaryText variant="body2">Waived in Backstage.</SecondaryText>
          )}
        </Box>
        {/* A suppressed finding already counts for nothing: a waiver would add nothing. */}
        {onWaive &&
          finding.status === 'open' &&
          !finding.waived &&
          !finding.suppressed && (
            <Box ml={2} flexShrink={0}>
              <Button variant="outlined" onClick={onWaive}>
                Waive this finding
              </Button>
            </Box>
          )}
      </Box>
      {rule && (
        <>
          <Typography variant="h6" component="h3" className={classes.heading}>
            Why it matters
          </Typography>
          <Typography variant="body2">{rule.rationale}</Typography>
          <Typography variant="h6" component="h3" className={classes.heading}>
            What to change
          </Typography>
          <Typography variant="body2">{rule.remediation.summary}</Typography>
        </>
      )}
      {!rule && finding.remediation && (
        <Typography variant="body2">{finding.remediation}</Typography>
      )}
      {snippet && format && (
        <div className={classes.snippet}>
          <CodeSnippet
            text={snippet}
            language={SNIPPET_LANGUAGES[format]}
            showCopyCodeButton
          />
        </div>
      )}
    </Box>
  );
}
