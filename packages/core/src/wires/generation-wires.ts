import type { ImageApi } from '../models/image-model';
import { chatWire } from './chat-wire';
import type { GenerationWire } from './generation-wire';
import { imagesWire } from './images-wire';

/**
 * Every wire a route's `wire` names (`routes/route-table.ts`). One module per wire, so a wire can
 * be loaded on its own; a new wire is one entry here.
 */
export const generationWires: Record<ImageApi, GenerationWire> = {
  chat: chatWire,
  images: imagesWire,
};
