import { useEffect } from 'react';

/** Sets the tab title ("Tổng quan — IOC"), which screen readers announce on navigation. */
export function useDocumentTitle(title: string | undefined): void {
  useEffect(() => {
    if (title) document.title = `${title} — IOC`;
  }, [title]);
}
