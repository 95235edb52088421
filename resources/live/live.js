// live.js: the workbench's live flame graph. The same renderer as the HTML reports (flamegraph.js for
// the model and layout, WpmFlameView from report.js for the canvas); profiles arrive as wpm-profile
// JSON through the web channel object "flame" a few times a second. Zoom and search survive refreshes:
// the zoomed node is found again by its path of names in the new tree.
(function () {
  'use strict';
  const F = window.WpmFlame;
  const text = window.wpmText;
  const search = document.getElementById('flame-search');
  const status = document.getElementById('flame-status');
  const live = { updates: 0, totalSamples: 0, nodes: 0 }; // read by the workbench's tests
  window.wpmLive = live;
  let view = null;

  function namePath(tree, id) {
    const names = [];
    for (let n = id; n > 0; n = tree.nodes[n].parent) names.unshift(F.nodeName(tree, n));
    return names;
  }

  function findPath(tree, names) {
    let id = 0;
    for (const name of names) {
      const next = tree.nodes[id].children.find((k) => F.nodeName(tree, k) === name);
      if (next === undefined) return id;
      id = next;
    }
    return id;
  }

  function describe(tree) {
    if (!tree.totalSamples) return text('waiting');
    const samples = text('samples', tree.totalSamples);
    if (!search.value) return samples;
    return text('liveMatches', samples, search.value, view.matches.nodes.size,
      F.percent(view.matches.samples, tree.totalSamples));
  }

  function show(json) {
    const tree = F.buildTree(JSON.parse(json));
    if (!view) {
      view = new window.WpmFlameView(tree, document.getElementById('flame'));
      live.view = view;
    } else {
      const focus = namePath(view.tree, view.focus);
      view.tree = tree;
      view.focus = findPath(tree, focus);
    }
    view.matches = F.search(tree, search.value);
    view.render();
    live.updates += 1;
    live.totalSamples = tree.totalSamples;
    live.nodes = tree.nodes.length;
    status.textContent = describe(tree);
  }

  search.addEventListener('input', () => {
    if (!view) return;
    view.setQuery(search.value);
    status.textContent = describe(view.tree);
  });
  document.getElementById('flame-reset').addEventListener('click', () => {
    search.value = '';
    if (!view) return;
    view.setQuery('');
    view.zoom(0);
    status.textContent = describe(view.tree);
  });

  new QWebChannel(qt.webChannelTransport, (channel) => {
    const flame = channel.objects.flame;
    // The page's own words, in the workbench's language.
    window.wpmSetTexts(JSON.parse(flame.texts));
    search.placeholder = text('searchFunctions');
    search.setAttribute('aria-label', text('searchFunctions'));
    document.getElementById('flame-reset').textContent = text('resetZoom');
    if (!view) status.textContent = text('waiting');
    flame.profileChanged.connect(show);
    if (flame.profile) show(flame.profile);
    live.connected = true;
  });
})();
