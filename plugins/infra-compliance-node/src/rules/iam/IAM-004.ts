import { Resource } from '../../graph/ResourceGraph';
import { collectRefs, getPath, isMap } from '../../graph/values';
import {
  FUNCTION_TYPE,
  functionBehind,
  namesNothingToInvoke,
  namesOwnVersion,
} from '../../analysis/lambda';
import {
  GrantTarget,
  coversQualified,
  grants,
  namesRestOn,
  permissionsOf,
  roleOf,
} from '../../analysis/iam';
import { defineRule } from '../types';
import { lookupTable } from '../../support/lookupTable';

const S3_OBJECT_ACTIONS = [
  's3:GetObject',
  's3:GetObjectVersion',
  's3:GetObjectAcl',
  's3:GetObjectTagging',
  's3:GetObjectAttributes',
  's3:PutObject',
  's3:PutObjectAcl',
  's3:PutObjectTagging',
  's3:PutObjectRetention',
  's3:PutObjectLegalHold',
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:DeleteObjectTagging',
  's3:RestoreObject',
  's3:AbortMultipartUpload',
  's3:ListMultipartUploadParts',
];

/** What a function needs to be allowed to use a table, global or not. */
const TABLE_USE = {
  actions: [
    'dynamodb:GetItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:Query',
    'dynamodb:Scan',
    'dynamodb:BatchGetItem',
    'dynamodb:BatchWriteItem',
    'dynamodb:ConditionCheckItem',
    'dynamodb:TransactGetItems',
    'dynamodb:TransactWriteItems',
    'dynamodb:PartiQLSelect',
    'dynamodb:PartiQLInsert',
    'dynamodb:PartiQLUpdate',
    'dynamodb:PartiQLDelete',
  ],
  needs: 'dynamodb data action (GetItem, PutItem, Query, ...)',
};

/** What a function needs to be allowed to use a resource of each type it is handed. */
const USES = lookupTable<{ actions: string[]; needs: string }>({
  'AWS::SNS::Topic': { actions: ['sns:Publish'], needs: 'sns:Publish' },
  'AWS::DynamoDB::Table': TABLE_USE,
  'AWS::DynamoDB::GlobalTable': TABLE_USE,
  'AWS::SQS::Queue': { actions: ['sqs:SendMessage'], needs: 'sqs:SendMessage' },
  'AWS::Lambda::Function': {
    actions: ['lambda:InvokeFunction'],
    needs: 'lambda:InvokeFunction',
  },
  'AWS::S3::Bucket': {
    actions: S3_OBJECT_ACTIONS,
    needs: 's3 object action (GetObject, PutObject, ...)',
  },
  'AWS::StepFunctions::StateMachine': {
    actions: ['states:StartExecution', 'states:StartSyncExecution'],
    needs: 'states:StartExecution',
  },
});

/**
 * References to a resource that hand a function something else than it: a table's stream; a global table's ID,
 * which no DynamoDB call takes (they take a table's name or ARN). Terraform and Pulumi read a table with replicas
 * as a global table: its stream label is theirs (`stream_label`).
 */
const OTHER_THAN_THE_RESOURCE = lookupTable<readonly string[]>({
  'AWS::DynamoDB::Table': [
    'StreamArn',
    'StreamLabel',
    'LatestStreamArn',
    'LatestStreamLabel',
  ],
  'AWS::DynamoDB::GlobalTable': ['StreamArn', 'StreamLabel', 'TableId'],
});

/**
 * IAM-004: a function handed a resource of the stack in an environment
 * variable whose role grants no action that uses it; a version or alias of
 * a function, as that function invoked by its qualified ARN. Reported once
 * per resource, at the first variable that names it.
 */
export default defineRule('IAM-004', ({ graph, check, report, doubt }) => {
  for (const fn of graph.ofType(FUNCTION_TYPE)) {
    const role = roleOf(graph, fn);
    if (!role) continue;
    const variables = getPath(fn.properties, ['Environment', 'Variables']);
    if (!isMap(variables)) continue;
    const seen = new Set<Resource>();
    for (const [name, value] of Object.entries(variables)) {
      for (const { ref } of collectRefs(value)) {
        const referenced = graph.get(ref.target);
        // An alias's function name (Terraform `aws_lambda_alias.live.function_name`) is its function's, unqualified.
        const target =
          referenced?.type === 'AWS::Lambda::Alias' &&
          ref.attribute === 'FunctionName'
            ? functionBehind(graph, referenced)
            : referenced;
        if (!target || target === fn || seen.has(target)) continue;
        if (
          ref.attribute !== undefined &&
          OTHER_THAN_THE_RESOURCE[target.type]?.includes(ref.attribute)
        )
          continue;
        // A version's number or an alias's name alone invokes nothing.
        if (namesNothingToInvoke(target, ref.attribute)) continue;
        // A version or alias of a function of the stack, or its qualified ARN, is that function invoked by its qualified ARN.
        const behind = functionBehind(graph, target);
        const ownVersion = namesOwnVersion(target, ref.attribute);
        const qualified =
          behind !== undefined && (behind !== target || ownVersion);
        const use = USES[qualified ? behind.type : target.type];
        if (!use || behind === fn) continue;
        seen.add(target);
        check(fn);
        const grantTarget: GrantTarget = qualified
          ? coversQualified(target, behind)
          : target;
        const permissions = permissionsOf(graph, role);
        const granted = grants(permissions, use.actions, grantTarget);
        if (granted === 'unknown') doubt(fn);
        if (granted !== 'no') continue;
        report(fn, {
          message: `Function ${fn.id} is given ${
            target.id
          } in ${name} but its role ${role.id} grants no ${use.needs} on it${
            qualified
              ? ` (${
                  ownVersion
                    ? 'its qualified ARN, a version of it,'
                    : `a version or alias of ${behind.id}, invoked by its qualified ARN,`
                } which ${behind.id}'s ARN alone does not cover: add :* or *)`
              : ''
          }, so its calls fail with AccessDenied.`,
          path: ['Environment', 'Variables', name],
          about: target.id,
          // Which role the function has, what that role may do, and the names its policies may give the target by.
          restsOn: [
            { resources: [fn], path: ['Role'] },
            ...permissions.restsOn,
            ...namesRestOn(qualified ? [target, behind] : [target]),
          ],
        });
      }
    }
  }
});
