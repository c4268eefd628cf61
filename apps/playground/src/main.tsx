import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { readInitialConnection } from './connection/read-initial-connection';
import { mockTimingFrom, startBrowserMock } from './mock/start-browser-mock';
import './styles.css';

const search = window.location.search;
const timing = mockTimingFrom(search);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App
      initialConnection={readInitialConnection(search)}
      startMock={() => startBrowserMock(timing)}
    />
  </StrictMode>,
);
