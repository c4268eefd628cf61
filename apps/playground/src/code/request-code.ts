import type { DialectName, ImageModel } from '@lunos-image/core';
import type { ComposeForm } from '../compose/compose-form';
import { variablesFor } from '../compose/variables-for';
import { apiBaseUrl } from '../connection/api-base-url';
import type { Connection } from '../connection/connection';
import { wireRequest } from './wire-body';

export type CodeLanguage = 'typescript' | 'react' | 'curl' | 'python';

export const CODE_LANGUAGES: readonly { id: CodeLanguage; label: string }[] = [
  { id: 'typescript', label: 'TypeScript' },
  { id: 'react', label: 'React hook' },
  { id: 'curl', label: 'curl' },
  { id: 'python', label: 'Python' },
];

/** The environment variable the copied code reads the key from: never the key typed here. */
export const KEY_VARIABLES: Record<DialectName, string> = {
  lunos: 'LUNOS_API_KEY',
  openrouter: 'OPENROUTER_API_KEY',
};

const DEFAULT_BASE_URLS: Record<DialectName, string> = {
  lunos: 'https://api.lunos.tech/v1',
  openrouter: 'https://openrouter.ai/api/v1',
};

/**
 * Where the copied code sends its request: the mock server or proxy this page uses, else the
 * provider (the built-in mock lives in this tab, out of reach of a shell).
 */
function baseUrlOf(connection: Connection): string {
  if (connection.mode === 'server') return apiBaseUrl(connection.serverUrl, connection.dialect);
  if (connection.mode === 'live' && connection.baseURL) return connection.baseURL;
  return DEFAULT_BASE_URLS[connection.dialect];
}

/** The variables the copied code passes, in this order (`stream` is the snippet's own). */
const CODE_VARIABLES = [
  'model',
  'api',
  'prompt',
  'modalities',
  'aspectRatio',
  'imageSize',
  'n',
  'seed',
  'quality',
  'outputFormat',
  'background',
] as const;

/** How the React snippet shows its images: a slot each, its preview until the image arrives. */
function reactImages(slots: number): string {
  if (slots <= 1) {
    return `      {generation.images.map((image) => (
        <img key={image.index} src={image.url} alt="" />
      ))}`;
  }
  return `      {/* Slot i shows its image, else its latest preview (blurred) while the run streams. */}
      {Array.from({ length: ${slots} }, (_, slot) => {
        const image = generation.images.find((i) => i.index === slot);
        const preview = generation.partials[slot];
        if (image) return <img key={slot} src={image.url} alt="" />;
        if (preview) return <img key={slot} src={preview.url} alt="" style={{ filter: 'blur(8px)' }} />;
        return null;
      })}`;
}

/**
 * The request of the current form as the four snippets, the key read from the environment: the
 * variables the playground would send (`variablesFor`), so an Images API model's code says
 * `api: 'images'` with its count, seed, quality, format and background. A seed left to chance is
 * not written: the copied code then gets a new picture on every run too.
 */
export function requestCode(
  form: ComposeForm,
  model: ImageModel,
  connection: Connection,
): Record<CodeLanguage, string> {
  const { dialect } = connection;
  const keyVar = KEY_VARIABLES[dialect];
  const baseURL = baseUrlOf(connection);
  const customBase = baseURL !== DEFAULT_BASE_URLS[dialect];
  const sent = variablesFor(
    { ...form, references: [], seed: form.seedLocked ? form.seed : undefined },
    model,
  );
  const refs = model.inputModalities.includes('image') ? form.references.map((f) => f.name) : [];

  // camelCase variables for core and the hook, one per line.
  const variables = CODE_VARIABLES.filter((key) => sent[key] !== undefined).map(
    (key) => `${key}: ${JSON.stringify(sent[key])},`,
  );
  const clientOptions = [
    dialect !== 'lunos' && `dialect: '${dialect}',`,
    `apiKey: process.env.${keyVar},`,
    customBase && `baseURL: ${JSON.stringify(baseURL)},`,
  ].filter(Boolean) as string[];
  const indent = (lines: string[], pad: string) => lines.map((l) => pad + l).join('\n');

  const readRefs = refs.length > 0 ? `import { readFileSync } from 'node:fs';\n` : '';
  const refsLine =
    refs.length > 0
      ? [`referenceImages: [${refs.map((n) => `readFileSync(${JSON.stringify(n)})`).join(', ')}],`]
      : [];

  const typescript = `${readRefs}import { createLunosImageClient } from '@lunos-image/core';

const client = createLunosImageClient({
${indent(clientOptions, '  ')}
});

const result = await client.generateImage({
${indent([...variables, ...refsLine], '  ')}
});
console.log(result.text, result.images.map((image) => image.mimeType));
`;

  const react = `import { useImageGeneration } from '@lunos-image/react';

// Inside a <LunosImageProvider client={...}> whose client is created on your server side or
// with a proxy base URL: never ship a key to the browser.
export function Generate() {
  const generation = useImageGeneration();
  return (
    <div>
      <button
        type="button"
        onClick={() =>
          generation.generate({
${indent(variables, '            ')}
          })
        }
      >
        Generate
      </button>
${reactImages(sent.n ?? 1)}
    </div>
  );
}
`;

  const wire = wireRequest(sent);
  const json = JSON.stringify(wire.body, null, 2);
  const refNote =
    refs.length > 0 ? `# Reference images (${refs.join(', ')}) ${wire.referencesNote}.\n` : '';
  const curl = `${refNote}curl -sS ${JSON.stringify(`${baseURL}${wire.path}`)} \\
  -H "Authorization: Bearer $${keyVar}" \\
  -H "Content-Type: application/json" \\
  -d '${json.replaceAll("'", "'\\''")}'
`;

  const python = `import os

import requests

${refNote}response = requests.post(
    ${JSON.stringify(`${baseURL}${wire.path}`)},
    headers={"Authorization": f"Bearer {os.environ['${keyVar}']}"},
    json=${json
      .replaceAll('\n', '\n    ')
      .replace(/\btrue\b/g, 'True')
      .replace(/\bfalse\b/g, 'False')},
    timeout=300,
)
response.raise_for_status()
${wire.pythonPrint}
`;

  return { typescript, react, curl, python };
}
