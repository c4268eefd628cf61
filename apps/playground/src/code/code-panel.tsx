import type { ImageModel } from '@lunos-image/core';
import { useState } from 'react';
import type { ComposeForm } from '../compose/compose-form';
import type { Connection } from '../connection/connection';
import { SegmentedControl } from '../ui/segmented-control';
import { CODE_LANGUAGES, type CodeLanguage, KEY_VARIABLES, requestCode } from './request-code';

export interface CodePanelProps {
  form: ComposeForm;
  model: ImageModel | undefined;
  connection: Connection;
}

/** Copy as code: the current form's exact request, the key read from an environment variable. */
export function CodePanel({ form, model, connection }: CodePanelProps) {
  const [language, setLanguage] = useState<CodeLanguage>('typescript');
  const [copied, setCopied] = useState<string>();
  if (!model || !form.prompt.trim()) return null;
  const code = requestCode(form, model, connection)[language];
  return (
    <details className="panel code-panel">
      <summary className="summary-title">Copy as code</summary>
      <SegmentedControl
        label="Code language"
        options={CODE_LANGUAGES.map((l) => ({ value: l.id, label: l.label }))}
        value={language}
        onChange={(l) => {
          setLanguage(l);
          setCopied(undefined);
        }}
      />
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (axe: scrollable-region-focusable) */}
      <pre className="code" data-testid="code" data-language={language} tabIndex={0}>
        {code}
      </pre>
      <p className="hint">
        The key is read from <code>{KEY_VARIABLES[connection.dialect]}</code>, never the one typed
        here.{' '}
        <button
          type="button"
          className="button is-small"
          onClick={() =>
            navigator.clipboard.writeText(code).then(
              () => setCopied('Copied.'),
              () => setCopied('The browser refused the clipboard: select the code instead.'),
            )
          }
        >
          Copy
        </button>{' '}
        <span role="status">{copied}</span>
      </p>
    </details>
  );
}
