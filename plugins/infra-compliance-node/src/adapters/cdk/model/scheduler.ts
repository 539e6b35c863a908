/** The model of aws-scheduler's schedules and their Lambda targets (see SchedulerModel). */
import type { CdkModel } from '../constructs';
import { Props, propsOtherThan } from './props';
import {
  CallSite,
  HostObject,
  JsValue,
  ResourceHandle,
  isPlainObject,
} from '../../pulumi/interpreter';
import { Unknown, Value } from '../../../graph/values';
import { SCHEDULE, VERSION } from './resourceTypes';
import { stackOfPath, stackPath } from './paths';
import { hash } from 'node:crypto';
import { formatArn } from './arns';

/** The part of CdkModel the scheduler model uses. */
type Model = Pick<
  CdkModel,
  | 'add'
  | 'byId'
  | 'escape'
  | 'handleOfType'
  | 'iamModel'
  | 'importsModel'
  | 'lambdaModel'
  | 'logicalIdOf'
>;

/**
 * What aws-scheduler and aws-scheduler-targets synthesize: schedules, their Lambda targets, and the role CDK makes for
 * the scheduler to invoke them.
 */
export class SchedulerModel {
  constructor(private readonly model: Model) {}

  /**
   * `new scheduler.Schedule(scope, id, props)` (aws-scheduler/lib/schedule.ts): EventBridge Scheduler invokes its
   * target asynchronously. A function's (`new LambdaInvoke(fn, options)`) is modelled; any other target is handed on,
   * as are the props no rule judges (its key, its time window).
   */
  schedule(id: string, p: Props, site: CallSite): ResourceHandle {
    this.model.escape(
      propsOtherThan(p, [
        'schedule',
        'target',
        'scheduleName',
        'description',
        'enabled',
        'scheduleGroup',
      ]),
    );
    const target = p.target;
    let boundTarget: JsValue = { Arn: new Unknown('schedule target') };
    if (target instanceof HostObject && target.kind === 'scheduleLambdaTarget')
      boundTarget = this.scheduleLambdaTarget(
        target,
        id,
        p.scheduleGroup,
        site,
      );
    else this.model.escape([target, p.scheduleGroup]);
    let state: JsValue = new Unknown('state of a schedule');
    if (p.enabled === undefined || typeof p.enabled === 'boolean')
      state = p.enabled === false ? 'DISABLED' : 'ENABLED';
    return this.model.add(id, SCHEDULE, site, {
      Name: p.scheduleName,
      Description: p.description,
      ScheduleExpression:
        p.schedule === undefined
          ? undefined
          : new Unknown('schedule expression'),
      FlexibleTimeWindow:
        p.timeWindow === undefined
          ? { Mode: 'OFF' }
          : new Unknown('time window of a schedule'),
      GroupName:
        p.scheduleGroup === undefined
          ? undefined
          : new Unknown('schedule group'),
      State: state,
      Target: boundTarget,
    });
  }

