import { Fragment } from 'react';
import { makeStyles } from '@material-ui/core/styles';

/** The end of each part of an id: after a run of `/`, `.` or `:`. */
const PARTS = /(?<=[/.:])(?![/.:])/;

/**
 * Where a part may break when it does not fit a line alone: after `_`, `-`
 * or `@`, and between the words of a camelCase name. Not before a digit:
 * CDK's hash suffixes stay whole.
 */
const WORDS = /(?<=[_\-@])(?![_\-@])|(?<=[a-z])(?=[A-Z])/;

const useStyles = makeStyles({
  // One box per part: a line breaks between parts first, and inside one
  // only when it does not fit a line alone.
  part: { display: 'inline-block' },
});

function withBreaks(text: string, pattern: RegExp) {
  return text.split(pattern).map((piece, index) => (
    <Fragment key={index}>
      {index > 0 && <wbr />}
      {piece}
    </Fragment>
  ));
}

/**
 * An id (a resource's logical id or address, its type) that a
 * narrow column breaks between its parts, then between the words of a part:
 * Backstage's cells break a word that does not fit anywhere, and the
 * findings table showed `aws_lambda_function.data_proces` / `sor` in a
 * 1400px window. A word too long for its column alone still breaks, so that
 * the table stays in the window.
 */
export function BreakableId(props: { id: string }) {
  const classes = useStyles();
  return (
    <>
      {props.id.split(PARTS).map((part, index) => (
        <Fragment key={index}>
          {index > 0 && <wbr />}
          <span className={classes.part}>{withBreaks(part, WORDS)}</span>
        </Fragment>
      ))}
    </>
  );
}

/**
 * A file path that a narrow column breaks after a `/`, not in the middle of
 * a directory's or a file's name.
 */
export function BreakablePath(props: { path: string }) {
  return <>{withBreaks(props.path, /(?<=\/)/)}</>;
}
