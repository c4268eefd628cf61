import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { readInitialConnection } from './connection/read-initial-connection';
import { ErrorBoundary } from './ui/error-boundary';
import './styles.css';

const search = window.location.search;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary>
      <App
        initialConnection={readInitialConnection(search)}
        // Loaded on first use (msw, the fixtures and the picture renderer are most of the
        // bundle); a bad `?mockTiming=` then shows as the mock failing to start.
        startMock={async () => {
          const { mockTimingFrom, startBrowserMock } = await import('./mock/start-browser-mock');
          return startBrowserMock(mockTimingFrom(search));
        }}
      />
    </ErrorBoundary>
  </StrictMode>,
);
