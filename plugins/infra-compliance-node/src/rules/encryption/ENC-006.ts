import { Resource, ResourceGraph } from '../../graph/ResourceGraph';
import { Ref } from '../../graph/values';
import { Answer } from '../../analysis/iam';
import {
  effectOf,
  hasBoolCondition,
  policyStatements,
} from '../../analysis/policies';
import {
  anyAnswer,
  physicalNameResolver,
  sameString,
} from '../../analysis/strings';
import { defineRule } from '../types';

/** Does a bucket policy deny requests where aws:SecureTransport is false? */
function deniesInsecureTransport(policy: Resource): Answer {
  const read = policyStatements(policy.properties.PolicyDocument);
  if (!read) return 'unknown';
  const answers: Answer[] = read.statements.map(({ statement }) => {
    const effect = effectOf(statement);
    if (effect === 'Allow') return 'no';
    const condition = hasBoolCondition(statement, 'aws:SecureTransport', false);
    if (condition === 'no') return 'no';
    return effect === 'Deny' && condition === 'yes' ? 'yes' : 'unknown';
  });
  if (!read.complete) answers.push('unknown');
  return anyAnswer(answers);
}

/** Does a bucket policy apply to the bucket (`!Ref Bucket`, or the bucket's literal name)? */
function appliesTo(
  graph: ResourceGraph,
  policy: Resource,
  bucket: Resource,
): Answer {
  return sameString(
    policy.properties.Bucket,
    new Ref(bucket.id),
    physicalNameResolver(graph),
  );
}

/** ENC-006: an S3 bucket has no bucket policy in the stack that denies insecure transport. */
export default defineRule('ENC-006', ({ graph, check, report, doubt }) => {
  const policies = graph
    .ofType('AWS::S3::BucketPolicy')
    .map(policy => ({ policy, denies: deniesInsecureTransport(policy) }));
  // Whether a policy is a bucket's, and what it denies, rests on every policy's Bucket and statements.
  const policiesRestOn = ['Bucket', 'PolicyDocument'].map(key => ({
    resources: policies.map(({ policy }) => policy),
    path: [key],
  }));
  for (const bucket of graph.ofType('AWS::S3::Bucket')) {
    check(bucket);
    const answer = anyAnswer(
      policies
        .filter(({ denies }) => denies !== 'no')
        .map(({ policy, denies }) => {
          const applies = appliesTo(graph, policy, bucket);
          if (applies === 'no') return 'no';
          return applies === 'yes' && denies === 'yes' ? 'yes' : 'unknown';
        }),
    );
    if (answer === 'unknown') doubt(bucket);
    if (answer !== 'no') continue;
    const own = policies
      .filter(({ policy }) => appliesTo(graph, policy, bucket) === 'yes')
      .map(({ policy }) => policy.id);
    report(bucket, {
      message:
        own.length > 0
          ? `S3 bucket ${bucket.id} has a bucket policy (${own.join(
              ', ',
            )}) but none of its statements denies requests where aws:SecureTransport is false, so objects can be read and written over plain HTTP.`
          : `S3 bucket ${bucket.id} has no bucket policy in the stack denying requests where aws:SecureTransport is false, so objects can be read and written over plain HTTP.`,
      restsOn: [
        { resources: [bucket], path: ['BucketName'] },
        ...policiesRestOn,
      ],
    });
  }
});
