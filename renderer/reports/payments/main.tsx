import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ErrorBoundary } from '../../shared/ErrorBoundary';
import { initI18n } from '../../shared/i18n';
import { ReloadPrompt } from '../../shared/ReloadPrompt';
import { PaymentsApp } from './PaymentsApp';
import '../../shared/staff-pages.css';
import '../reports.css';

// Staff-facing: English only, like the other reports.
void initI18n({ namespaces: ['reports-payments', 'staff'], language: 'en' }).then(() => {
  const root = document.getElementById('root');
  if (!root) throw new Error('payments.html has no #root');
  createRoot(root).render(
    <StrictMode>
      <ErrorBoundary fallback={<ReloadPrompt />}>
        <PaymentsApp />
      </ErrorBoundary>
    </StrictMode>,
  );
});
