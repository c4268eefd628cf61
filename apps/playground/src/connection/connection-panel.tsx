import type { DialectName } from '@lunos-image/core';
import { useId, useRef, useState } from 'react';
import { MOCK_SERVE_COMMAND } from '../mock/mock-serve-command';
import { SegmentedControl } from '../ui/segmented-control';
import {
  type Connection,
  type ConnectionMode,
  DEFAULT_SERVER_URL,
  DIALECT_LABELS,
  MODE_LABELS,
} from './connection';

export interface ConnectionPanelProps {
  connection: Connection;
  onConnect(connection: Connection): void;
  disabled?: boolean;
}

const PROVIDER_HOSTS: Record<DialectName, string> = {
  lunos: 'api.lunos.tech',
  openrouter: 'openrouter.ai',
};

const DIALECT_OPTIONS = (['lunos', 'openrouter'] as const).map((value) => ({
  value,
  label: DIALECT_LABELS[value],
}));

/**
 * Where requests go: the built-in mock, a mock server on localhost, or the live API (a key typed
 * into this tab, or a proxy). The key is read from its field on Connect and kept in memory only:
 * never stored, logged or put in the URL, and gone on reload.
 */
export function ConnectionPanel({ connection, onConnect, disabled }: ConnectionPanelProps) {
  const id = useId();
  const [mode, setMode] = useState<ConnectionMode>(connection.mode);
  const [dialect, setDialect] = useState<DialectName>(connection.dialect);
  const [serverUrl, setServerUrl] = useState(
    connection.mode === 'server' ? connection.serverUrl : DEFAULT_SERVER_URL,
  );
  // Uncontrolled on purpose: React mirrors a controlled input's value into the DOM attribute,
  // where the key would show in serialized HTML. The field is read once, on connect.
  const keyInput = useRef<HTMLInputElement>(null);
  const [hasKey, setHasKey] = useState(false);
  const [baseURL, setBaseURL] = useState(
    connection.mode === 'live' ? (connection.baseURL ?? '') : '',
  );

  const draft: Connection =
    mode === 'mock'
      ? { mode, dialect }
      : mode === 'server'
        ? { mode, dialect, serverUrl: serverUrl.trim() || DEFAULT_SERVER_URL }
        : {
            mode,
            dialect,
            apiKey: undefined,
            baseURL: baseURL.trim().replace(/\/+$/, '') || undefined,
          };
  const applied =
    connection.mode === mode &&
    connection.dialect === dialect &&
    (mode !== 'server' || (connection.mode === 'server' && connection.serverUrl === serverUrl)) &&
    mode !== 'live';

  function connect() {
    const apiKey = keyInput.current?.value.trim();
    onConnect(draft.mode === 'live' ? { ...draft, apiKey: apiKey || undefined } : draft);
  }

  return (
    <section className="panel connection" aria-labelledby={`${id}-title`}>
      <header className="panel-header">
        <h2 id={`${id}-title`} className="panel-title">
          Connection
        </h2>
      </header>
      <div className="tabs" role="radiogroup" aria-label="Connection mode">
        {(['mock', 'server', 'live'] as const).map((m) => (
          <label key={m} className="tab">
            <input
              type="radio"
              name={`${id}-mode`}
              value={m}
              checked={mode === m}
              disabled={disabled}
              onChange={() => {
                setMode(m);
                // The built-in mock needs nothing more: switch at once.
                if (m === 'mock') onConnect({ mode: 'mock', dialect });
              }}
            />
            <span>{MODE_LABELS[m]}</span>
          </label>
        ))}
      </div>

      <div className="field">
        <span className="field-label">API dialect</span>
        <SegmentedControl
          label="API dialect"
          options={DIALECT_OPTIONS}
          value={dialect}
          onChange={(d) => {
            setDialect(d);
            if (mode === 'mock') onConnect({ mode: 'mock', dialect: d });
          }}
        />
      </div>

      {mode === 'mock' && (
        <p className="hint">
          Runs in this tab through a service worker: recorded streams and pictures drawn for your
          prompt, with the API’s real timing. Nothing leaves the browser.
        </p>
      )}

      {mode === 'server' && (
        <div className="field">
          <label className="field-label" htmlFor={`${id}-server`}>
            Mock server URL
          </label>
          <input
            id={`${id}-server`}
            className="input"
            type="url"
            value={serverUrl}
            spellCheck={false}
            onChange={(event) => setServerUrl(event.target.value)}
            onKeyDown={(event) => event.key === 'Enter' && connect()}
          />
          <p className="hint">
            Start one with its recordings:{' '}
            <code data-testid="serve-command">{MOCK_SERVE_COMMAND}</code> (in this repository:{' '}
            <code>pnpm --filter @lunos-image/playground mock:serve</code>).
          </p>
        </div>
      )}

      {mode === 'live' && (
        <>
          <div className="field">
            <label className="field-label" htmlFor={`${id}-key`}>
              {DIALECT_LABELS[dialect]} API key
            </label>
            <input
              id={`${id}-key`}
              className="input"
              type="password"
              autoComplete="off"
              spellCheck={false}
              placeholder={dialect === 'openrouter' ? 'sk-or-v1-…' : 'Your Lunos key'}
              ref={keyInput}
              onChange={(event) => setHasKey(event.target.value.trim() !== '')}
              onKeyDown={(event) => event.key === 'Enter' && connect()}
            />
          </div>
          <div className="field">
            <label className="field-label" htmlFor={`${id}-proxy`}>
              Proxy base URL <span className="field-note">optional</span>
            </label>
            <input
              id={`${id}-proxy`}
              className="input"
              type="url"
              spellCheck={false}
              placeholder={`https://your-server.example/api/${dialect}/v1`}
              value={baseURL}
              onChange={(event) => setBaseURL(event.target.value)}
              onKeyDown={(event) => event.key === 'Enter' && connect()}
            />
          </div>
          <p className="hint is-note" data-testid="key-note">
            {baseURL.trim()
              ? 'Requests go to your proxy, which adds the key on the server side. '
              : hasKey
                ? `Direct from the browser: requests go straight from this tab to ${PROVIDER_HOSTS[dialect]}, which exposes the key to this page. `
                : `Leave the key empty: requests go through this dev server's route handler, which adds ${dialect === 'openrouter' ? 'OPENROUTER_API_KEY' : 'LUNOS_API_KEY'} from its environment, and the key never reaches this page. `}
            A typed key stays in this tab’s memory only: it is never stored, logged or put in the
            URL, and a reload forgets it.
          </p>
        </>
      )}

      {mode !== 'mock' && (
        <button type="button" className="button" disabled={disabled || applied} onClick={connect}>
          {applied ? 'Connected' : 'Connect'}
        </button>
      )}
    </section>
  );
}
