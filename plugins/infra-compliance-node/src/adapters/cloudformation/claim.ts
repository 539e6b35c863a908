/**
 * Which files are CloudFormation and SAM templates: YAML or JSON, recognised
 * by content.
 */
import { AdapterClaim, SourceFile } from '../types';

const TEMPLATE_EXTENSIONS = /\.(ya?ml|json|template|cfn)$/i;
const LOOKS_LIKE_TEMPLATE =
  /AWSTemplateFormatVersion|AWS::Serverless-2016-10-31|(?<![\w-])["']?Type["']?\s*:\s*["']?AWS::[A-Za-z0-9]+::[A-Za-z0-9]+/;

export const cloudFormationClaim: AdapterClaim = {
  format: 'cloudformation',
  fileNamePattern: TEMPLATE_EXTENSIONS,
  // Each template is its own stack, but an alarm in one answers a function of another (see answerFromOtherStacks).
  stacksAnswerEachOther: true,

  accepts(file: SourceFile): boolean {
    return (
      TEMPLATE_EXTENSIONS.test(file.path) && LOOKS_LIKE_TEMPLATE.test(file.text)
    );
  },
};
