/// <reference types="vite/client" />
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { WEB_PATHS } from '../../shared/web-paths';
import appSource from './App.tsx?raw';

/**
 * Issue 11: the server answers 200 only for the addresses the web app routes,
 * from one list (shared/web-paths.ts). This reads the router in App.tsx and
 * holds the list to it: every page a <Route> leads to is listed, and nothing
 * else. A layout route (no path) adds nothing to the address; `index` is its
 * parent's address; `*` is the "page not found" that the server answers 404.
 */
function routedPaths(source: string): string[] {
  const file = ts.createSourceFile('App.tsx', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const attr = (el: ts.JsxOpeningLikeElement, name: string) =>
    el.attributes.properties.find((p): p is ts.JsxAttribute => ts.isJsxAttribute(p) && p.name.getText() === name);
  const join = (base: string, path: string) => `${base.replace(/\/$/, '')}/${path}`;

  function visit(node: ts.Node, base: string): void {
    const opening = ts.isJsxElement(node) ? node.openingElement : ts.isJsxSelfClosingElement(node) ? node : null;
    if (!opening || opening.tagName.getText() !== 'Route') {
      ts.forEachChild(node, (child) => visit(child, base));
      return;
    }
    const pathAttr = attr(opening, 'path');
    if (pathAttr && !(pathAttr.initializer && ts.isStringLiteral(pathAttr.initializer))) throw new Error(`a Route path that is not a plain string: ${pathAttr.getText()}`);
    const path = pathAttr ? (pathAttr.initializer as ts.StringLiteral).text : null;
    if (path === '*') return;
    const here = path === null ? base : join(base, path);
    const children = ts.isJsxElement(node) ? node.children.filter((c) => ts.isJsxElement(c) || ts.isJsxSelfClosingElement(c)) : [];
    const nested = children.some((c) => (ts.isJsxElement(c) ? c.openingElement : (c as ts.JsxSelfClosingElement)).tagName.getText() === 'Route');
    if (!nested && (path !== null || attr(opening, 'index'))) found.push(here === '' ? '/' : here);
    for (const c of children) visit(c, here);
  }
  visit(file, '');
  return [...new Set(found)].sort();
}

describe('the web app\'s addresses (issue 11: unknown web addresses answer 404)', () => {
  it('reads the router: a page, an index, a nested page and a parameter', () => {
    const paths = routedPaths(appSource);
    for (const p of ['/', '/locations', '/console', '/console/sign-in', '/console/patients/:patientId', '/reset-password/:token']) expect(paths).toContain(p);
  });

  it('lists in shared/web-paths.ts exactly the pages App.tsx routes', () => {
    expect([...WEB_PATHS].sort()).toEqual(routedPaths(appSource));
  });
});
