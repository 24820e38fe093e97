import { Alert, Card, Empty, Input, Tag, Tree, type TreeDataNode, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session';
import { QueryErrorResult } from '../../components/ErrorResults';
import { FullPageSpin } from '../../components/FullPageSpin';
import { PageHeader } from '../../components/PageHeader';
import { ancestry, type DivisionIndex, type DivisionNode, inScope, useDivisions } from './divisions';

function highlight(text: string, query: string): ReactNode {
  if (!query) return text;
  const at = text.toLowerCase().indexOf(query.toLowerCase());
  if (at < 0) return text;
  return (
    <>
      {text.slice(0, at)}
      <mark className="sg-mark">{text.slice(at, at + query.length)}</mark>
      {text.slice(at + query.length)}
    </>
  );
}

/** Codes of the divisions matching the query, plus all their ancestors (so the tree stays navigable). */
function matchSet(index: DivisionIndex, query: string): { visible: Set<string>; matches: Set<string> } | null {
  const q = query.trim().toLowerCase();
  if (!q) return null;
  const matches = new Set<string>();
  const visible = new Set<string>();
  for (const d of index.items) {
    if (d.name.toLowerCase().includes(q) || d.code.startsWith(q)) {
      matches.add(d.code);
      for (const a of ancestry(d.code, index.byCode)) visible.add(a.code);
    }
  }
  return { visible, matches };
}

export default function DivisionsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const divisions = useDivisions();
  const [query, setQuery] = useState('');
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const [searchExpanded, setSearchExpanded] = useState<{ query: string; keys: string[] } | null>(null);
  const prefixes = me.scope.divisionPrefixes;

  const index = divisions.data;
  const search = useMemo(() => (index ? matchSet(index, query) : null), [index, query]);

  // By default: roots and the path down to each scope prefix are expanded.
  const defaultExpanded = useMemo(() => {
    if (!index) return [];
    const keys = new Set(index.roots.map((r) => r.division.code));
    for (const p of prefixes) for (const a of ancestry(p, index.byCode)) keys.add(a.code);
    return [...keys];
  }, [index, prefixes]);

  const treeData = useMemo(() => {
    if (!index) return [];
    const q = query.trim();
    const build = (nodes: DivisionNode[]): TreeDataNode[] =>
      nodes
        .filter((n) => !search || search.visible.has(n.division.code))
        .map((n) => {
          const d = n.division;
          const scoped = inScope(d.code, prefixes);
          const scopeRoot = prefixes.includes(d.code);
          return {
            key: d.code,
            title: (
              <span className={scoped ? 'sg-division-node sg-division-in-scope' : 'sg-division-node'}>
                <span>{highlight(d.name, q)}</span>
                <span className="sg-division-code">{highlight(d.code, q)}</span>
                <Tag>{t(`levels.${d.level}`)}</Tag>
                {scopeRoot ? <Tag color="blue">{t('divisions.inScope')}</Tag> : null}
                {scoped && !scopeRoot ? <span className="sg-visually-hidden">{t('divisions.inScope')}</span> : null}
              </span>
            ),
            children: n.children.length > 0 ? build(n.children) : undefined,
          };
        });
    return build(index.roots);
  }, [index, search, prefixes, query, t]);

  if (divisions.isPending) return <FullPageSpin inline />;
  if (divisions.isError) return <QueryErrorResult error={divisions.error} onRetry={() => void divisions.refetch()} />;

  const expandedKeys = search
    ? searchExpanded?.query === query
      ? searchExpanded.keys
      : [...search.visible]
    : (expanded ?? defaultExpanded);
  const scopeNames = prefixes.map((p) => divisions.data.byCode.get(p)?.name ?? p);

  return (
    <>
      <PageHeader title={t('divisions.title')} description={t('divisions.count', { n: divisions.data.items.length })} />
      <Alert
        type="info"
        showIcon
        className="sg-form-alert"
        title={t('divisions.legend')}
        description={scopeNames.length > 0 ? scopeNames.join('、') : t('home.scopeNone')}
      />
      <Card>
        <div className="sg-toolbar">
          <Input.Search
            className="sg-toolbar-search"
            allowClear
            aria-label={t('divisions.search')}
            placeholder={t('divisions.searchPlaceholder')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          {search ? (
            <Typography.Text type="secondary" role="status">
              {t('divisions.matches', { n: search.matches.size })}
            </Typography.Text>
          ) : null}
        </div>
        {treeData.length === 0 ? (
          <Empty description={t('divisions.noMatch')} />
        ) : (
          <section aria-label={t('divisions.tree')}>
            <Tree
              showLine
              blockNode
              selectable={false}
              treeData={treeData}
              expandedKeys={expandedKeys}
              onExpand={(keys) => {
                if (search) setSearchExpanded({ query, keys: keys.map(String) });
                else setExpanded(keys.map(String));
              }}
            />
          </section>
        )}
      </Card>
    </>
  );
}
