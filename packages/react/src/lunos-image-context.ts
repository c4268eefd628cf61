'use client';
import type { LunosImageClient } from '@lunos-image/core';
import { createContext } from 'react';

/** The client a `LunosImageProvider` hands to the hooks below it. */
export const LunosImageContext = createContext<LunosImageClient | undefined>(undefined);
LunosImageContext.displayName = 'LunosImageContext';
