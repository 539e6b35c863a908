/** The model of aws-events-targets' targets of EventBridge rules (see EventTargetsModel). */
import { Unknown, Value, concat } from '../../../graph/values';
import { Props } from './props';
import { lookupTable } from '../../../support/lookupTable';
import { executeApiArn, ref } from './arns';
import {
  CallSite,
  HostObject,
  JsValue,
  ResourceHandle,
  isPlainObject,
  toGraphValue,
} from '../../pulumi/interpreter';
import type { CdkModel } from '../constructs';
import { GRANTS } from './iam/grants';
import { isImportedRestApi } from './apiGateway';

const FIREHOSE_PUT = ['firehose:PutRecord', 'firehose:PutRecordBatch'];
const EVENTS_PRINCIPAL = { Service: 'events.amazonaws.com' };

/** A target of {@link ROLE_TARGETS}. */
interface RoleTarget {
  roleProp?: string;
  below: 'target' | 'rule';
  actions: string[];
  /**
   * What the role is granted the actions on, and the ARN the rule calls, where not the target's ARN: from the
   * target's ARN, its ref (a REST API's id) and the target's options.
   */
  granted?: (
    target: { arn: Value; ref: Value },
    options: Props,
  ) => { resources: Value[]; arn: Value };
  /** Whether a role the options name is granted the actions too (AppSync grants only the role it makes). */
  grantsNamedRole?: boolean;
}

/**
 * The rule targets (aws-events-targets/lib) EventBridge calls as a role, made when a rule is given them (`bind`): the
 * prop of their options that names one, the construct CDK otherwise makes one below (`<construct>/EventsRole`,
 * util.ts singletonEventRole, shared by every rule that targets it): the target or the rule, and what the role is
 * granted on the target. SfnStateMachine, EcsTask and BatchJob, whose arguments differ, are modelled apart.
 */
export const ROLE_TARGETS = lookupTable<RoleTarget>({
  EventBus: { roleProp: 'role', below: 'rule', actions: ['events:PutEvents'] },
  KinesisStream: {
    below: 'target',
    actions: ['kinesis:PutRecord', 'kinesis:PutRecords'],
  },
  KinesisFirehoseStream: { below: 'target', actions: FIREHOSE_PUT },
  KinesisFirehoseStreamV2: { below: 'target', actions: FIREHOSE_PUT },
  FirehoseDeliveryStream: { below: 'target', actions: FIREHOSE_PUT },
  CodeBuildProject: {
    roleProp: 'eventRole',
    below: 'target',
    actions: ['codebuild:StartBuild'],
  },
  CodePipeline: {
    roleProp: 'eventRole',
    below: 'target',
    actions: ['codepipeline:StartPipelineExecution'],
  },
  ApiDestination: {
    roleProp: 'eventRole',
    below: 'target',
    actions: ['events:InvokeApiDestination'],
  },
  // The rule calls the API's stage's method at its path (api-gateway.ts).
  ApiGateway: {
    roleProp: 'eventRole',
    below: 'target',
    actions: ['execute-api:Invoke', 'execute-api:ManageConnections'],
    granted: ({ ref: restApiId }, options) => {
      const arn = executeApiArn(restApiId, options);
      return { resources: [arn], arn };
    },
  },
  // The rule calls the API's GraphQL endpoint; the role CDK makes may run its mutations (appsync.ts, grantMutation:
  // the fields its options name, or all).
  AppSync: {
    roleProp: 'eventRole',
    below: 'target',
    actions: ['appsync:GraphQL'],
    grantsNamedRole: false,
    granted: ({ arn }, options) => {
      const fields = options.mutationFields ?? [];
      let resources: Value[] = [
        new Unknown('mutation fields of an AppSync target'),
      ];
      if (Array.isArray(fields) && fields.length === 0)
        resources = [concat([arn, '/types/Mutation/*'])];
      else if (Array.isArray(fields))
        resources = fields.map(field =>
          concat([
            arn,
            '/types/Mutation/fields/',
            toGraphValue(field, ref) ?? new Unknown('mutation field'),
          ]),
        );
      return {
        resources,
        arn: new Unknown('GraphQL endpoint ARN of an AppSync target'),
      };
    },
  },
});

