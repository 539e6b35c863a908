import { ResourceGraph } from './ResourceGraph';

const graphOf = (...ids: string[]) =>
  new ResourceGraph({
    file: 'template.yaml',
    format: 'cloudformation',
    resources: ids.map((id, index) => ({ id, type: 'AWS::SQS::Queue', properties: {}, file: 'template.yaml', line: index + 1, suppressions: [] })),
  });

describe('ResourceGraph.analysis', () => {
  it('computes an analysis once per graph and key, from that graph', () => {
    const queueIds = (graph: ResourceGraph) => graph.ofType('AWS::SQS::Queue').map(queue => queue.id);
    const countQueues = (graph: ResourceGraph) => graph.ofType('AWS::SQS::Queue').length;
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
