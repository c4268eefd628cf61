import type { LunosMock } from '@lunos-image/msw';
import { LunosImageProvider } from '@lunos-image/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type ComposeForm, INITIAL_FORM } from './compose/compose-form';
import { type Connection, connectionLabel } from './connection/connection';
import { ConnectionPanel } from './connection/connection-panel';
import { createPlaygroundClient } from './connection/create-playground-client';
import type { GalleryStore } from './gallery/gallery-store';
import { inPageMockControl } from './mock/in-page-mock-control';
import type { MockControl } from './mock/mock-control';
import { serverMockControl } from './mock/server-mock-control';
import { ThemeSwitch } from './ui/theme-switch';
import { useTheme } from './ui/use-theme';
import { Workbench } from './workbench';

export interface AppProps {
  initialConnection: Connection;
  /** Starts the in-tab mock (once); the app waits for it before sending anything in mock mode. */
  startMock(): Promise<LunosMock>;
  /** Every run, kept in IndexedDB across reloads; one per page, outliving connections. */
  gallery: GalleryStore;
}

type MockState =
  | { status: 'starting' }
  | { status: 'ready'; mock: LunosMock }
  | { status: 'failed'; message: string };

/** The page: header, connection, and a workbench per connection; the gallery outlives them. */
export function App({ initialConnection, startMock, gallery }: AppProps) {
  const [connection, setConnection] = useState(initialConnection);
  // Bumped on every connect, so reconnecting (a new key) mounts a fresh workbench and client.
  const [revision, setRevision] = useState(0);
  const [form, setForm] = useState<ComposeForm>(INITIAL_FORM);
  const [theme, setTheme] = useTheme();
  const [mockState, setMockState] = useState<MockState>({ status: 'starting' });
  const wantsMock = connection.mode === 'mock';
  const startMockRef = useRef(startMock);

  useEffect(() => {
    if (!wantsMock) return;
    let current = true;
    startMockRef
      .current()
      .then((mock) => current && setMockState({ status: 'ready', mock }))
      .catch(
        (error: unknown) =>
          current &&
          setMockState({
            status: 'failed',
            message: error instanceof Error ? error.message : String(error),
          }),
      );
    return () => {
      current = false;
    };
  }, [wantsMock]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new revision means a new client, even for an equal connection.
  const client = useMemo(() => createPlaygroundClient(connection), [connection, revision]);

  const mock: { control: MockControl; where: string } | undefined = useMemo(() => {
    if (connection.mode === 'server') {
      return { control: serverMockControl(connection.serverUrl), where: connection.serverUrl };
    }
    if (connection.mode === 'mock' && mockState.status === 'ready') {
      return { control: inPageMockControl(mockState.mock), where: 'in this tab' };
    }
    return undefined;
  }, [connection, mockState]);

  const connect = useCallback((next: Connection) => {
    setConnection(next);
    setRevision((r) => r + 1);
  }, []);

  const waiting = wantsMock && mockState.status !== 'ready';

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <span className="logo" aria-hidden="true" />
          <h1>
            lunos-image <span className="brand-sub">playground</span>
          </h1>
        </div>
        <div className="topbar-right">
          <span className={`mode-pill is-${connection.mode}`} data-testid="connection-label">
            {connectionLabel(connection)}
          </span>
          <ThemeSwitch theme={theme} onChange={setTheme} />
        </div>
      </header>
      <main className="main">
        <details className="connection-details" open={connection.mode !== 'mock'}>
          <summary>
            <span className="summary-title">Connection</span>
            <span className="muted">{connectionLabel(connection)}</span>
          </summary>
          <ConnectionPanel connection={connection} onConnect={connect} />
        </details>
        {waiting ? (
          <section className="panel boot" aria-live="polite">
            {mockState.status === 'failed' ? (
              <div className="error-panel" role="alert" data-testid="mock-failed">
                <h2 className="error-title">The built-in mock could not start</h2>
                <p>{mockState.message}</p>
                <p className="error-action">
                  It needs service workers (a page served over http://localhost or https). Use the
                  mock server or the live API in Connection instead.
                </p>
              </div>
            ) : (
              <p className="hint">Starting the built-in mock…</p>
            )}
          </section>
        ) : (
          <LunosImageProvider client={client}>
            <Workbench
              key={`${connection.mode}-${connection.dialect}-${revision}`}
              connection={connection}
              form={form}
              onFormChange={setForm}
              gallery={gallery}
              mock={mock}
            />
          </LunosImageProvider>
        )}
      </main>
      <footer className="footer">
        <span>
          Built on <code>@lunos-image/core</code>, <code>@lunos-image/react</code> and{' '}
          <code>@lunos-image/msw</code>.
        </span>
      </footer>
    </div>
  );
}
