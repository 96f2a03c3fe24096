// While a screen holds typing that is not saved yet, closing or reloading the app asks first (the
// browser's own prompt, whose words cannot be changed).

import { useEffect } from 'react';

export function useWarnBeforeLeaving(unsaved: boolean): void {
  useEffect(() => {
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = ''; // older Chromium (some Teams and Outlook clients) needs this as well
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);
}
