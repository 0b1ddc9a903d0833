import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ErrorBoundary } from '../shared/ErrorBoundary';
import { initI18n } from '../shared/i18n';
import { ReloadPrompt } from '../shared/ReloadPrompt';
import { DisplayApp } from './DisplayApp';
import './display.css';

// The board speaks and shows the site's main language (English); calls are the same in any language.
void initI18n({ namespaces: ['display'], language: 'en' }).then(() => {
  const root = document.getElementById('root');
  if (!root) throw new Error('#root is missing from display.html');
  createRoot(root).render(
    <StrictMode>
      <ErrorBoundary fallback={<ReloadPrompt />}>
        <DisplayApp />
      </ErrorBoundary>
    </StrictMode>,
  );
});
