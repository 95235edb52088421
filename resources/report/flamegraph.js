// flamegraph.js: the profile model, flame-graph layout, colours and aggregations shared by the HTML
// reports and the workbench's live view. Pure functions only (no DOM), so node's test runner covers
// them (tests/js/). layout() and frameColour() reproduce profiler/profile/FlameLayout.{h,cpp} exactly.
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory();
  else root.WpmFlame = factory();
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  const ROOT_COLOUR = 0xffc8c8c8; // kRootColour
  const encoder = new TextEncoder();

  // 32-bit FNV-1a over the UTF-8 bytes of `text` (fnv1a32 in FlameLayout.h).
  function fnv1a32(text) {
    let h = 0x811c9dc5;
    for (const b of encoder.encode(text)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
    return h;
  }

  // 0xAARRGGBB of a frame: kind 0 native (warm), 1 Python (green/blue). Same as frameColour() in C++.
  function frameColour(name, kind) {
    const h = fnv1a32(name);
    const b0 = h & 0xff, b1 = (h >>> 8) & 0xff, b2 = (h >>> 16) & 0xff;
    let r, g, b;
    if (kind === 1) {
      r = 40 + Math.floor(b0 * 80 / 255); g = 170 + Math.floor(b1 * 70 / 255); b = 140 + Math.floor(b2 * 100 / 255);
    } else {
      r = 205 + Math.floor(b2 * 50 / 255); g = Math.floor(b0 * 230 / 255); b = Math.floor(b1 * 55 / 255);
    }
    return (0xff000000 | (r << 16) | (g << 8) | b) >>> 0;
  }

  function cssColour(rgb) {
    return '#' + (rgb & 0xffffff).toString(16).padStart(6, '0');
  }

  // The embedded "wpm-profile" JSON (profiler/report/ProfileJson.h) as a tree of plain objects.
  function buildTree(data) {
    const frames = data.frames.map(function (f) {
      return { name: f[0], file: f[1], line: f[2], module: f[3], kind: f[4] };
    });
    const flat = data.nodes, nodes = [];
    for (let i = 0; i + 3 < flat.length; i += 4) {
      const parent = flat[i + 1];
      const node = { id: nodes.length, frame: flat[i], parent: parent, self: flat[i + 2], total: flat[i + 3],
                     children: [], depth: parent < 0 ? 0 : nodes[parent].depth + 1 };
      if (parent >= 0) nodes[parent].children.push(node.id);
      nodes.push(node);
    }
    return { frames: frames, nodes: nodes, meta: data.meta || {}, totalSamples: nodes.length ? nodes[0].total : 0 };
  }

  function nodeName(tree, id) {
    const node = tree.nodes[id];
    return node.frame < 0 ? 'all' : tree.frames[node.frame].name;
  }

  function nodeColour(tree, id) {
    const node = tree.nodes[id];
    if (node.frame < 0) return ROOT_COLOUR;
    const frame = tree.frames[node.frame];
    return frameColour(frame.name, frame.kind);
  }

  // Rectangles {node, depth, x, width, colour} ordered by (depth, x). With focus 0 (the root) this is
  // layoutFlameGraph(): root spanning `width` at depth 0, children left to right from the parent's left
  // edge in tree order, dropped (with their subtree) when narrower than minWidth, positions from integer
  // sample offsets. Zoomed (focus > 0): the focus spans `width`, its ancestors too (marked `ancestor`).
  function layout(tree, width, minWidth, focus) {
    focus = focus || 0;
    const rects = [];
    const top = tree.nodes[focus];
    if (!top || !top.total || !(width > 0) || width < minWidth) return rects;
    const scale = width / top.total;
    const chain = [];
    for (let n = top.parent; n >= 0; n = tree.nodes[n].parent) chain.unshift(n);
    chain.forEach(function (id, depth) {
      rects.push({ node: id, depth: depth, x: 0, width: width, colour: nodeColour(tree, id), ancestor: true });
    });
    const first = rects.length;
    rects.push({ node: focus, depth: chain.length, x: 0, width: width, colour: nodeColour(tree, focus) });
    const offsets = [0]; // left edges in samples, for rects[first...]
    for (let i = first; i < rects.length; ++i) {
      const parent = rects[i];
      let offset = offsets[i - first];
      for (const child of tree.nodes[parent.node].children) {
        const total = tree.nodes[child].total;
        const childWidth = total * scale;
        if (childWidth >= minWidth) {
          rects.push({ node: child, depth: parent.depth + 1, x: offset * scale, width: childWidth,
                       colour: nodeColour(tree, child) });
          offsets.push(offset);
        }
        offset += total; // dropped siblings still take their space
      }
    }
    return rects;
  }

  // Nodes whose function name contains `query` (case-insensitive), and the samples they cover, each
  // sample counted once even when matching frames nest (recursion).
  function search(tree, query) {
    const matched = new Set();
    let samples = 0;
    const needle = String(query || '').toLowerCase();
    if (!needle) return { nodes: matched, samples: 0 };
    const stack = [[0, false]];
    while (stack.length) {
      const [id, covered] = stack.pop();
      const node = tree.nodes[id];
      const hit = node.frame >= 0 && tree.frames[node.frame].name.toLowerCase().includes(needle);
      if (hit) {
        matched.add(id);
        if (!covered) samples += node.total;
      }
      for (const child of node.children) stack.push([child, covered || hit]);
    }
    return { nodes: matched, samples: samples };
  }

  function functionKey(frame) {
    return frame.name + '\u0000' + frame.file;
  }

  // Per function (name + file): self and total samples, recursion counted once; sorted like the C++
  // topFunctions() (self, then total descending, then name).
  function topFunctions(tree, limit) {
    const stats = new Map();
    const onPath = new Map();
    const stack = [[0, false]];
    while (stack.length) {
      const [id, leaving] = stack.pop();
      const node = tree.nodes[id];
      const frame = node.frame >= 0 ? tree.frames[node.frame] : null;
      const key = frame ? functionKey(frame) : null;
      if (leaving) {
        onPath.set(key, onPath.get(key) - 1);
        continue;
      }
      if (frame) {
        let stat = stats.get(key);
        if (!stat) stats.set(key, stat = { name: frame.name, file: frame.file, kind: frame.kind, self: 0, total: 0 });
        stat.self += node.self;
        if (!onPath.get(key)) stat.total += node.total;
        onPath.set(key, (onPath.get(key) || 0) + 1);
        stack.push([id, true]);
      }
      for (const child of node.children) stack.push([child, false]);
    }
    const list = Array.from(stats.values()).filter(function (s) { return s.total > 0; });
    list.sort(function (a, b) {
      return b.self - a.self || b.total - a.total || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    });
    return limit >= 0 ? list.slice(0, limit) : list;
  }

  // The inverted tree: top level the functions where samples were taken (by self samples), below
  // each its callers, recursively. Nodes {name, file, kind, samples, children: [...]}, biggest first.
  function bottomUp(tree) {
    const root = { name: 'all', file: '', kind: 0, samples: 0, children: new Map() };
    for (const node of tree.nodes) {
      if (!node.self || node.frame < 0) continue;
      root.samples += node.self;
      let level = root;
      for (let id = node.id; id > 0; id = tree.nodes[id].parent) {
        const frame = tree.frames[tree.nodes[id].frame];
        const key = functionKey(frame);
        let next = level.children.get(key);
        if (!next) level.children.set(key, next = { name: frame.name, file: frame.file, kind: frame.kind,
                                                    samples: 0, children: new Map() });
        next.samples += node.self;
        level = next;
      }
    }
    const finish = function (n) {
      n.children = Array.from(n.children.values()).sort(function (a, b) { return b.samples - a.samples; });
      n.children.forEach(finish);
      return n;
    };
    return finish(root);
  }

  // Library code, which the top-down tree folds as pyinstrument does: Python files under site-packages,
  // dist-packages or the standard library, and native frames from system libraries.
  const LIBRARY_PATH = /\/(site|dist)-packages\/|\/lib\/python\d[\d.]*\/|^<frozen |^\/(usr\/)?lib(32|64)?\//;
  function isLibraryFrame(frame) {
    return !!frame && LIBRARY_PATH.test(frame.kind === 1 ? frame.file : frame.module || frame.file);
  }

  // The library nodes from `id` down that the top-down tree shows as one "N library frames" row: the
  // chain goes on while a node has exactly one child and that child is library code too. Empty when
  // `id` is not library code.
  function libraryChain(tree, id) {
    const chain = [];
    for (let n = id; n >= 0 && tree.nodes[n].frame >= 0 && isLibraryFrame(tree.frames[tree.nodes[n].frame]);) {
      chain.push(n);
      const children = tree.nodes[n].children;
      n = children.length === 1 ? children[0] : -1;
    }
    return chain;
  }

  function percent(part, whole) {
    return (whole ? (100 * part / whole) : 0).toFixed(1) + '%';
  }

  // "file:line", or the module, or '' (as the Markdown report writes it).
  function location(frame) {
    if (!frame) return '';
    if (frame.file) return frame.line > 0 ? frame.file + ':' + frame.line : frame.file;
    return frame.module ? frame.module.replace(/^.*\//, '') : '';
  }

  return { ROOT_COLOUR, fnv1a32, frameColour, cssColour, buildTree, nodeName, nodeColour, layout, search,
           topFunctions, bottomUp, isLibraryFrame, libraryChain, percent, location };
});
