import { describe, expect, it } from 'vitest';
import { findRoute, matchRoute } from './match-route';
import { routePath } from './route-path';
import { ROUTES, type RouteName } from './route-table';

describe('matchRoute', () => {
  it('finds every route by how the path ends, the longest path first', () => {
    expect(matchRoute('/v1/chat/completions')?.names).toEqual(['chat']);
    expect(matchRoute('/api/v1/models')?.names).toEqual(['models']);
    expect(matchRoute('/api/v1/images/models')?.names).toEqual(['image-models']);
    expect(matchRoute('/api/v1/images')?.names).toEqual(['images']);
    expect(matchRoute('/x/images/models/openai/gpt-image-1/endpoints/')).toEqual({
      names: ['image-endpoints'],
      params: { author: 'openai', slug: 'gpt-image-1' },
      path: '/images/models/openai/gpt-image-1/endpoints',
    });
  });

  it('matches exactly below a base path', () => {
    expect(matchRoute('/api/lunos/models', '/api/lunos')?.names).toEqual(['models']);
    expect(matchRoute('/api/lunos/v1/models', '/api/lunos')).toBeUndefined();
    expect(matchRoute('/other/models', '/api/lunos')).toBeUndefined();
    expect(matchRoute('/api/lunos', '/api/lunos')).toBeUndefined();
  });

  it('refuses path parameters that would step out of their segment', () => {
    expect(matchRoute('/v1/images/models/openai/%2E%2E/endpoints')).toBeUndefined();
    expect(matchRoute('/v1/images/models/a%2Fb/c/endpoints')).toBeUndefined();
    expect(matchRoute('/v1/images/models/openai/%E0%A4%A/endpoints')).toBeUndefined();
    expect(matchRoute('/v1/unknown')).toBeUndefined();
  });

  it('round-trips every route through routePath', () => {
    for (const name of Object.keys(ROUTES) as RouteName[]) {
      const path = routePath(name, { author: 'a b', slug: 'c', id: 'j', n: '0' });
      expect(matchRoute(`/v1${path}`)?.names).toContain(name);
    }
    expect(() => routePath('image-endpoints', { author: 'a' })).toThrow(/slug/);
  });
});

describe('findRoute', () => {
  it('tells a path of no route from a route with a parameter that cannot be one', () => {
    expect(findRoute('/v1/images/models/a%2F../admin/endpoints')).toEqual({
      names: ['image-endpoints'],
      badParam: 'author',
      path: '/images/models/a%2F../admin/endpoints',
    });
    expect(findRoute('/v1/images/models/openai/%2E%2E/endpoints')).toMatchObject({
      badParam: 'slug',
    });
    expect(findRoute('/v1/images/edits')).toBeUndefined();
    expect(findRoute('/v1/images/models/openai/x/endpoints')).toEqual(
      matchRoute('/v1/images/models/openai/x/endpoints'),
    );
  });
});
