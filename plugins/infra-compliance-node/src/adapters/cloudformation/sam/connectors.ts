/**
 * What a SAM connector (`AWS::Serverless::Connector`, or a resource's
 * embedded `Connectors`) grants through a role: the managed policy SAM
 * attaches to the role of one of its ends, by the ends' types and the
 * connector's `Permissions` (SAM's connector profiles). Connections SAM makes
 * with a resource policy (a Lambda permission, a queue or topic policy) grant
 * no role anything and are not listed.
 */
import { Resource } from '../../../graph/ResourceGraph';
import {
  Ref,
  Unknown,
  Value,
  asList,
  asString,
  concat,
  isMap,
  refersTo,
} from '../../../graph/values';
import { lookupTable } from '../../../support/lookupTable';

/** The ends of one connection, as a profile's statements name them. */
export interface ConnectorEnds {
  sourceArn: Value;
  destinationArn: Value;
  destinationName: Value;
}

interface ProfileStatement {
  actions: readonly string[];
  resources: (ends: ConnectorEnds) => Value[];
}

/** A connection SAM grants through a role's managed policy. */
export interface RoleProfile {
  /** Whether the policy goes on the source's role (else on the destination's). */
  onSource: boolean;
  access: Readonly<
    Partial<Record<'Read' | 'Write', readonly ProfileStatement[]>>
  >;
}

const destination = (ends: ConnectorEnds) => [ends.destinationArn];
const destinationAndObjects = (ends: ConnectorEnds) => [
  ends.destinationArn,
  concat([ends.destinationArn, '/*']),
];
const destinationAndIndexes = (ends: ConnectorEnds) => [
  ends.destinationArn,
  concat([ends.destinationArn, '/index/*']),
];
const arnOfAccount = (service: string, resource: Value[]) =>
  concat([
    'arn:',
    Unknown.oneValue('AWS::Partition'),
    `:${service}:`,
    Unknown.oneValue('AWS::Region'),
    ':',
    Unknown.oneValue('AWS::AccountId'),
    ':',
    ...resource,
  ]);
const executions = (ends: ConnectorEnds) => [
  arnOfAccount('states', ['execution:', ends.destinationName, ':*']),
];
const executionEventsRule = () => [
  arnOfAccount('events', [
    'rule/StepFunctionsGetEventsForStepFunctionsExecutionRule',
  ]),
];

const INVOKE: readonly ProfileStatement[] = [
  {
    actions: ['lambda:InvokeAsync', 'lambda:InvokeFunction'],
    resources: destination,
  },
];
const PUT_EVENTS: RoleProfile = {
  onSource: true,
  access: {
    Write: [{ actions: ['events:PutEvents'], resources: destination }],
  },
};
const PUBLISH: RoleProfile = {
  onSource: true,
  access: { Write: [{ actions: ['sns:Publish'], resources: destination }] },
};
const BUCKET: RoleProfile = {
  onSource: true,
  access: {
    Read: [
      {
        actions: [
          's3:GetObject',
          's3:GetObjectAcl',
          's3:GetObjectLegalHold',
          's3:GetObjectRetention',
          's3:GetObjectTorrent',
          's3:GetObjectVersion',
          's3:GetObjectVersionAcl',
          's3:GetObjectVersionForReplication',
          's3:GetObjectVersionTorrent',
          's3:ListBucket',
          's3:ListBucketMultipartUploads',
          's3:ListBucketVersions',
          's3:ListMultipartUploadParts',
        ],
        resources: destinationAndObjects,
      },
    ],
    Write: [
      {
        actions: [
          's3:AbortMultipartUpload',
          's3:DeleteObject',
          's3:DeleteObjectVersion',
          's3:PutObject',
          's3:PutObjectLegalHold',
          's3:PutObjectRetention',
          's3:RestoreObject',
        ],
        resources: destinationAndObjects,
      },
    ],
  },
};
const TABLE: RoleProfile = {
  onSource: true,
  access: {
    Read: [
      {
        actions: [
          'dynamodb:GetItem',
          'dynamodb:Query',
          'dynamodb:Scan',
          'dynamodb:BatchGetItem',
          'dynamodb:ConditionCheckItem',
          'dynamodb:PartiQLSelect',
        ],
        resources: destinationAndIndexes,
      },
    ],
    Write: [
      {
        actions: [
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
          'dynamodb:DeleteItem',
          'dynamodb:BatchWriteItem',
          'dynamodb:PartiQLDelete',
          'dynamodb:PartiQLInsert',
          'dynamodb:PartiQLUpdate',
        ],
        resources: destinationAndIndexes,
      },
    ],
  },
};
const START_STATE_MACHINE: RoleProfile = {
  onSource: true,
  access: {
    Read: [
      {
        actions: ['states:DescribeStateMachine', 'states:ListExecutions'],
        resources: destination,
      },
      {
        actions: [
          'states:DescribeExecution',
          'states:DescribeStateMachineForExecution',
          'states:GetExecutionHistory',
        ],
        resources: executions,
      },
    ],
    Write: [
      {
        actions: ['states:StartExecution', 'states:StartSyncExecution'],
        resources: destination,
      },
      { actions: ['states:StopExecution'], resources: executions },
    ],
  },
};

