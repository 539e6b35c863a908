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
 * Underlined: it stands in a sentence ("waived by … on …", "Scan now by …"),
 * where link blue is 2.7:1 on the text around it in the light theme, 1.7:1
 * in the dark one, under the 3:1 that would let colour alone mark a link
 * (WCAG 1.4.1).
 */
export function UserLink(props: { entityRef: string | undefined }) {
  if (!props.entityRef) return <>—</>;
  if (!isUserRef(props.entityRef)) {
    return <>{props.entityRef}</>;
  }
  return (
    <EntityRefLink
      entityRef={props.entityRef}
      defaultKind="user"
      hideIcon
      underline="always"
    />
  );
}
