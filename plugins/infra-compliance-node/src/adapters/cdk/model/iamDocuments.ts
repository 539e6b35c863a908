/** IAM policy documents CDK writes itself. */

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
