import { EntityRefLink } from '@backstage/plugin-catalog-react';

/**
 * A user, as Backstage names them, linked to their page; a service (the
 * backend records its subject, `external:ci-bot`) as it is: it has no page.
 */
export function UserLink(props: { entityRef: string | undefined }) {
  if (!props.entityRef) return <>—</>;
  if (!props.entityRef.toLocaleLowerCase('en-US').startsWith('user:')) {
    return <>{props.entityRef}</>;
  }
  return (
    <EntityRefLink entityRef={props.entityRef} defaultKind="user" hideIcon />
  );
}
