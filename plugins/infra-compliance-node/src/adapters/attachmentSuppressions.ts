/**
 * Suppressions written on attachments: resources that set what another
 * resource holds, which the Terraform and Pulumi adapters fold into it (see
 * InlineSuppression.appliesWithin).
 */
import {
  DeclarationLines,
  InlineSuppression,
  Resource,
} from '../graph/ResourceGraph';

/**
 * The suppressions written on an attachment as what it sets values of
 * holds them: each applies within the attachment's declaration (`lines`),
 * and is reviewed on the attachment (`id`, reported as of `type`), where not
 * on what it is written on already (a Terraform module call, which covers
 * the attachments its module declares too).
 */
export function attachmentSuppressions(
  written: readonly InlineSuppression[],
  attachment: { id: string; type: string; lines: DeclarationLines },
): InlineSuppression[] {
  return written.map(suppression => ({
    ...suppression,
    appliesWithin: attachment.lines,
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
