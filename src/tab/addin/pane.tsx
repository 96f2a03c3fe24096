import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from '../api/client.js';
import { AddinApp } from './AddinApp.js';
import { loadOffice, type OfficeApi, type WindowWithOffice } from './office.js';

function Pane() {
  // null while Office.js loads; undefined when the page is not inside Outlook.
  const [office, setOffice] = useState<OfficeApi | undefined | null>(null);
  const [api] = useState(() => createApiClient());
  useEffect(() => {
    loadOffice(window as unknown as WindowWithOffice).then(setOffice, () => setOffice(undefined));
  }, []);
  return <AddinApp api={api} office={office} />;
}

const container = document.getElementById('root');
if (!container) throw new Error('pane.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <Pane />
  </StrictMode>,
);
