import { OrphanedReferenceRegistry } from '@nestjs/graphql/dist/schema-builder/services/orphaned-reference.registry.js';

/**
 * @nestjs/graphql keeps code-first type metadata in one process-wide store and adds every type that any loaded
 * object type mentions to every schema it builds (nestjs/graphql#721). With several services in one process (the
 * embedded mode), the directory's `Person` would then appear in every subgraph, and federation composition fails.
 *
 * Switching that registry off leaves each subgraph with exactly the types reachable from its own queries and
 * mutations, plus any listed in `buildSchemaOptions.orphanedTypes` (an entity a subgraph only extends). The
 * embedded end-to-end and public-schema tests fail if a type leaks again.
 */
let applied = false;
export const scopeTypesToEachSubgraph = (): void => {
  if (applied) return;
  applied = true;
  OrphanedReferenceRegistry.prototype.addToRegistryIfOrphaned = () => undefined;
};
