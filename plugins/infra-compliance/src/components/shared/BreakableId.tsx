import { Fragment, ReactNode } from 'react';
import { makeStyles } from '@material-ui/core/styles';
import { visuallyHidden } from './visuallyHidden';

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
  // Off screen, and left out of a copied selection.
  spoken: { ...visuallyHidden, userSelect: 'none' },
});

/**
 * `text`'s pieces between the break opportunities `pattern` matches, each in
 * a span: no element but the spoken copy has the whole text as its own, the
 * text a test, like a user, finds it by.
 */
function withBreaks(text: string, pattern: RegExp) {
  return text.split(pattern).map((piece, index) => (
    <Fragment key={index}>
      {index > 0 && <wbr />}
      <span>{piece}</span>
    </Fragment>
  ));
}

/**
 * `children` (`text` with its break opportunities) on screen, and `text`
 * whole for a screen reader: Chromium reads each `<wbr>` and each part's box as a
 * space, and named the cell `AWS:: Lambda:: Function`. A selection copies
 * the shown text, which has no extra character; the spoken copy goes first,
 * or a double click on the id's last word copied the paragraph's end too.
 */
function ReadWhole(props: { text: string; children: ReactNode }) {
  const classes = useStyles();
  return (
    <>
      <span className={classes.spoken}>{props.text}</span>
      <span aria-hidden>{props.children}</span>
    </>
  );
}

/**
 * `text` in boxes of `parts`, each broken at `words` only when it does not
 * fit a line alone.
 */
function Breakable(props: { text: string; parts: RegExp; words: RegExp }) {
  const classes = useStyles();
  return (
    <ReadWhole text={props.text}>
      {props.text.split(props.parts).map((part, index) => (
        <Fragment key={index}>
          {index > 0 && <wbr />}
          <span className={classes.part}>{withBreaks(part, props.words)}</span>
        </Fragment>
      ))}
    </ReadWhole>
  );
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
  return <Breakable text={props.id} parts={PARTS} words={WORDS} />;
}

/** After each `/` of a path. */
const DIRECTORIES = /(?<=\/)/;

/**
 * In a file's name: after `.`, `_` or `-`. Not before the line, which stays
 * with the name: in a 768px window the findings showed `template.yaml` /
 * `:124`, a line number alone on a line.
 */
const FILE_NAME_WORDS = /(?<=[._-])(?![._-])/;

/**
 * A file's path and line (`path:line`) that a narrow column breaks after a
 * `/`, then inside the name, its line kept with it, beside a rule's title
 * kept whole at 1024px (`template.` / `yaml:52`), not anywhere (`templat` /
 * `e.yaml`).
 */
export function BreakablePath(props: { path: string; line: number }) {
  return (
    <Breakable
      text={`${props.path}:${props.line}`}
      parts={DIRECTORIES}
      words={FILE_NAME_WORDS}
    />
  );
}
