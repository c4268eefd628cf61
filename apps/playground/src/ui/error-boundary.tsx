import { Component, type ErrorInfo, type ReactNode } from 'react';

interface ErrorBoundaryState {
  error: Error | undefined;
}

/**
 * The last line of "never a blank screen": a render that throws shows what happened and a way
 * out instead of an empty page. (Failed requests never get here; they are shown in place.)
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: undefined };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // For whoever opens the console; messages from core never contain the API key.
    console.error('The playground crashed while rendering', error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <main className="main">
        <section className="error-panel" role="alert" data-testid="crash">
          <h2 className="error-title">The playground hit a bug</h2>
          <p>{error.message}</p>
          <p className="error-action">
            Reload the page to start again. Your key, if you entered one, is not kept: enter it
            again.
          </p>
          <button type="button" className="button" onClick={() => window.location.reload()}>
            Reload
          </button>
        </section>
      </main>
    );
  }
}
