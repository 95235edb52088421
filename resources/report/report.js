// report.js: the DOM side of the HTML report. Reads the embedded profile, draws the flame graph on a
// canvas (click to zoom, search, tooltip) and fills the call trees and the top-functions table.
// Untrusted text (symbols, files, the URL) only ever goes through textContent, never innerHTML.
(function () {
  'use strict';
  const F = window.WpmFlame;
  const ROW = 18, MIN_WIDTH = 0.5;

  // A browser's dark mode, unless the workbench has already told the page its palette's scheme.
  const root = document.documentElement;
  if (!root.dataset.scheme && window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches)
    root.dataset.scheme = 'dark';

  // The page's words in the workbench's language: the report's #wpm-texts, or the object the live page set
  // from its web channel; English where neither has one. %1, %2... are filled in from the arguments.
  const ENGLISH = {
    libraryFrames: '[%1 library frames]', selfShare: '%1 (self %2)', matches: '%1 frames, %2 of samples',
    tipTotal: 'total: %1 samples (%2)', tipSelf: 'self: %1 samples (%2)', waiting: 'Waiting for samples',
    samples: '%1 samples', liveMatches: '%1; "%2": %3 frames, %4', searchFunctions: 'Search functions',
    resetZoom: 'Reset zoom',
  };
  let pageTexts = null;
  function text(key, ...args) {
    if (!pageTexts) {
      const embedded = document.getElementById('wpm-texts');
      pageTexts = embedded ? JSON.parse(embedded.textContent) : window.wpmTexts || null;
    }
    const pattern = (pageTexts && pageTexts[key]) || ENGLISH[key];
    return pattern.replace(/%(\d)/g, (all, n) => (args[n - 1] !== undefined ? String(args[n - 1]) : all));
  }
  window.wpmText = text; // for live.js
  window.wpmSetTexts = (texts) => { pageTexts = texts; };

  function el(tag, className, content) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (content !== undefined) e.textContent = content;
    return e;
  }

  function FlameView(tree, container) {
    this.tree = tree;
    this.focus = 0;
    this.matches = { nodes: new Set(), samples: 0 };
    this.canvas = el('canvas', 'flame-canvas');
    this.tooltip = el('div', 'flame-tooltip');
    this.tooltip.hidden = true;
    container.appendChild(this.canvas);
    container.appendChild(this.tooltip);
    this.container = container;
    this.canvas.addEventListener('click', (e) => {
      const rect = this.hit(e);
      if (rect) this.zoom(rect.node);
    });
    this.canvas.addEventListener('mousemove', (e) => this.hover(e));
    this.canvas.addEventListener('mouseleave', () => { this.tooltip.hidden = true; });
    window.addEventListener('resize', () => this.render());
  }

  FlameView.prototype.zoom = function (node) { this.focus = node; this.render(); };

  FlameView.prototype.setQuery = function (query) {
    this.matches = F.search(this.tree, query);
    this.render();
    return this.matches;
  };

  FlameView.prototype.render = function () {
    const width = Math.max(100, this.container.clientWidth);
    this.rects = F.layout(this.tree, width, MIN_WIDTH, this.focus);
    const depth = this.rects.reduce((d, r) => Math.max(d, r.depth), 0);
    const ratio = window.devicePixelRatio || 1;
    this.canvas.width = width * ratio;
    this.canvas.height = (depth + 1) * ROW * ratio;
    this.canvas.style.width = width + 'px';
    this.canvas.style.height = (depth + 1) * ROW + 'px';
    const ctx = this.canvas.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.font = '12px ' + getComputedStyle(this.container).fontFamily; // report.css's stack, CJK families included
    ctx.textBaseline = 'middle';
    const searching = this.matches.nodes.size > 0;
    for (const r of this.rects) {
      const hit = this.matches.nodes.has(r.node);
      ctx.globalAlpha = r.ancestor || (searching && !hit) ? 0.45 : 1;
      ctx.fillStyle = hit ? '#e040fb' : F.cssColour(r.colour);
      ctx.fillRect(r.x, r.depth * ROW, Math.max(r.width - 0.5, 0.5), ROW - 1);
      if (r.width > 28) {
        ctx.fillStyle = '#000';
        const name = F.nodeName(this.tree, r.node);
        const fit = Math.floor((r.width - 6) / 6.5);
        ctx.fillText(name.length > fit ? name.slice(0, Math.max(fit - 1, 1)) + '\u2026' : name, r.x + 3, r.depth * ROW + ROW / 2);
      }
    }
    ctx.globalAlpha = 1;
  };

  FlameView.prototype.hit = function (e) {
    const box = this.canvas.getBoundingClientRect();
    const x = e.clientX - box.left, depth = Math.floor((e.clientY - box.top) / ROW);
    return (this.rects || []).find((r) => r.depth === depth && x >= r.x && x < r.x + r.width);
  };

  FlameView.prototype.hover = function (e) {
    const rect = this.hit(e);
    if (!rect) { this.tooltip.hidden = true; return; }
    const node = this.tree.nodes[rect.node];
    const frame = node.frame >= 0 ? this.tree.frames[node.frame] : null;
    const total = this.tree.totalSamples;
    // Samples are spread evenly over the request, so a share of them is that share of its duration.
    const seconds = Number(this.tree.meta.durationS) || 0;
    const time = (n) => seconds > 0 && total ? ', \u2248' + (1000 * seconds * n / total).toFixed(1) + ' ms' : '';
    this.tooltip.replaceChildren(
      el('div', 'tip-name', F.nodeName(this.tree, rect.node)),
      el('div', 'tip-loc', F.location(frame)),
      el('div', '', text('tipTotal', node.total, F.percent(node.total, total) + time(node.total))),
      el('div', '', text('tipSelf', node.self, F.percent(node.self, total) + time(node.self))));
    this.tooltip.hidden = false;
    const box = this.container.getBoundingClientRect();
    const left = Math.min(e.clientX - box.left + 12, box.width - 320);
    this.tooltip.style.left = Math.max(0, left) + 'px';
    this.tooltip.style.top = (e.clientY - box.top + 16) + 'px';
  };

  // A collapsible tree; children are created when a node is first opened (20k nodes stay cheap).
  function treeItem(label, detail, share, kids, makeChild) {
    const row = el('span', 'tree-row');
    row.appendChild(el('span', 'tree-pct', share));
    row.appendChild(el('span', 'tree-name', label));
    if (detail) row.appendChild(el('span', 'tree-loc', detail));
    if (!kids.length) {
      const leaf = el('div', 'tree-leaf');
      leaf.appendChild(row);
      return leaf;
    }
    const details = el('details');
    const summary = el('summary');
    summary.appendChild(row);
    details.appendChild(summary);
    details.addEventListener('toggle', function fill() {
      details.removeEventListener('toggle', fill);
      const box = el('div', 'tree-children');
      kids.forEach((k) => box.appendChild(makeChild(k)));
      details.appendChild(box);
    });
    return details;
  }

  function byTotal(tree, ids) {
    return ids.slice().sort((a, b) => tree.nodes[b].total - tree.nodes[a].total);
  }

  function topDownItem(tree, id, fold) {
    const chain = fold ? F.libraryChain(tree, id) : [];
    if (chain.length >= 2) {
      const first = tree.nodes[chain[0]], last = tree.nodes[chain[chain.length - 1]];
      const self = chain.reduce((sum, n) => sum + tree.nodes[n].self, 0);
      return treeItem(text('libraryFrames', chain.length),
                      F.nodeName(tree, first.id) + ' \u2026 ' + F.nodeName(tree, last.id),
                      text('selfShare', F.percent(first.total, tree.totalSamples), F.percent(self, tree.totalSamples)),
                      byTotal(tree, last.children), (k) => topDownItem(tree, k, fold));
    }
    const node = tree.nodes[id];
    const frame = tree.frames[node.frame];
    return treeItem(frame.name, F.location(frame),
                    text('selfShare', F.percent(node.total, tree.totalSamples), F.percent(node.self, tree.totalSamples)),
                    byTotal(tree, node.children), (k) => topDownItem(tree, k, fold));
  }

  function bottomUpItem(total, n) {
    return treeItem(n.name, n.file, F.percent(n.samples, total), n.children, (k) => bottomUpItem(total, k));
  }

  function openFirst(container, levels) {
    let d = container.querySelector('details');
    for (let i = 0; d && i < levels; ++i) {
      d.open = true;
      d.dispatchEvent(new Event('toggle'));
      d = d.querySelector('.tree-children > details');
    }
  }

  function fillTopFunctions(tree, table) {
    const body = table.tBodies[0];
    for (const s of F.topFunctions(tree, 50)) {
      const tr = el('tr');
      tr.appendChild(el('td', 'num', F.percent(s.self, tree.totalSamples)));
      tr.appendChild(el('td', 'num', F.percent(s.total, tree.totalSamples)));
      tr.appendChild(el('td', 'num', String(s.self)));
      tr.appendChild(el('td', 'num', String(s.total)));
      tr.appendChild(el('td', '', s.name));
      tr.appendChild(el('td', 'loc', s.file));
      body.appendChild(tr);
    }
  }

  // The canvas view is shared with the workbench's live page (resources/live/live.js).
  window.WpmFlameView = FlameView;

  function main() {
    const embedded = document.getElementById('wpm-profile');
    if (!embedded) return; // the live page: data arrives through the web channel
    const data = JSON.parse(embedded.textContent);
    const tree = F.buildTree(data);
    const view = new FlameView(tree, document.getElementById('flame'));
    const search = document.getElementById('flame-search');
    const status = document.getElementById('flame-status');
    search.addEventListener('input', () => {
      const m = view.setQuery(search.value);
      status.textContent = search.value ? text('matches', m.nodes.size, F.percent(m.samples, tree.totalSamples)) : '';
    });
    document.getElementById('flame-reset').addEventListener('click', () => {
      search.value = '';
      status.textContent = '';
      view.setQuery('');
      view.zoom(0);
    });
    view.render();

    const topDown = document.getElementById('topdown');
    const fold = document.getElementById('fold-libraries');
    const fillTopDown = () => {
      topDown.replaceChildren();
      byTotal(tree, tree.nodes[0].children).forEach((id) => topDown.appendChild(topDownItem(tree, id, fold.checked)));
      openFirst(topDown, 3);
    };
    fold.addEventListener('change', fillTopDown);
    fillTopDown();
    const inverted = F.bottomUp(tree);
    const bottomUp = document.getElementById('bottomup');
    inverted.children.forEach((n) => bottomUp.appendChild(bottomUpItem(inverted.samples, n)));
    fillTopFunctions(tree, document.getElementById('topfunctions'));
    window.wpmReport = { tree: tree, view: view }; // for the workbench's viewer and tests
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', main);
  else main();
})();
