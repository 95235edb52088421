// Runs resources/report/report.js (the DOM side of the HTML report) against a minimal fake DOM, to
// check that it starts without errors on a real profile, draws the flame graph, searches, zooms and
// fills the trees and the table, draws in the page's font stack, follows a dark browser, and never uses
// innerHTML (untrusted text goes through textContent).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const root = path.join(__dirname, '..', '..');
const asset = (name) => fs.readFileSync(path.join(root, 'resources', 'report', name), 'utf8');

class FakeElement {
  constructor(tag) {
    this.tagName = tag.toUpperCase();
    this.children = [];
    this.className = '';
    this.text = '';
    this.listeners = {};
    this.style = {};
    this.hidden = false;
    this.open = false;
    this.value = '';
    this.drawn = [];
    this.dataset = {};
  }
  set innerHTML(_) { throw new Error('innerHTML must not be used'); }
  set textContent(value) { this.text = String(value); this.children = []; }
  get textContent() { return this.text + this.children.map((c) => c.textContent).join(''); }
  appendChild(child) { this.children.push(child); return child; }
  replaceChildren(...children) { this.children = children; }
  addEventListener(type, f) { (this.listeners[type] = this.listeners[type] || []).push(f); }
  removeEventListener(type, f) { this.listeners[type] = (this.listeners[type] || []).filter((g) => g !== f); }
  dispatchEvent(event) { (this.listeners[event.type] || []).slice().forEach((f) => f(event)); }
  get clientWidth() { return 1000; }
  getBoundingClientRect() { return { left: 0, top: 0, width: 1000, height: 400 }; }
  get tBodies() { return this.children.filter((c) => c.tagName === 'TBODY'); }
  descendants() { return this.children.flatMap((c) => [c, ...c.descendants()]); }
  querySelector(selector) {
    if (selector === 'details') return this.descendants().find((e) => e.tagName === 'DETAILS') || null;
    if (selector === '.tree-children > details') {
      const box = this.descendants().find((e) => e.className === 'tree-children');
      return box ? box.children.find((e) => e.tagName === 'DETAILS') || null : null;
    }
    throw new Error('unsupported selector ' + selector);
  }
  getContext() {
    const drawn = this.drawn;
    return {
      setTransform() {}, fillRect(x, y, w, h) { drawn.push({ x, y, w, h, fill: this.fillStyle }); },
      fillText(text) { drawn.push({ text, font: this.font }); },
    };
  }
}

// The page's font stack as report.css resolves it (getComputedStyle is all report.js asks of CSS).
const PAGE_FONTS = 'system-ui, "WenQuanYi Micro Hei", sans-serif';

// options.prefersDark: the browser's prefers-color-scheme; options.scheme: what the workbench set on <html>.
function loadReport(profile, options = {}) {
  const elements = {};
  const byId = (id, tag) => (elements[id] = Object.assign(new FakeElement(tag || 'div'), { id }));
  byId('wpm-profile', 'script').text = JSON.stringify(profile);
  ['flame', 'flame-status', 'topdown', 'bottomup'].forEach((id) => byId(id));
  byId('flame-search', 'input');
  byId('fold-libraries', 'input').checked = true;
  byId('flame-reset', 'button');
  byId('topfunctions', 'table').appendChild(new FakeElement('tbody'));
  const window = {
    devicePixelRatio: 1,
    addEventListener() {},
    matchMedia: (query) => ({ matches: query === '(prefers-color-scheme: dark)' && !!options.prefersDark }),
  };
  const documentElement = new FakeElement('html');
  if (options.scheme) documentElement.dataset.scheme = options.scheme;
  const document = {
    documentElement,
    readyState: 'complete',
    getElementById: (id) => elements[id] || null,
    createElement: (tag) => new FakeElement(tag),
  };
  class Event { constructor(type) { this.type = type; } }
  const getComputedStyle = () => ({ fontFamily: PAGE_FONTS });
  const context = vm.createContext({ window, self: window, document, Event, TextEncoder, getComputedStyle });
  vm.runInContext(asset('flamegraph.js'), context, { filename: 'flamegraph.js' });
  vm.runInContext(asset('report.js'), context, { filename: 'report.js' });
  return { window, elements, documentElement };
}

const profile = () => JSON.parse(fs.readFileSync(path.join(root, 'tests', 'data', 'report-layout.json'), 'utf8')).profile;

