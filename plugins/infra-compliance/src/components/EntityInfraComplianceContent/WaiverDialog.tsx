import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import { ResponseErrorPanel } from '@backstage/core-components';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { FindingRecord, infraComplianceApiRef } from '../../api';
import {
  BreakableId,
  BreakablePath,
  formatDateTime,
  formatLocalDay,
  readableErrorText,
  useFocusRingStyles,
  useMinuteClock,
} from '../shared';

/** The API's limits on a waiver's reason. */
const MIN_REASON = 3;
const MAX_REASON = 2000;

/**
 * The moment a waiver expiring on `day` ends: the end of that day in UTC, as
 * the API takes it (its last millisecond: the API waives while its expiry is
 * still ahead, and 23:59:59.000 left the day's last second unwaived).
 */
function expiryMoment(day: string): string {
  return `${day}T23:59:59.999Z`;
}

/**
 * The first day a waiver may expire on: the UTC day of now, whose end is
 * still ahead, whatever the user's own day (at 20:00 in New York, the 6th
 * for the 5th); east of Greenwich, not before the user's own day: at 08:00
 * on the 6th in Tokyo the UTC day is still the 5th, their yesterday, which
 * ended the waiver an hour on.
 */
function firstExpiryDay(now: number): string {
  const iso = new Date(now).toISOString();
  const utcDay = iso.slice(0, 10);
  const localDay = formatLocalDay(iso);
  return localDay > utcDay ? localDay : utcDay;
}

/**
 * What the expiry field says under it: the day ends in UTC, and, once a day
 * is chosen, when that is on the user's clock (the 6th ends at 08:59 on the
 * 7th in Tokyo, at 18:59 on the 6th in New York), or that it is too early,
 * or typed in part.
 */
function expiryHelp(
  expiresOn: string,
  firstDay: string,
  partial: boolean,
): string {
  const empty = 'Leave empty for a waiver that does not expire.';
  if (partial) {
    return 'Enter the whole day (year, month and day), or clear the field for a waiver that does not expire.';
  }
  if (!expiresOn) return `It applies to the end of this day in UTC. ${empty}`;
  if (expiresOn < firstDay) return `Choose ${firstDay} or a later day.`;
  return `It applies to the end of this day in UTC: ${formatDateTime(
    expiryMoment(expiresOn),
  )} your time. ${empty}`;
}

const useStyles = makeStyles(theme => {
  const error = readableErrorText(theme);
  return {
    // What is wrong with the day (its label and message, its underline) in a
    // red that reads on the dialog: MUI's, the theme's main red, is 3.7:1 on
    // the light theme's paper and 2.7:1 on the dark one's, under WCAG AA.
    // An element added to MUI's two classes outweighs them.
    field: {
      '& label.Mui-error, & p.Mui-error': { color: error },
      '& div.Mui-error::after': { borderBottomColor: error },
    },
  };
});

/** What a waiver covers: one finding, or every finding of its rule on the entity. */
type WaiverScope = 'finding' | 'rule';

/**
 * Waives a finding (by fingerprint), or every finding of its rule on the
 * entity, now and in later scans (by rule id), with a reason and an
 * optional expiry day.
 */
