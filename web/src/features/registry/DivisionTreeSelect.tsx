import { TreeSelect, type TreeSelectProps } from 'antd';
import { useMemo } from 'react';
import { toTreeSelectData, useDivisions } from '../divisions/divisions';

export type DivisionTreeSelectProps<V> = Omit<
  TreeSelectProps<V>,
  'treeData' | 'loading' | 'showSearch' | 'treeDefaultExpandedKeys'
>;

/**
 * A picker over the whole division tree ("name（code）", searchable by it, the top level opened); the other props
 * (value, placeholder, multiple, …) go to the TreeSelect, so it also works as a Form.Item's control.
 */
export function DivisionTreeSelect<V = string>(props: DivisionTreeSelectProps<V>) {
  const divisions = useDivisions();
  const treeData = useMemo(() => (divisions.data ? toTreeSelectData(divisions.data.roots) : []), [divisions.data]);
  return (
    <TreeSelect<V>
      {...props}
      treeData={treeData}
      loading={divisions.isPending}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandedKeys={divisions.data?.roots.map((r) => r.division.code)}
    />
  );
}
