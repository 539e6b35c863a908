import { ResourceGraph } from './ResourceGraph';
import { Ref, Unknown, Value, ValueMap, concat } from './values';

const graphOf = (...ids: string[]) =>
  new ResourceGraph({
    file: 'template.yaml',
    format: 'cloudformation',
    resources: ids.map((id, index) => ({
      id,
      type: 'AWS::SQS::Queue',
      properties: {},
      file: 'template.yaml',
      line: index + 1,
      suppressions: [],
    })),
  });

describe('ResourceGraph.analysis', () => {
  it('computes an analysis once per graph and key, from that graph', () => {
    const queueIds = (graph: ResourceGraph) =>
      graph.ofType('AWS::SQS::Queue').map(queue => queue.id);
    const countQueues = (graph: ResourceGraph) =>
      graph.ofType('AWS::SQS::Queue').length;
    const compute = jest.fn(queueIds);
    const orders = graphOf('Jobs', 'JobsDlq');
    const billing = graphOf('Invoices');

    expect(orders.analysis(queueIds, compute)).toEqual(['Jobs', 'JobsDlq']);
    expect(orders.analysis(queueIds, compute)).toEqual(['Jobs', 'JobsDlq']);
    expect(billing.analysis(queueIds, compute)).toEqual(['Invoices']);
    expect(compute).toHaveBeenCalledTimes(2);
    // Another key is another analysis.
    expect(orders.analysis(countQueues, countQueues)).toBe(2);
  });

  it('keeps an analysis whose result is undefined instead of computing it again', () => {
    const compute = jest.fn(() => undefined);
    const graph = graphOf('Jobs');
    graph.analysis(compute, compute);
    graph.analysis(compute, compute);
    expect(compute).toHaveBeenCalledTimes(1);
  });
});