/** The part of CdkModel the event targets model uses. */
type Model = Pick<
  CdkModel,
  | 'byId'
  | 'callMethod'
  | 'escape'
  | 'iamModel'
  | 'importsModel'
  | 'ref'
  | 'restApiModel'
>;

/**
 * What aws-events-targets synthesize for a rule's targets: the target with its input and retry policy, and the role
 * CDK makes for EventBridge to call it (one per stack and target type where CDK shares it).
 */
export class EventTargetsModel {
  constructor(private readonly model: Model) {}

  /**
   * A rule's target as CloudFormation writes it: what it names, the role EventBridge calls it as, and the
   * dead-letter queue of its options.
   */
  eventTarget(target: JsValue, rule: string, site: CallSite): JsValue {
    if (!(target instanceof HostObject && target.kind === 'eventTarget'))
      return { Arn: new Unknown('rule target') };
    const { target: named, options, arn } = target.data;
    let role = target.data.role;
    let calledArn: Value | undefined;
    if (typeof target.data.roleTarget === 'string')
      ({ role, arn: calledArn } = this.boundTargetRole(
        named,
        options,
        ROLE_TARGETS[target.data.roleTarget],
        rule,
        site,
      ));
    if (Array.isArray(target.data.batchJob))
      role = this.batchJobRole(target.data.batchJob, site);
    let deadLetterQueue: JsValue = isPlainObject(options)
      ? options.deadLetterQueue
      : undefined;
    if (options !== undefined && !isPlainObject(options))
      deadLetterQueue = new Unknown('target options');
    // The ARN it is given (BatchJob's queue's), the one it calls (an API Gateway target's stage's method), or that of the construct it names.
    let targetArn =
      calledArn ?? this.model.importsModel.arnOf(named, 'rule target');
    if (arn !== undefined)
      targetArn = this.model.ref(arn) ?? new Unknown('rule target');
    return {
      Arn: targetArn,
      ...(role === undefined
        ? {}
        : {
            RoleArn:
              this.model.iamModel.roleArnOf(role) ??
              new Unknown('role not known statically'),
          }),
      ...(deadLetterQueue === undefined
        ? {}
        : {
            DeadLetterConfig: { Arn: this.model.ref(deadLetterQueue, 'Arn') },
          }),
    };
  }

  /**
   * `new targets.SfnStateMachine(machine, props)` (aws-events-targets/lib/state-machine.ts): EventBridge starts
   * the machine's executions as the role of its props, or as one CDK makes below the machine for all the rules
   * that target it (`<machine>/EventsRole`, util.ts singletonEventRole); either is granted states:StartExecution
   * on the machine when the target is made. Props not known statically may name a role or not: then no role is
   * made, and one they may name is handed to code not modelled.
   */
  stateMachineTarget(
    machine: JsValue,
    options: JsValue,
    site: CallSite,
  ): HostObject {
    const known = options === undefined || isPlainObject(options);
    let role: JsValue = known
      ? options?.role
      : new Unknown('role of target options not known statically');
    if (role === undefined) role = this.singletonEventRole(machine, site);
    if (!known) this.model.escape([options]);
    else if (machine instanceof ResourceHandle)
      this.model.callMethod(machine, 'grantStartExecution', [role], site);
    // A machine outside the stack (`StateMachine.fromStateMachineArn`): the role is granted on its ARN.
    else if (role !== undefined)
      this.model.iamModel.addStatements(
        role,
        [
          {
            Effect: 'Allow',
            Action: GRANTS.grantStartExecution.actions,
            Resource: this.model.importsModel.arnOf(machine),
          },
        ],
        site,
      );
    return new HostObject('eventTarget', { target: machine, options, role });
  }

