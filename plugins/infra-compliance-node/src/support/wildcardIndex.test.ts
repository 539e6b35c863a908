import { WildcardIndex } from './wildcardIndex';
import { wildcardMatches } from './wildcards';

describe('WildcardIndex', () => {
  const texts = [
    'orders-dlq-name',
    'orders-other-dlq-name',
    'billing-dlq-name',
    'orders-queue',
    'dlq-name',
    'orders',
    'x-orders-y',
  ];
  const index = new WildcardIndex(texts);

  it.each([
    '*-dlq-name',
    'orders-*',
    'orders*',
    'orders-*-name',
    '*orders*',
    '*',
    'orders',
    'order',
    '*-dlq-?ame',
    'billing-*-name',
    '?rders-queue',
    'nothing*',
  ])('finds the texts %s matches, as trying each would', pattern => {
    expect([...index.matches(pattern)].sort()).toEqual(
      texts.filter(text => wildcardMatches(pattern, text)).sort(),
    );
  });
});
