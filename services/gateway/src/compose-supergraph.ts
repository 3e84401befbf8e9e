import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import type { SubgraphEndpoint } from './subgraph-sdl';

export class CompositionError extends Error {
  constructor(readonly errors: readonly Error[]) {
    super(`Supergraph composition failed:\n${errors.map((error) => `  - ${error.message}`).join('\n')}`);
  }
}

export function composeSupergraph(subgraphs: (SubgraphEndpoint & { sdl: string })[]): string {
  const result = composeServices(subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
  if (result.errors) throw new CompositionError(result.errors);
  return result.supergraphSdl;
}