describe('ResourceGraph.resolve', () => {
  const graph = new ResourceGraph({
    file: 'template.yaml',
    format: 'cloudformation',
    resources: [
      ['Role', 'AWS::IAM::Role'],
      ['Dlq', 'AWS::SQS::Queue'],
      ['Alerts', 'AWS::SNS::Topic'],
      ['Bucket', 'AWS::S3::Bucket'],
    ].map(([id, type], index) => ({
      id,
      type,
      properties: {},
      file: 'template.yaml',
      line: index + 1,
      suppressions: [],
    })),
  });
  const partition = new Unknown('AWS::Partition');
  const region = new Unknown('AWS::Region');
  const account = new Unknown('AWS::AccountId');
  const arn = (...parts: (string | Ref | Unknown)[]) => concat(parts);
  const idOf = (value: Value) => graph.resolve(value)?.id;

  it("resolves a reference, and an ARN of the type that ends with the resource's name", () => {
    expect(idOf(new Ref('Role', 'Arn'))).toBe('Role');
    expect(
      idOf(
        arn('arn:', partition, ':iam::', account, ':role/', new Ref('Role')),
      ),
    ).toBe('Role');
    expect(
      idOf(
        arn(
          'arn:',
          partition,
          ':iam::',
          account,
          ':role/service-role/',
          new Ref('Role'),
        ),
      ),
    ).toBe('Role');
    expect(
      idOf(
        arn(
          'arn:',
          partition,
          ':sqs:',
          region,
          ':',
          account,
          ':',
          new Ref('Dlq', 'QueueName'),
        ),
      ),
    ).toBe('Dlq');
    expect(
      idOf(
        arn(
          'arn:aws:sns:',
          region,
          ':',
          account,
          ':',
          new Ref('Alerts', 'TopicName'),
        ),
      ),
    ).toBe('Alerts');
  });

  it("does not resolve what ends with another attribute, another service's ARN, or a literal account", () => {
    expect(
      idOf(
        arn(
          'arn:',
          partition,
          ':iam::',
          account,
          ':role/',
          new Ref('Role', 'Arn'),
        ),
      ),
    ).toBeUndefined();
    expect(
      idOf(
        arn(
          'arn:',
          partition,
          ':iam::',
          account,
          ':role/',
          new Ref('Role', 'RoleId'),
        ),
      ),
    ).toBeUndefined();
    // A queue's plain reference is its URL, not its name.
    expect(
      idOf(
        arn(
          'arn:',
          partition,
          ':sqs:',
          region,
          ':',
          account,
          ':',
          new Ref('Dlq'),
        ),
      ),
    ).toBeUndefined();
    expect(
      idOf(
        arn(
          'arn:',
          partition,
          ':sns:',
          region,
          ':',
          account,
          ':',
          new Ref('Dlq', 'QueueName'),
        ),
      ),
    ).toBeUndefined();
    expect(
      idOf(
        arn('arn:', partition, ':iam::', account, ':role/', new Ref('Bucket')),
      ),
    ).toBeUndefined();
    expect(
      idOf(arn('arn:aws:iam::123456789012:role/', new Ref('Role'))),
    ).toBeUndefined();
    expect(
      idOf(
        arn(
          'arn:',
          partition,
          ':sqs:',
          region,
          ':',
          account,
          ':',
          new Ref('Dlq', 'QueueName'),
          '/x',
        ),
      ),
    ).toBeUndefined();
  });

  it('resolves an ARN written with the fixed name of one resource of its type, without a literal account', () => {
    const named = new ResourceGraph({
      file: 'template.yaml',
      format: 'cloudformation',
      resources: [
        {
          id: 'Dlq',
          type: 'AWS::SQS::Queue',
          properties: { QueueName: 'orders-dlq' } as ValueMap,
        },
        {
          id: 'Jobs',
          type: 'AWS::SQS::Queue',
          properties: { QueueName: 'jobs' },
        },
        {
          id: 'JobsAgain',
          type: 'AWS::SQS::Queue',
          properties: { QueueName: 'jobs' },
        },
        {
          id: 'Role',
          type: 'AWS::IAM::Role',
          properties: { RoleName: 'orders-role' },
        },
      ].map((resource, index) => ({
        ...resource,
        file: 'template.yaml',
        line: index + 1,
        suppressions: [],
      })),
    });
    const namedId = (value: Value) => named.resolve(value)?.id;
    expect(
      namedId(
        arn('arn:', partition, ':sqs:', region, ':', account, ':orders-dlq'),
      ),
    ).toBe('Dlq');
    expect(
      namedId(arn('arn:aws:sqs:', region, ':', account, ':orders-dlq')),
    ).toBe('Dlq');
    expect(
      namedId(
        arn(
          'arn:',
          partition,
          ':iam::',
          account,
          ':role/service-role/orders-role',
        ),
      ),
    ).toBe('Role');
    // Not the stack's own account or region (written, or an input's), a name of two resources, a name that goes on
    // past what is known, another service.
    expect(
      namedId('arn:aws:sqs:eu-west-1:123456789012:orders-dlq'),
    ).toBeUndefined();
    expect(
      namedId(
        arn(
          'arn:aws:sqs:',
          region,
          ':',
          new Unknown('parameter CentralAccount'),
          ':orders-dlq',
        ),
      ),
    ).toBeUndefined();
    expect(
      namedId(
        arn(
          'arn:aws:sqs:',
          new Unknown('parameter Region'),
          ':',
          account,
          ':orders-dlq',
        ),
      ),
    ).toBeUndefined();
    // A written region may be the stack's.
    expect(namedId(arn('arn:aws:sqs:eu-west-1:', account, ':orders-dlq'))).toBe(
      'Dlq',
    );
    expect(
      namedId(arn('arn:', partition, ':sqs:', region, ':', account, ':jobs')),
    ).toBeUndefined();
    expect(
      namedId(
        arn(
          'arn:',
          partition,
          ':sqs:',
          region,
          ':',
          account,
          ':orders-',
          new Unknown('Suffix'),
        ),
      ),
    ).toBeUndefined();
    expect(
      namedId(
        arn('arn:', partition, ':sns:', region, ':', account, ':orders-dlq'),
      ),
    ).toBeUndefined();
    expect(namedId('orders-dlq')).toBeUndefined();
  });
});

describe('ResourceGraph references', () => {
  it('indexes the references between resources on first use, both ways', () => {
    let reads = 0;
    const properties: ValueMap = {};
    // Counts the walks over the function's values.
    Object.defineProperty(properties, 'Role', {
      enumerable: true,
      get: () => {
        reads++;
        return new Ref('Role', 'Arn');
      },
    });
    const graph = new ResourceGraph({
      file: 'template.yaml',
      format: 'cloudformation',
      resources: [
        {
          id: 'Role',
          type: 'AWS::IAM::Role',
          properties: {},
          file: 'template.yaml',
          line: 1,
          suppressions: [],
        },
        {
          id: 'Handler',
          type: 'AWS::Lambda::Function',
          properties,
          file: 'template.yaml',
          line: 5,
          suppressions: [],
        },
      ],
    });
    expect(reads).toBe(0);

    const role = graph.get('Role')!;
    const handler = graph.get('Handler')!;
    const [edge, ...others] = graph.referencesTo(role);
    const fromHandler = graph.referencesFrom(handler);
    const fromRole = graph.referencesFrom(role);
    // One walk for every question; checked before the matchers below read the values again.
    expect(reads).toBe(1);
    expect(others).toHaveLength(0);
    expect(edge.from).toBe(handler);
    expect(edge.to).toBe(role);
    expect(edge.attribute).toBe('Arn');
    expect(edge.path).toEqual(['Role']);
    expect(fromHandler).toHaveLength(1);
    expect(fromHandler[0]).toBe(edge);
    expect(fromRole).toHaveLength(0);
  });
});
