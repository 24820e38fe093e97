import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { usePageTitle } from './usePageTitle';

/** Page title (the page's only h1) with optional actions on the right. */
export function PageHeader({
  title,
  extra,
  description,
}: {
  title: string;
  extra?: ReactNode;
  description?: ReactNode;
}) {
  usePageTitle(title);
  return (
    <div className="sg-page-header">
      <div className="sg-page-header-text">
        <Typography.Title level={1} className="sg-page-title">
          {title}
        </Typography.Title>
        {description ? <Typography.Paragraph type="secondary">{description}</Typography.Paragraph> : null}
      </div>
      {extra ? <div className="sg-page-header-extra">{extra}</div> : null}
    </div>
  );
}
