import { useQuery } from '@tanstack/react-query';
import { type Division, listDivisions, queryKeys } from '../../api/endpoints';

export interface DivisionNode {
  division: Division;
  children: DivisionNode[];
}

export interface DivisionIndex {
  items: Division[];
  byCode: Map<string, Division>;
  roots: DivisionNode[];
}

/** Builds the tree client-side from the flat list; a division whose parent is not in the list is a root. */
export function indexDivisions(items: Division[]): DivisionIndex {
  const byCode = new Map(items.map((d) => [d.code, d]));
  const nodes = new Map<string, DivisionNode>(items.map((d) => [d.code, { division: d, children: [] }]));
  const roots: DivisionNode[] = [];
  for (const d of items) {
    const node = nodes.get(d.code)!;
    const parent = d.parentCode ? nodes.get(d.parentCode) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: DivisionNode[]) => {
    list.sort((a, b) => a.division.code.localeCompare(b.division.code));
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return { items, byCode, roots };
}

/** All divisions, fetched once per session (they rarely change). */
export function useDivisions() {
  return useQuery({
    queryKey: queryKeys.divisions,
    queryFn: async ({ signal }) => indexDivisions((await listDivisions({ signal })).items),
    staleTime: 60 * 60 * 1000,
  });
}

export function inScope(code: string, prefixes: readonly string[]): boolean {
  return prefixes.some((p) => code.startsWith(p));
}

/** The division and its ancestors, root first. */
export function ancestry(code: string, byCode: Map<string, Division>): Division[] {
  const chain: Division[] = [];
  const seen = new Set<string>();
  let current = byCode.get(code);
  while (current && !seen.has(current.code)) {
    seen.add(current.code);
    chain.unshift(current);
    current = current.parentCode ? byCode.get(current.parentCode) : undefined;
  }
  return chain;
}

export interface DivisionTreeSelectNode {
  value: string;
  title: string;
  children?: DivisionTreeSelectNode[];
}

/** Data for an antd TreeSelect (title = "name (code)"). */
export function toTreeSelectData(nodes: DivisionNode[]): DivisionTreeSelectNode[] {
  return nodes.map((n) => ({
    value: n.division.code,
    title: `${n.division.name}（${n.division.code}）`,
    children: n.children.length > 0 ? toTreeSelectData(n.children) : undefined,
  }));
}
