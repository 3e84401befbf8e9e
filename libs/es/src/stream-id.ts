/**
 * Stream ids are `<category>-<tenantId>:<aggregateId>`, built and parsed only here so the format has one owner.
 * Categories are lower-kebab; tenant ids may not contain ':'.
 */
export const streamId = (category: string, tenantId: string, aggregateId: string): string => {
  if (!/^[a-z][a-z0-9-]*$/.test(category)) throw new Error(`Invalid stream category: ${category}`);
  if (!tenantId || tenantId.includes(':')) throw new Error(`Invalid tenant id: ${tenantId}`);
  if (!aggregateId) throw new Error('Aggregate id is required');
  return `${category}-${tenantId}:${aggregateId}`;
};

export const parseStreamId = (id: string, category: string): { tenantId: string; aggregateId: string } => {
  const prefix = `${category}-`;
  const colon = id.indexOf(':', prefix.length);
  if (!id.startsWith(prefix) || colon < 0) throw new Error(`Not a ${category} stream id: ${id}`);
  return { tenantId: id.slice(prefix.length, colon), aggregateId: id.slice(colon + 1) };
};