  /**
   * A schedule's function target as it binds (aws-scheduler-targets/lib/target.ts, ScheduleTargetBase): the role of
   * its options, or the one CDK makes for the function (see {@link schedulerRole}), granted lambda:InvokeFunction of
   * it and sqs:SendMessage of the dead-letter queue of its options, and the retry policy CDK writes (a day, 185
   * attempts unless the options say otherwise). Options not known statically may name a role or not: none is made.
   */
  private scheduleLambdaTarget(
    target: HostObject,
    schedule: string,
    scheduleGroup: JsValue,
    site: CallSite,
  ): JsValue {
    const { fn, options } = target.data;
    const arn = this.model.importsModel.arnOf(fn, 'function of a schedule');
    if (!(fn instanceof ResourceHandle)) this.model.escape([fn]);
    if (options !== undefined && !isPlainObject(options)) {
      this.model.escape([options]);
      return {
        Arn: arn,
        RoleArn: new Unknown('role of target options not known statically'),
        RetryPolicy: new Unknown(
          'retry policy of target options not known statically',
        ),
      };
    }
    const o: Props = options ?? {};
    this.model.escape(
      propsOtherThan(o, [
        'role',
        'deadLetterQueue',
        'maxEventAge',
        'retryAttempts',
      ]),
    );
    let role = o.role;
    // CDK grants a role it made for another schedule of the function again, as the same statement, which it writes once.
    if (role === undefined) {
      const made = this.schedulerRole(fn, arn, schedule, scheduleGroup, site);
      role = made.role;
      if (made.created)
        this.model.iamModel.addStatements(
          role,
          [this.model.lambdaModel.invokeStatement(fn, arn)],
          site,
        );
    } else
      this.model.iamModel.addStatements(
        role,
        [this.model.lambdaModel.invokeStatement(fn, arn)],
        site,
      );
    const deadLetterQueue = o.deadLetterQueue;
    if (deadLetterQueue !== undefined)
      this.model.iamModel.addStatements(
        role,
        [
          {
            Effect: 'Allow',
            Action: 'sqs:SendMessage',
            Resource: this.model.importsModel.arnOf(
              deadLetterQueue,
              'dead-letter queue of a schedule',
            ),
          },
        ],
        site,
      );
    return {
      Arn: arn,
      RoleArn:
        this.model.iamModel.roleArnOf(role) ??
        new Unknown('role not known statically'),
      ...(deadLetterQueue !== undefined && {
        DeadLetterConfig: {
          Arn: this.model.importsModel.arnOf(
            deadLetterQueue,
            'dead-letter queue of a schedule',
          ),
        },
      }),
      RetryPolicy: {
        MaximumEventAgeInSeconds: o.maxEventAge ?? 86400,
        MaximumRetryAttempts: o.retryAttempts ?? 185,
      },
    };
  }

  /**
   * The role CDK makes in a schedule's stack for EventBridge Scheduler to invoke a target as, one for all the
   * schedules of the target (target.ts, createOrGetScheduleTargetRole): `SchedulerRoleForTarget-` and the start of
   * the MD5 of the target's ARN as the stack resolves it (`{"Fn::GetAtt":["<logical id>","Arn"]}` for a function of
   * the stack, `{"Ref":"<logical id>"}` for a version or alias of one), trusting the service for the schedule
   * group's schedules. Where that ARN is not known (a function of another stack, the version `fn.currentVersion`
   * publishes, an import of an ARN not known statically), neither is the role's id: none is made.
   */
  private schedulerRole(
    fn: JsValue,
    arn: Value,
    schedule: string,
    scheduleGroup: JsValue,
    site: CallSite,
  ): { role: JsValue; created: boolean } {
    const stack = stackOfPath(schedule);
    let resolved: string | undefined;
    // The logical id of the version `fn.currentVersion` publishes ends with the hash of the function's code: not known.
    const published =
      this.model.handleOfType(fn, VERSION) &&
      this.model.byId.get(fn.id)?.generatedBy !== undefined;
    if (
      fn instanceof ResourceHandle &&
      stackOfPath(fn.id) === stack &&
      !published
    ) {
      resolved = JSON.stringify(
        this.model.lambdaModel.qualifiers.has(fn.id)
          ? { Ref: this.model.logicalIdOf(fn.id) }
          : { 'Fn::GetAtt': [this.model.logicalIdOf(fn.id), 'Arn'] },
      );
    } else if (typeof arn === 'string') resolved = arn;
    if (stack === undefined || resolved === undefined)
      return {
        role: new Unknown('role CDK makes for a target not known statically'),
        created: false,
      };
    const id = `${stackPath(stack)}/SchedulerRoleForTarget-${hash(
      'md5',
      resolved,
      'hex',
    ).slice(0, 6)}`;
    if (this.model.byId.has(id))
      return { role: new ResourceHandle(id, 'AWS::IAM::Role'), created: false };
    const groupArn =
      scheduleGroup === undefined
        ? formatArn({
            service: 'scheduler',
            resource: 'schedule-group',
            resourceName: 'default',
          })
        : new Unknown('ARN of a schedule group');
    const role = this.model.add(id, 'AWS::IAM::Role', site, {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'scheduler.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: {
              StringEquals: {
                'aws:SourceAccount': Unknown.oneValue('AWS::AccountId'),
                'aws:SourceArn': groupArn,
              },
            },
          },
        ],
      },
    });
    return { role, created: true };
  }
}
