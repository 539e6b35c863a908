import { EntityRefLink } from '@backstage/plugin-catalog-react';

/**
 * Whether `ref`, as the backend records who asked (a waiver's author, who
 * requested a scan), names a user: else a service, by its subject
 * (`external:ci-bot`, `plugin:scaffolder`).
 */
export function isUserRef(ref: string): boolean {
  return ref.toLocaleLowerCase('en-US').startsWith('user:');
}

/**
 * A user, as Backstage names them, linked to their page; a service (the
 * backend records its subject, `external:ci-bot`) as it is: it has no page.
 */
export function UserLink(props: { entityRef: string | undefined }) {
  if (!props.entityRef) return <>—</>;
  if (!isUserRef(props.entityRef)) {
    return <>{props.entityRef}</>;
  }
  return (
    <EntityRefLink entityRef={props.entityRef} defaultKind="user" hideIcon />
  );
}
