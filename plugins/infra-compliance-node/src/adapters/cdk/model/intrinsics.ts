/** CloudFormation's intrinsic functions as CDK's `Fn` writes them. */
import { JsValue, isPlainObject, toGraphValue } from '../../pulumi/interpreter';
import { Unknown, Value, concat } from '../../../graph/values';
import { ref } from './arns';

/**
 * `Fn.join(delimiter, list)`: the text of the list's items, as `Fn::Join` makes it; of a list or a delimiter not
 * known statically, not known, and may hold what any value does (a resource's URL), as an intrinsic not evaluated.
 */
export function fnJoin(delimiter: JsValue, list: JsValue): Value {
  if (typeof delimiter !== 'string' || !Array.isArray(list))
    return new Unknown('Fn::Join of a list not known statically');
  return concat(
    list.flatMap((item, index) => [
      ...(index > 0 ? [delimiter] : []),
      toGraphValue(item, ref),
    ]),
  );
}

/**
 * `Fn.sub(text, variables)`: the text with the variables given, CloudFormation's pseudo parameters and `${!Literal}`
 * written out, as `Fn::Sub` makes it; any other name (a resource's logical id) is not known, and may be a resource.
 */
export function fnSub(text: JsValue, variables: JsValue): Value {
  if (typeof text !== 'string')
    return new Unknown('Fn::Sub of a text not known statically');
  const parts = text.split(/\$\{([^}]*)\}/);
  return concat(
    parts.map((part, index) => {
      if (index % 2 === 0) return part;
      if (part.startsWith('!')) return `\${${part.slice(1)}}`;
      if (isPlainObject(variables) && Object.hasOwn(variables, part))
        return toGraphValue(variables[part], ref);
      if (part.startsWith('AWS::')) return Unknown.oneValue(part);
      return new Unknown(`Fn::Sub of \${${part}} not known statically`);
    }),
  );
}
