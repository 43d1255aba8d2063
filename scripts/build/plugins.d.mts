import type { Plugin } from 'esbuild';

export const builtinsWithoutFacade: Plugin;
export const linkedomWithoutCss: Plugin;
export const linkedomWithoutCanvas: Plugin;
export const entitiesTablesOnUse: Plugin;