/** By `<source type>><destination type>`, the CloudFormation types of the ends. */
export const ROLE_PROFILES = lookupTable<RoleProfile>({
  'AWS::Lambda::Function>AWS::Lambda::Function': {
    onSource: true,
    access: { Write: INVOKE },
  },
  'AWS::Lambda::Function>AWS::S3::Bucket': BUCKET,
  'AWS::Lambda::Function>AWS::DynamoDB::Table': TABLE,
  'AWS::Lambda::Function>AWS::SQS::Queue': {
    onSource: true,
    access: {
      Read: [
        {
          actions: ['sqs:ReceiveMessage', 'sqs:GetQueueAttributes'],
          resources: destination,
        },
      ],
      Write: [
        {
          actions: [
            'sqs:DeleteMessage',
            'sqs:SendMessage',
            'sqs:ChangeMessageVisibility',
            'sqs:PurgeQueue',
          ],
          resources: destination,
        },
      ],
    },
  },
  'AWS::Lambda::Function>AWS::SNS::Topic': PUBLISH,
  'AWS::Lambda::Function>AWS::StepFunctions::StateMachine': START_STATE_MACHINE,
  'AWS::Lambda::Function>AWS::Events::EventBus': PUT_EVENTS,
  'AWS::Lambda::Function>AWS::Location::PlaceIndex': {
    onSource: true,
    access: {
      Read: [
        {
          actions: [
            'geo:DescribePlaceIndex',
            'geo:GetPlace',
            'geo:SearchPlaceIndexForPosition',
            'geo:SearchPlaceIndexForSuggestions',
            'geo:SearchPlaceIndexForText',
          ],
          resources: destination,
        },
      ],
    },
  },
  // A function polling a queue or a stream: the policy goes on the function's role.
  'AWS::SQS::Queue>AWS::Lambda::Function': {
    onSource: false,
    access: {
      Read: [
        {
          actions: ['sqs:ReceiveMessage', 'sqs:GetQueueAttributes'],
          resources: ends => [ends.sourceArn],
        },
      ],
      Write: [
        { actions: ['sqs:DeleteMessage'], resources: ends => [ends.sourceArn] },
      ],
    },
  },
  'AWS::DynamoDB::Table>AWS::Lambda::Function': {
    onSource: false,
    access: {
      Read: [
        {
          actions: [
            'dynamodb:DescribeStream',
            'dynamodb:GetRecords',
            'dynamodb:GetShardIterator',
            'dynamodb:ListStreams',
          ],
          resources: ends => [concat([ends.sourceArn, '/stream/*'])],
        },
      ],
    },
  },
  'AWS::StepFunctions::StateMachine>AWS::Lambda::Function': {
    onSource: true,
    access: { Write: INVOKE },
  },
  'AWS::StepFunctions::StateMachine>AWS::SNS::Topic': PUBLISH,
  'AWS::StepFunctions::StateMachine>AWS::SQS::Queue': {
    onSource: true,
    access: {
      Write: [{ actions: ['sqs:SendMessage'], resources: destination }],
    },
  },
  'AWS::StepFunctions::StateMachine>AWS::S3::Bucket': BUCKET,
  'AWS::StepFunctions::StateMachine>AWS::DynamoDB::Table': TABLE,
  'AWS::StepFunctions::StateMachine>AWS::StepFunctions::StateMachine': {
    onSource: true,
    access: {
      Read: [
        { actions: ['states:DescribeExecution'], resources: executions },
        { actions: ['events:DescribeRule'], resources: executionEventsRule },
      ],
      Write: [
        { actions: ['states:StartExecution'], resources: destination },
        { actions: ['states:StopExecution'], resources: executions },
        {
          actions: ['events:PutTargets', 'events:PutRule'],
          resources: executionEventsRule,
        },
      ],
    },
  },
  'AWS::StepFunctions::StateMachine>AWS::Events::EventBus': PUT_EVENTS,
  'AWS::Events::Rule>AWS::Events::EventBus': PUT_EVENTS,
  'AWS::Events::Rule>AWS::StepFunctions::StateMachine': {
    onSource: true,
    access: {
      Write: [{ actions: ['states:StartExecution'], resources: destination }],
    },
  },
  'AWS::AppSync::DataSource>AWS::DynamoDB::Table': TABLE,
  'AWS::AppSync::DataSource>AWS::Lambda::Function': {
    onSource: true,
    access: {
      Write: [
        {
          actions: ['lambda:InvokeAsync', 'lambda:InvokeFunction'],
          resources: ends => [
            ends.destinationArn,
            concat([ends.destinationArn, ':*']),
          ],
        },
      ],
    },
  },
});