  /**
   * The role CDK makes below a construct for EventBridge to call it as (util.ts singletonEventRole), one for all
   * the rules that target it: below a resource of the stack's, or a construct not modelled or imported whose path
   * is known. Below another, its id is not known: none is made (the target's RoleArn is not known).
   */
  singletonEventRole(construct: JsValue, site: CallSite): JsValue {
    let path: string | undefined;
    if (construct instanceof ResourceHandle) path = construct.id;
    else if (construct instanceof Unknown)
      path = this.model.importsModel.outsideConstructs.get(construct)?.path;
    else if (
      construct instanceof HostObject &&
      construct.kind === 'importedRestApi'
    )
      path = construct.data.path as string;
    if (path === undefined)
      return construct === undefined
        ? undefined
        : new Unknown('role CDK makes below a construct not known statically');
    const id = `${path}/EventsRole`;
    const existing = this.model.byId.get(id);
    return existing
      ? new ResourceHandle(id, existing.type)
      : this.model.iamModel.role(
          id,
          { assumedBy: new HostObject('principal', EVENTS_PRINCIPAL) },
          site,
        );
  }

  /**
   * The role of a target of {@link ROLE_TARGETS} given to the rule `rule`: the one its options name, or the one CDK
   * makes; either is granted the target's actions on it (or what `granted` says), unless the target grants only the
   * role it makes; and the ARN the rule calls where `granted` gives one. Options not known statically may name a
   * role or not: then none is made, and one they may name is handed to code not modelled.
   */
  private boundTargetRole(
    target: JsValue,
    options: JsValue,
    spec: RoleTarget,
    rule: string,
    site: CallSite,
  ): { role: JsValue; arn?: Value } {
    if (options !== undefined && !isPlainObject(options)) {
      this.model.escape([options]);
      return {
        role: new Unknown('role of target options not known statically'),
        arn: spec.granted && new Unknown('rule target'),
      };
    }
    const named =
      spec.roleProp === undefined ? undefined : options?.[spec.roleProp];
    const role =
      named ??
      this.singletonEventRole(
        spec.below === 'rule'
          ? new ResourceHandle(rule, 'AWS::Events::Rule')
          : target,
        site,
      );
    const targetArn = this.model.importsModel.arnOf(target);
    // A REST API imported with its attributes is referred to by the id it is given.
    const targetRef =
      target instanceof ResourceHandle || isImportedRestApi(target)
        ? toGraphValue(this.model.restApiModel.restApiIdOf(target), ref)
        : new Unknown('id of a rule target');
    const granted = spec.granted?.(
      { arn: targetArn, ref: targetRef },
      options ?? {},
    );
    if (named === undefined || spec.grantsNamedRole !== false) {
      this.model.iamModel.addStatements(
        role,
        [
          {
            Effect: 'Allow',
            Action: spec.actions,
            Resource:
              granted && granted.resources.length !== 1
                ? granted.resources
                : granted?.resources[0] ?? targetArn,
          },
        ],
        site,
      );
    }
    return { role, arn: granted?.arn };
  }

  /**
   * `new targets.BatchJob(jobQueueArn, jobQueueScope, jobDefinitionArn, jobDefinitionScope, props)`
   * (aws-events-targets/lib/batch.ts): EventBridge submits the job as a role CDK makes below the job definition
   * when a rule is given the target, granted batch:SubmitJob on the job definition and the queue.
   */
  private batchJobRole(
    [jobQueueArn, , jobDefinitionArn, jobDefinitionScope]: JsValue[],
    site: CallSite,
  ): JsValue {
    const role = this.singletonEventRole(jobDefinitionScope, site);
    const arn = (value: JsValue) =>
      this.model.ref(value) ?? new Unknown('ARN of a Batch job target');
    this.model.iamModel.addStatements(
      role,
      [
        {
          Effect: 'Allow',
          Action: ['batch:SubmitJob'],
          Resource: [arn(jobDefinitionArn), arn(jobQueueArn)],
        },
      ],
      site,
    );
    return role;
  }
}
