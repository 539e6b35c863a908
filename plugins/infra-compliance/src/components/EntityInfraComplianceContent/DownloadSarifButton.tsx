import { useState } from 'react';
import Button from '@material-ui/core/Button';
import { makeStyles } from '@material-ui/core/styles';
import GetAppIcon from '@material-ui/icons/GetApp';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { infraComplianceApiRef } from '../../api';
import { busyButtonProps, SecondaryText } from '../shared';

const useStyles = makeStyles(theme => ({
  // The hint under the button: beside it, the button no longer shared a row
  // with the Status filter in a 768px window, nor with all four in a 1280px one.
  root: { display: 'flex', flexDirection: 'column', alignItems: 'flex-end' },
  hint: { marginTop: theme.spacing(0.5) },
}));

const HINT_ID = 'infra-compliance-sarif-hint';

/** Saves the entity's open findings as SARIF 2.1.0 (for code-scanning tools), waivers marked as suppressions. */
export function DownloadSarifButton(props: { entityRef: CompoundEntityRef }) {
  const api = useApi(infraComplianceApiRef);
  const alertApi = useApi(alertApiRef);
  const [downloading, setDownloading] = useState(false);
  const classes = useStyles();

  const download = async () => {
    setDownloading(true);
    try {
      const { fileName, content } = await api.getSarif(props.entityRef);
      // The request carries the user's token, so the file is fetched, then saved from memory.
      const url = URL.createObjectURL(content);
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      document.body.appendChild(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(url);
    } catch (error) {
      alertApi.post({
        message: `Could not download the SARIF file: ${
          (error as Error).message
        }`,
        severity: 'error',
      });
    } finally {
      setDownloading(false);
    }
  };

  // The hint says what the file has: every open finding (the API's SARIF
  // takes no filter), not the filtered list the button sits beside.
  return (
    <div className={classes.root}>
      <Button
        variant="outlined"
        startIcon={<GetAppIcon />}
        aria-describedby={HINT_ID}
        {...busyButtonProps(downloading, download)}
      >
        Download SARIF
      </Button>
      <span id={HINT_ID} className={classes.hint}>
        <SecondaryText variant="caption">
          All open findings, whatever the filters
        </SecondaryText>
      </span>
    </div>
  );
}