export function WaiverDialog(props: {
  entityRef: CompoundEntityRef;
  finding: FindingRecord;
  open: boolean;
  onClose(): void;
  onCreated(): void;
}) {
  const { entityRef, finding, open, onClose, onCreated } = props;
  const api = useApi(infraComplianceApiRef);
  // In a portal, outside the tab's ring.
  const classes = useFocusRingStyles();
  const { field } = useStyles();
  const [scope, setScope] = useState<WaiverScope>('finding');
  const [reason, setReason] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  // A day typed in part ("12/06/yyyy"): the browser's value is empty, as for
  // no day, and the waiver was created for good. Its input is bad instead.
  const [expiryPartial, setExpiryPartial] = useState(false);
  // Moved on within a minute of midnight while the dialog stays open, or at
  // once by a press of Create that found the chosen day ended (the clock's
  // timer runs late in a sleeping laptop or a background tab): the day was
  // sent, and the backend refused it as not in the future.
  const clock = useMinuteClock();
  const [refusedAt, setRefusedAt] = useState(0);
  const firstDay = firstExpiryDay(Math.max(clock, refusedAt));
  // A day typed in (the picker offers none before the first).
  const expiryOk = !expiryPartial && (!expiresOn || expiresOn >= firstDay);
  const reasonOk = reason.trim().length >= MIN_REASON;

  const [{ loading: saving, error }, submit] = useAsyncFn(async () => {
    await api.createWaiver(entityRef, {
      ...(scope === 'rule'
        ? { ruleId: finding.ruleId }
        : { fingerprint: finding.fingerprint }),
      reason: reason.trim(),
      // The waiver lasts through the chosen day (UTC).
      ...(expiresOn && { expiresAt: expiryMoment(expiresOn) }),
    });
    onCreated();
  }, [api, entityRef, scope, finding, reason, expiresOn, onCreated]);
  const create = () => {
    const now = Date.now();
    if (expiresOn && expiresOn < firstExpiryDay(now)) setRefusedAt(now);
    else submit();
  };
  // A click beside the dialog closes it only while nothing is entered: a
  // stray click there lost the reason being written and the day chosen
  // (the dialog opens anew, empty). Escape and Cancel still close it.
  const edited =
    reason !== '' || expiresOn !== '' || expiryPartial || scope !== 'finding';
  const close = (_event: unknown, closedBy?: string) => {
    if (closedBy === 'backdropClick' && edited) return;
    onClose();
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      fullWidth
      maxWidth="sm"
      className={classes.root}
      // Named and described for a screen reader, which otherwise announces a bare "dialog".
      aria-labelledby="infra-compliance-waiver-title"
      aria-describedby="infra-compliance-waiver-description"
    >
      {/* The resource id and the file in parts that break: whole, a long
          logical id (a CDK construct's) ran out of the dialog, cut off. */}
      <DialogTitle id="infra-compliance-waiver-title">
        Waive {finding.ruleId} on <BreakableId id={finding.resourceId} />
      </DialogTitle>
      <DialogContent>
        <DialogContentText id="infra-compliance-waiver-description">
          A waived finding counts as passed in the scorecard until the waiver
          expires or is revoked.
        </DialogContentText>
        {error && <ResponseErrorPanel error={error} />}
        <RadioGroup
          aria-label="Waive"
          value={scope}
          onChange={event => setScope(event.target.value as WaiverScope)}
        >
          <FormControlLabel
            value="finding"
            control={<Radio color="primary" />}
            label={
              <>
                This finding (
                <BreakablePath path={finding.file} line={finding.line} />)
              </>
            }
          />
          <FormControlLabel
            value="rule"
            control={<Radio color="primary" />}
            label={`Every ${finding.ruleId} finding of this entity, in this and later scans`}
          />
        </RadioGroup>
        <TextField
          id="infra-compliance-waiver-reason"
          label="Reason"
          required
          fullWidth
          multiline
          minRows={3}
          margin="normal"
          value={reason}
          inputProps={{ maxLength: MAX_REASON }}
          // For what is waived: with the rule chosen, the reason is the
          // rule's, not the one finding's the dialog opened from.
          helperText={`Why ${
            scope === 'rule'
              ? `every ${finding.ruleId} finding of this entity is`
              : 'this finding is'
          } acceptable (at least ${MIN_REASON} characters).`}
          onChange={event => setReason(event.target.value)}
        />
        <TextField
          id="infra-compliance-waiver-expires"
          label="Expires on"
          type="date"
          className={field}
          fullWidth
          margin="normal"
          value={expiresOn}
          InputLabelProps={{ shrink: true }}
          inputProps={{ min: firstDay }}
          // Said, and on the user's clock: west of Greenwich the day ends in
          // UTC hours before the user's own, and the waiver stopped applying
          // in their afternoon; east of it, hours into their next day.
          error={!expiryOk}
          helperText={expiryHelp(expiresOn, firstDay, expiryPartial)}
          onChange={event => {
            setExpiresOn(event.target.value);
            setExpiryPartial(event.target.validity.badInput);
          }}
          // Typing into an empty field changes no value until the day is
          // whole: the browser sends no change, and the field is left for
          // the Create button (its mousedown blurs the field first).
          onBlur={event => setExpiryPartial(event.target.validity.badInput)}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={!reasonOk || !expiryOk || saving}
          onClick={create}
        >
          Create waiver
        </Button>
      </DialogActions>
    </Dialog>
  );
}
