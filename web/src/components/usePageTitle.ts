import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets `document.title` to "<page> - <product>" while the page is shown. */
export function usePageTitle(title: string): void {
  const { t } = useTranslation();
  const product = t('app.documentTitle');
  useEffect(() => {
    document.title = title ? `${title} - ${product}` : product;
    return () => {
      document.title = product;
    };
  }, [title, product]);
}
