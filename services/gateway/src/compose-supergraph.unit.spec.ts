import { composeSupergraph, CompositionError } from './compose-supergraph';

const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])';

describe('composeSupergraph', () => {
  it('joins subgraphs into one supergraph that routes to their urls', () => {
    const supergraph = composeSupergraph([
      { name: 'things', url: 'http://things/graphql', sdl: `${link} type Thing @key(fields: "id") { id: ID! name: String! } type Query { things: [Thing!]! }` },
      { name: 'reviews', url: 'http://reviews/graphql', sdl: `${link} type Thing @key(fields: "id") { id: ID! reviewCount: Int! }` },
    ]);
    expect(supergraph).toContain('join__graph(name: "things", url: "http://things/graphql")');
    expect(supergraph).toContain('reviewCount: Int!');
  });

  it('fails with every composition error', () => {
    const compose = () =>
      composeSupergraph([
        { name: 'a', url: 'http://a/graphql', sdl: `${link} type Query { count: Int! }` },
        { name: 'b', url: 'http://b/graphql', sdl: `${link} type Query { count: String! }` },
      ]);
    expect(compose).toThrow(CompositionError);
    expect(compose).toThrow(/Supergraph composition failed:\n {2}- .*count/);
  });
});
