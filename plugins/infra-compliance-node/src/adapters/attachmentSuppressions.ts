/**
 * Suppressions written on attachments: resources that set what another
 * resource holds, which the Terraform and Pulumi adapters fold into it (see
 * InlineSuppression.appliesWithin).
 */
import { linesWithin } from '../graph/locations';
import {
  DeclarationLines,
  InlineSuppression,
  Resource,
} from '../graph/ResourceGraph';
import { Value } from '../graph/values';

/**
 * The suppressions written on an attachment as what it sets values of
 * holds them: each applies within the attachment's declaration (`lines`),
 * and where the values it sets (its `arguments`, with the lines of its file)
 * are written, which may be elsewhere in its file (a local, a data source's
 * policy document); it is reviewed on the attachment (`id`, reported as of
 * `type`), where not on what it is written on already (a Terraform module
 * call, which covers the attachments its module declares too).
 */
export function attachmentSuppressions(
  written: readonly InlineSuppression[],
  attachment: {
    id: string;
    type: string;
    lines: DeclarationLines;
    arguments?: Value;
  },
): InlineSuppression[] {
  if (written.length === 0) return [];
  const { lines } = attachment;
  const valuesAt = [...linesWithin(attachment.arguments)].filter(
    line => line < lines.first || line > lines.last,
  );
  const appliesWithin =
    valuesAt.length > 0 ? { ...lines, valuesAt: new Set(valuesAt) } : lines;
  return written.map(suppression => ({
    ...suppression,
    appliesWithin,
    ...(suppression.writtenOn === undefined && {
      writtenOn: attachment.id,
      writtenOnConstruct: {
        file: suppression.file ?? attachment.lines.file,
        type: attachment.type,
      },
    }),
  }));
}

/** Has a resource an attachment sets values of hold the attachment's suppressions, once. */
export function holdAttachmentSuppressions(
  resource: Resource,
  suppressions: readonly InlineSuppression[],
): void {
  const added = suppressions.filter(
    suppression => !resource.suppressions.includes(suppression),
  );
  // A new list: the resource may share its own with others (the instances of its block, the resources of a module call).
  if (added.length > 0)
    resource.suppressions = [...resource.suppressions, ...added];
}
