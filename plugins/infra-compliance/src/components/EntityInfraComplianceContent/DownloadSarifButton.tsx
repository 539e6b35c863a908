import { useState } from 'react';
import Button from '@material-ui/core/Button';
import GetAppIcon from '@material-ui/icons/GetApp';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { infraComplianceApiRef } from '../../api';
import { busyButtonProps } from '../shared';

/** Saves the entity's open findings as SARIF 2.1.0 (for code-scanning tools), waivers marked as suppressions. */
export function DownloadSarifButton(props: { entityRef: CompoundEntityRef }) {
  const api = useApi(infraComplianceApiRef);
  const alertApi = useApi(alertApiRef);
  const [downloading, setDownloading] = useState(false);

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

  return (
    <Button
      variant="outlined"
      startIcon={<GetAppIcon />}
      {...busyButtonProps(downloading, download)}
    >
      Download SARIF
    </Button>
  );
}
