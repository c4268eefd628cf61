import type { SceneName } from './render-picture';

const rules: readonly [RegExp, SceneName][] = [
  [/sunset|sunrise|dusk|mountain|alps|peak/i, 'sunset'],
  [/city|cyber|futur|skyline|neon|metropol|skyscraper/i, 'city'],
  [/banana|restaurant|dish|food|dinner|kitchen|cafe|meal|plate/i, 'restaurant'],
  [/lighthouse|sea\b|ocean|coast|beach|harbou?r|cliff|shore/i, 'lighthouse'],
];

/** Picks the scene whose keywords the prompt mentions first in this list; else a landscape. */
export function sceneForPrompt(prompt: string): SceneName {
  for (const [pattern, scene] of rules) if (pattern.test(prompt)) return scene;
  return 'landscape';
}