/**
 * Connections SAM makes with a resource policy of the destination (or a
 * Lambda permission): no role's policy changes.
 */
export const RESOURCE_POLICY_CONNECTIONS: ReadonlySet<string> = new Set([
  'AWS::Events::Rule>AWS::SNS::Topic',
  'AWS::Events::Rule>AWS::Lambda::Function',
  'AWS::Events::Rule>AWS::SQS::Queue',
  'AWS::ApiGatewayV2::Api>AWS::Lambda::Function',
  'AWS::ApiGateway::RestApi>AWS::Lambda::Function',
  'AWS::SNS::Topic>AWS::SQS::Queue',
  'AWS::SNS::Topic>AWS::Lambda::Function',
  'AWS::S3::Bucket>AWS::Lambda::Function',
  'AWS::AppSync::GraphQLApi>AWS::Lambda::Function',
]);

/** SAM resource types a connector may name by `Type`, as the CloudFormation type SAM's profiles know them by. */
const CONNECTOR_END_TYPES = lookupTable<string>({
  'AWS::Serverless::Function': 'AWS::Lambda::Function',
  'AWS::Serverless::StateMachine': 'AWS::StepFunctions::StateMachine',
  'AWS::Serverless::Api': 'AWS::ApiGateway::RestApi',
  'AWS::Serverless::HttpApi': 'AWS::ApiGatewayV2::Api',
  'AWS::Serverless::SimpleTable': 'AWS::DynamoDB::Table',
});

/** Types whose `Ref` is their ARN; the others' is `GetAtt <id>.Arn`. */
const ARN_BY_REF = new Set([
  'AWS::SNS::Topic',
  'AWS::StepFunctions::StateMachine',
]);

/** The ARN of a resource of the template, as SAM's profiles read it. */
function connectorArn(id: string, type: string): Ref {
  return ARN_BY_REF.has(type) ? new Ref(id) : new Ref(id, 'Arn');
}

/** The name of a resource of the template, as SAM's profiles read it. */
function connectorName(id: string, type: string): Ref {
  return type === 'AWS::StepFunctions::StateMachine'
    ? new Ref(id, 'Name')
    : new Ref(id);
}

/** The property that holds the role of a connector's end, by type. */
const CONNECTOR_ROLE_PROPERTIES = lookupTable<string>({
  'AWS::Lambda::Function': 'Role',
  'AWS::StepFunctions::StateMachine': 'RoleArn',
  'AWS::AppSync::DataSource': 'ServiceRoleArn',
});

/** One end of a connection: a resource of the template (`Id`), or one the connector describes (`Type`, `Arn`, `RoleName`…). */
interface ConnectorEnd {
  id?: string;
  type: string | undefined;
  arn: Value;
  name: Value;
  /** The role SAM attaches the end's policy to; `other` is the other end's id. Undefined for an end that runs as no role. */
  role(other: string | undefined): Value | undefined;
}

export function connectorEnd(
  reference: Value | undefined,
  byId: ReadonlyMap<string, Resource>,
): ConnectorEnd {
  const written = isMap(reference) ? reference : {};
  const id = asString(written.Id);
  if (id === undefined) {
    const type = asString(written.Type);
    return {
      type: type === undefined ? undefined : CONNECTOR_END_TYPES[type] ?? type,
      arn: written.Arn ?? new Unknown('connector end ARN'),
      name: written.Name ?? new Unknown('connector end name'),
      role: () => written.RoleName,
    };
  }
  const resource = byId.get(id);
  // Not deployed (a condition): neither is what connects it.
  if (!resource)
    return {
      id,
      type: undefined,
      arn: new Unknown(`resource ${id}`),
      name: new Unknown(`resource ${id}`),
      role: () => undefined,
    };
  return {
    id,
    type: resource.type,
    arn: connectorArn(id, resource.type),
    name: connectorName(id, resource.type),
    role: other => {
      const p = resource.properties;
      let role: Value | undefined;
      if (resource.type === 'AWS::Events::Rule') {
        // A rule's role is the one of its target that is the other end.
        const target = asList(p.Targets).find(
          t => isMap(t) && other !== undefined && refersTo(t.Arn, other),
        );
        role = isMap(target)
          ? target.RoleArn ?? new Unknown('rule target role')
          : new Unknown('rule target role');
      } else {
        const property = CONNECTOR_ROLE_PROPERTIES[resource.type];
        if (property === undefined) return undefined;
        role = p[property] ?? new Unknown(`${property} of ${id}`);
      }
      // SAM names the role by the logical id its ARN is read from.
      return role instanceof Ref ? new Ref(role.target) : role;
    },
  };
}
