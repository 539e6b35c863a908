/** IAM as CDK writes it: the policy documents it makes itself, and the roles the app imports. */
import { HostObject, JsValue } from '../../../pulumi/interpreter';
import { Unknown, Value, concat } from '../../../../graph/values';

/** The trust policy of a role CDK makes for `service` to assume (aws-iam ServicePrincipal). */
export function serviceTrust(service: string) {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: service },
        Action: 'sts:AssumeRole',
      },
    ],
  };
}

export const LAMBDA_TRUST = serviceTrust('lambda.amazonaws.com');

/** A role imported (`Role.fromRoleArn`, `Role.fromRoleName`; see IamModel.importRole). */
export function isImportedRole(value: JsValue): value is HostObject {
  return value instanceof HostObject && value.kind === 'importedRole';
}

/** The ARN of an account's root user, as CDK's `AccountPrincipal` writes it. */
export function accountRoot(account: Value): Value {
  return concat([
    'arn:',
    Unknown.oneValue('AWS::Partition'),
    ':iam::',
    account,
    ':root',
  ]);
}