test('report.js renders the flame graph, trees and table', () => {
  const { window, elements } = loadReport(profile());
  assert.ok(window.wpmReport, 'main() ran');
  const canvas = elements.flame.children[0];
  const rects = window.wpmReport.view.rects;
  assert.ok(rects.length > 5);
  assert.equal(canvas.drawn.filter((d) => d.w !== undefined).length, rects.length);
  assert.ok(canvas.drawn.some((d) => d.text === 'handle_request'));
  assert.ok(elements.topdown.children.length > 0);
  assert.ok(elements.bottomup.children.length > 0);
  assert.ok(elements.topdown.textContent.includes('db_query'), 'the first levels are opened');
  const rows = elements.topfunctions.tBodies[0].children;
  assert.equal(rows[0].children[4].textContent, 'db_query');
});

test('the canvas draws names in the page font stack (CJK families included)', () => {
  const { elements } = loadReport(profile());
  const texts = elements.flame.children[0].drawn.filter((d) => d.text !== undefined);
  assert.ok(texts.length > 0);
  assert.ok(texts.every((d) => d.font === '12px ' + PAGE_FONTS));
});

test('a dark browser gets the dark scheme unless the workbench has set one', () => {
  assert.equal(loadReport(profile()).documentElement.dataset.scheme, undefined);
  assert.equal(loadReport(profile(), { prefersDark: true }).documentElement.dataset.scheme, 'dark');
  assert.equal(loadReport(profile(), { prefersDark: true, scheme: 'light' }).documentElement.dataset.scheme, 'light');
});

test('search highlights a known frame and reports its share', () => {
  const { window, elements } = loadReport(profile());
  elements['flame-search'].value = 'DB_QUERY';
  elements['flame-search'].dispatchEvent({ type: 'input' });
  assert.equal(elements['flame-status'].textContent, '1 frames, 38.8% of samples');
  const hits = elements.flame.children[0].drawn.filter((d) => d.fill === '#e040fb');
  assert.ok(hits.length >= 1);
});

test('click zooms, hover shows a tooltip, reset restores', () => {
  const data = profile();
  data.meta.durationS = 2.06; // 103 samples: 20 ms each
  const { window, elements } = loadReport(data);
  const view = window.wpmReport.view;
  const target = view.rects.find((r) => window.WpmFlame.nodeName(view.tree, r.node) === 'render');
  const event = { clientX: target.x + 1, clientY: target.depth * 18 + 5 };
  view.canvas.dispatchEvent(Object.assign({ type: 'mousemove' }, event));
  assert.equal(view.tooltip.hidden, false);
  assert.match(view.tooltip.textContent, /render.*total: 35 samples \(34\.0%, \u2248700\.0 ms\)self: 10 samples \(9\.7%, \u2248200\.0 ms\)/);
  view.canvas.dispatchEvent(Object.assign({ type: 'click' }, event));
  assert.equal(view.focus, target.node);
  assert.equal(view.rects.find((r) => r.node === target.node).width, 1000);
  elements['flame-reset'].dispatchEvent({ type: 'click' });
  assert.equal(view.focus, 0);
});

test('hostile names are shown as text', () => {
  const data = profile();
  data.frames[0][0] = '<img src=x onerror=alert(1)>';
  const { elements } = loadReport(data); // FakeElement throws if innerHTML is used
  assert.ok(elements.topfunctions.textContent.includes('<img src=x onerror=alert(1)>') ||
            elements.topdown.textContent.includes('<img src=x onerror=alert(1)>'));
});

test('library frames are folded in the top-down tree, and unfolded on request', () => {
  const data = {
    frames: [['app_main', '/srv/app.py', 1, '', 1], ['run', '/usr/lib/python3.11/threading.py', 9, '', 1],
             ['dispatch', '/venv/lib/python3.11/site-packages/flask/app.py', 5, '', 1], ['view', '/srv/views.py', 3, '', 1]],
    nodes: [-1, -1, 0, 10, 0, 0, 0, 10, 1, 1, 0, 10, 2, 2, 1, 10, 3, 3, 9, 9],
  };
  const { elements } = loadReport(data);
  const text = elements.topdown.textContent;
  assert.ok(text.includes('[2 library frames]'), text);
  assert.ok(text.includes('view'));
  assert.ok(!text.includes('dispatch/'));
  elements['fold-libraries'].checked = false;
  elements['fold-libraries'].dispatchEvent({ type: 'change' });
  assert.ok(!elements.topdown.textContent.includes('library frames'));
  assert.ok(elements.topdown.textContent.includes('dispatch'));
});
