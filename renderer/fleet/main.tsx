import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ErrorBoundary } from '../shared/ErrorBoundary';
import { initI18n } from '../shared/i18n';
import { ReloadPrompt } from '../shared/ReloadPrompt';
import { FleetApp } from './FleetApp';
import '../shared/staff-pages.css';
import './fleet.css';

// Staff-facing screens are English only (not translated for residents).
void initI18n({ namespaces: ['fleet', 'staff'], language: 'en' }).then(() => {
  const root = document.getElementById('root');
  if (!root) throw new Error('#root is missing from fleet.html');
  createRoot(root).render(
    <StrictMode>
      <ErrorBoundary fallback={<ReloadPrompt />}>
        <FleetApp />
      </ErrorBoundary>
    </StrictMode>,
  );
});
