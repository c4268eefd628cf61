import { capabilitiesOf, type DialectName, type ImageModel } from '@lunos-image/core';
import type { ComposeForm } from '../compose/compose-form';
import { apiBaseUrl } from '../connection/api-base-url';
import type { Connection } from '../connection/connection';

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

/** The request of the current form as the four snippets, the key read from the environment. */
export function requestCode(
  form: ComposeForm,
  model: ImageModel,
  connection: Connection,
): Record<CodeLanguage, string> {
  const { dialect } = connection;
  const keyVar = KEY_VARIABLES[dialect];
  const baseURL = baseUrlOf(connection);
  const customBase = baseURL !== DEFAULT_BASE_URLS[dialect];
  const modalities = capabilitiesOf(model).outputsText === false ? ['image'] : ['image', 'text'];
  const prompt = form.prompt.trim();
  const refs = form.references.map((f) => f.name);

  // camelCase variables for core and the hook, one per line.
  const variables = [
    `model: ${JSON.stringify(model.id)},`,
    `prompt: ${JSON.stringify(prompt)},`,
    `modalities: ${JSON.stringify(modalities)},`,
    form.aspectRatio && `aspectRatio: ${JSON.stringify(form.aspectRatio)},`,
    form.imageSize && `imageSize: ${JSON.stringify(form.imageSize)},`,
  ].filter(Boolean) as string[];
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
      {generation.images.map((image) => (
        <img key={image.index} src={image.url} alt="" />
      ))}
    </div>
  );
}
`;

  const body = {
    model: model.id,
    messages: [{ role: 'user', content: prompt }],
    modalities,
    ...((form.aspectRatio || form.imageSize) && {
      image_config: {
        ...(form.aspectRatio && { aspect_ratio: form.aspectRatio }),
        ...(form.imageSize && { image_size: form.imageSize }),
      },
    }),
    stream: false,
  };
  const json = JSON.stringify(body, null, 2);
  const refNote =
    refs.length > 0
      ? `# Reference images (${refs.join(', ')}) go in messages[0].content as image_url parts (data URLs).\n`
      : '';
  const curl = `${refNote}curl -sS ${JSON.stringify(`${baseURL}/chat/completions`)} \\
  -H "Authorization: Bearer $${keyVar}" \\
  -H "Content-Type: application/json" \\
  -d '${json.replaceAll("'", "'\\''")}'
`;

  const python = `import os

import requests

${refNote}response = requests.post(
    ${JSON.stringify(`${baseURL}/chat/completions`)},
    headers={"Authorization": f"Bearer {os.environ['${keyVar}']}"},
    json=${json
      .replaceAll('\n', '\n    ')
      .replace(/\btrue\b/g, 'True')
      .replace(/\bfalse\b/g, 'False')},
    timeout=300,
)
response.raise_for_status()
message = response.json()["choices"][0]["message"]
print(message.get("content"), [image["image_url"]["url"][:64] for image in message.get("images", [])])
`;

  return { typescript, react, curl, python };
}
