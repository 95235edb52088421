// Tests of the pure parts of resources/report/flamegraph.js with node's built-in runner
// (`node --test tests/js/`). Expected values come from the C++ side: tests/data/report-*.json.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const F = require('../../resources/report/flamegraph.js');
const data = (name) => JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'data', name), 'utf8'));
const hex = (value) => value.toString(16).padStart(8, '0');

test('fnv1a32 matches the C++ vectors', () => {
  assert.equal(F.fnv1a32(''), 0x811c9dc5);
  for (const v of data('report-colour-vectors.json').vectors) assert.equal(hex(F.fnv1a32(v.name)), v.fnv1a32, v.name);
});

test('frame colours match frameColour() in C++', () => {
  for (const v of data('report-colour-vectors.json').vectors) {
    assert.equal(hex(F.frameColour(v.name, 0)), v.native, 'native ' + v.name);
    assert.equal(hex(F.frameColour(v.name, 1)), v.python, 'python ' + v.name);
  }
  assert.equal(F.cssColour(0xffcf2708), '#cf2708');
});

// The tree of FlameLayout's own small example: d 1, a;c 1, a;b 2 (siblings in sorted order).
function smallTree() {
  return F.buildTree({
    frames: [['a', '', 0, '', 0], ['b', '', 0, '', 0], ['c', '', 0, '', 0], ['d', '', 0, '', 0]],
    nodes: [-1, -1, 0, 4, /* a */ 0, 0, 0, 3, /* b */ 1, 1, 2, 2, /* c */ 2, 1, 1, 1, /* d */ 3, 0, 1, 1],
  });
}

test('layout reproduces FlameLayout small example', () => {
  const tree = smallTree();
  const rects = F.layout(tree, 400, 0).map((r) => [F.nodeName(tree, r.node), r.depth, r.x, r.width, hex(r.colour)]);
  assert.deepEqual(rects, [
    ['all', 0, 0, 400, 'ffc8c8c8'],
    ['a', 1, 0, 300, 'ffcf2708'],
    ['d', 1, 300, 100, hex(F.frameColour('d', 0))],
    ['b', 2, 0, 200, hex(F.frameColour('b', 0))],
    ['c', 2, 200, 100, hex(F.frameColour('c', 0))],
  ]);
});

test('layout drops narrow rectangles but keeps their space', () => {
  const tree = smallTree();
  const rects = F.layout(tree, 400, 150);
  assert.deepEqual(rects.map((r) => F.nodeName(tree, r.node)), ['all', 'a', 'b']);
  assert.equal(rects[2].x, 0);
});

test('layout of the shared fixture equals layoutFlameGraph() in C++', () => {
  const golden = data('report-layout.json');
  const tree = F.buildTree(golden.profile);
  const rects = F.layout(tree, golden.width, golden.minWidth);
  assert.equal(rects.length, golden.rects.length);
  rects.forEach((r, i) => {
    const [name, depth, x, width, colour] = golden.rects[i];
    assert.equal(F.nodeName(tree, r.node), name);
    assert.equal(r.depth, depth);
    assert.ok(Math.abs(r.x - x) < 1e-9, `x of ${name}`);
    assert.ok(Math.abs(r.width - width) < 1e-9, `width of ${name}`);
    assert.equal(hex(r.colour), colour);
  });
});

test('layout is empty for no samples or no width', () => {
  const empty = F.buildTree({ frames: [], nodes: [-1, -1, 0, 0] });
  assert.deepEqual(F.layout(empty, 100, 0), []);
  assert.deepEqual(F.layout(smallTree(), 0, 0), []);
  assert.deepEqual(F.layout(smallTree(), 10, 20), []);
});

test('zoomed layout spans the focus and keeps ancestors', () => {
  const tree = smallTree();
  const b = tree.nodes.findIndex((n) => n.frame === 1);
  const rects = F.layout(tree, 100, 0, b);
  assert.deepEqual(rects.map((r) => [F.nodeName(tree, r.node), r.depth, r.x, r.width, !!r.ancestor]),
    [['all', 0, 0, 100, true], ['a', 1, 0, 100, true], ['b', 2, 0, 100, false]]);
});

