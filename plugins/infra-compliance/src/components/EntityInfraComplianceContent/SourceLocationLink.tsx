import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { scmIntegrationsApiRef } from '@backstage/integration-react';
import { BreakablePath } from '../shared';
import { sourceFileUrl } from './sourceLink';

/**
 * A line of a file of the scanned source (`file:line`), linked to it in its
 * repository; as text for a local `dir:` source, which a browser cannot open.
 */
export function SourceLocationLink(props: {
  /** The source location the scan read (see scannedLocation). */
  sourceLocation?: string;
  file: string;
  line: number;
}) {
  const { sourceLocation, file, line } = props;
  const scmIntegrations = useApi(scmIntegrationsApiRef);
  const text = <BreakablePath path={file} line={line} />;
  const url = sourceFileUrl(sourceLocation, scmIntegrations, { file, line });
  return url ? <Link to={url}>{text}</Link> : <code>{text}</code>;
}
