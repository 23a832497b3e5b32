import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/**
 * A test of what a field's selection asks of the object it resolves to: true when every
 * field selected on it (through inline fragments and fragment spreads, whatever their type
 * condition and directives) is one of `fields`. A resolver then loads no more than those
 * need: a partner whose client asks only its activities is not worth a profile row.
 *
 * Fragments are taken as selected even under `@skip`/`@include`, and fragments on other
 * types as if they applied: when in doubt, the answer is false and the resolver loads.
 * Documents repeat (the gateway sends each of its plans' fetches again and again, and the
 * server keeps their parsed documents), so each field node is worked out once.
 */
export function selectionWithin(fields: ReadonlySet<string>): (info: GraphQLResolveInfo) => boolean {
  const known = new WeakMap<FieldNode, boolean>();
  return (info) => {
    const { fieldNodes } = info;
    // One node: the answer is the node's, whatever the request. Several (a field selected
    // twice under one response key): worked out each time.
    if (fieldNodes.length === 1) {
      let answer = known.get(fieldNodes[0]);
      if (answer === undefined) known.set(fieldNodes[0], (answer = within(fieldNodes, info, fields)));
      return answer;
    }
    return within(fieldNodes, info, fields);
  };
}

function within(nodes: readonly FieldNode[], info: GraphQLResolveInfo, fields: ReadonlySet<string>): boolean {
  const entered = new Set<string>();
  const check = (selectionSet: SelectionSetNode | undefined): boolean => {
    for (const selection of selectionSet?.selections ?? []) {
      switch (selection.kind) {
        case Kind.FIELD:
          if (!fields.has(selection.name.value)) return false;
          break;
        case Kind.INLINE_FRAGMENT:
          if (!check(selection.selectionSet)) return false;
          break;
        case Kind.FRAGMENT_SPREAD: {
          const name = selection.name.value;
          if (entered.has(name)) break;
          entered.add(name);
          const fragment = info.fragments[name];
          if (!fragment || !check(fragment.selectionSet)) return false;
          break;
        }
      }
    }
    return true;
  };
  return nodes.every((node) => check(node.selectionSet));
}