test('layout is deterministic and ordered by depth then x', () => {
  const tree = F.buildTree(data('report-layout.json').profile);
  const a = F.layout(tree, 1234, 1), b = F.layout(tree, 1234, 1);
  assert.deepEqual(a, b);
  for (let i = 1; i < a.length; ++i)
    assert.ok(a[i - 1].depth < a[i].depth || (a[i - 1].depth === a[i].depth && a[i - 1].x < a[i].x));
});

test('search counts nested matches once', () => {
  const tree = F.buildTree({
    frames: [['rec', '', 0, '', 0], ['leaf', '', 0, '', 0]],
    nodes: [-1, -1, 0, 10, 0, 0, 2, 10, 0, 1, 3, 8, 1, 2, 5, 5],
  });
  const m = F.search(tree, 'REC');
  assert.equal(m.nodes.size, 2);
  assert.equal(m.samples, 10);
  assert.equal(F.search(tree, '').nodes.size, 0);
  assert.equal(F.search(tree, 'nothing').samples, 0);
});

test('topFunctions counts recursion once and sorts by self', () => {
  const tree = F.buildTree({
    frames: [['rec', 'r.c', 1, '', 0], ['rec', 'r.c', 2, '', 0], ['leaf', '', 0, '', 0]],
    nodes: [-1, -1, 0, 10, 0, 0, 2, 10, 1, 1, 3, 8, 2, 2, 5, 5],
  });
  const top = F.topFunctions(tree, 10);
  assert.deepEqual(top.map((s) => [s.name, s.self, s.total]), [['rec', 5, 10], ['leaf', 5, 5]]);
});

test('bottomUp puts self time first and callers below', () => {
  const tree = smallTree();
  const inverted = F.bottomUp(tree);
  assert.equal(inverted.samples, 4);
  assert.deepEqual(inverted.children.map((n) => [n.name, n.samples]), [['b', 2], ['c', 1], ['d', 1]]);
  assert.deepEqual(inverted.children[0].children.map((n) => [n.name, n.samples]), [['a', 2]]);
});

test('library frames and chains', () => {
  assert.equal(F.isLibraryFrame({ kind: 1, file: '/venv/lib/python3.11/site-packages/flask/app.py' }), true);
  assert.equal(F.isLibraryFrame({ kind: 1, file: '/usr/lib/python3.11/threading.py' }), true);
  assert.equal(F.isLibraryFrame({ kind: 1, file: '<frozen importlib._bootstrap>' }), true);
  assert.equal(F.isLibraryFrame({ kind: 1, file: '/srv/app/views.py' }), false);
  assert.equal(F.isLibraryFrame({ kind: 0, module: '/usr/lib/x86_64-linux-gnu/libc.so.6', file: '' }), true);
  assert.equal(F.isLibraryFrame({ kind: 0, module: '/srv/bin/server', file: '' }), false);
  // app -> lib1 -> lib2 -> {app2, lib3}: the chain from lib1 stops at lib2, which has two children.
  const tree = F.buildTree({
    frames: [['app', '/srv/a.py', 1, '', 1], ['lib1', '/usr/lib/python3.11/x.py', 1, '', 1],
             ['lib2', '/usr/lib/python3.11/y.py', 1, '', 1], ['app2', '/srv/b.py', 1, '', 1],
             ['lib3', '/usr/lib/python3.11/z.py', 1, '', 1]],
    nodes: [-1, -1, 0, 4, 0, 0, 0, 4, 1, 1, 0, 4, 2, 2, 0, 4, 3, 3, 2, 2, 4, 3, 2, 2],
  });
  assert.deepEqual(F.libraryChain(tree, 2), [2, 3]);
  assert.deepEqual(F.libraryChain(tree, 1), []);
  assert.deepEqual(F.libraryChain(tree, 5), [5]);
});
