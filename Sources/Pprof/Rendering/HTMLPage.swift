/// The page around the report's JSON: its style and its script, inline, so the file works alone (from
/// `file://`, attached to a pull request, offline). The script only draws the data: it reads the JSON, puts
/// text into the document with `textContent` (never markup), and lays out the flame graph.
package enum HTMLPage {
    package static let head = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <title>pprof-list</title>
        <style>
        \(style)
        </style>
        </head>
        <body>
        <a class="skip" href="#hot">Skip to the hot lines</a>
        <main id="app"><noscript>This page draws the report with JavaScript; the text report is what `pprof-list` prints without -html.</noscript></main>
        <script type="application/json" id="report-data">
        """

    package static let tail = """

        </script>
        <script>
        \(script)
        </script>
        </body>
        </html>

        """

    package static let style = #"""
        :root { --bg: #ffffff; --fg: #1d1d1f; --muted: #5f6368; --border: #d9dce1; --panel: #f5f6f8; --accent: #0b57d0;
          --verdict: #7a1fa2; --verdict-bg: #f6effa; --note: #8a4b00; --up: #b3261e; --up-bg: #fbe9e7; --down: #1b6e20;
          --down-bg: #e6f4e7; --heat: 230, 81, 0; --match: #6a1b9a; --focus: #0b57d0; }
        @media (prefers-color-scheme: dark) {
          :root { --bg: #16181c; --fg: #e6e6e6; --muted: #a0a6ad; --border: #3a3f46; --panel: #1f2228; --accent: #8ab4f8;
            --verdict: #e1b3ff; --verdict-bg: #2a2135; --note: #ffcc80; --up: #ff8a80; --up-bg: #3b1f1f; --down: #8fd694;
            --down-bg: #1d3320; --heat: 255, 138, 61; --match: #ce93d8; --focus: #8ab4f8; }
        }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--bg); color: var(--fg); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; }
        main { padding: 1rem 1.5rem 3rem; max-width: 100%; }
        h1 { font-size: 1.3rem; margin: 0 0 .4rem; }
        h2 { font-size: 1.1rem; margin: 2rem 0 .6rem; border-bottom: 1px solid var(--border); padding-bottom: .2rem; }
        h3 { font: 600 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; margin: 1.2rem 0 .2rem; overflow-wrap: anywhere; }
        code, pre, .mono, td.src, td.num, td.val { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
        a { color: var(--accent); }
        :focus-visible { outline: 2px solid var(--focus); outline-offset: 1px; }
        .skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: .5rem; background: var(--bg); padding: .3rem; z-index: 9; }
        .header { color: var(--muted); margin: 0; white-space: pre-wrap; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
        nav { margin: .6rem 0; display: flex; gap: 1rem; flex-wrap: wrap; }
        table { border-collapse: collapse; }
        table.hot { width: 100%; }
        table.hot th { text-align: left; color: var(--muted); font-weight: 600; border-bottom: 1px solid var(--border); padding: .3rem .5rem; }
        table.hot td { padding: .3rem .5rem; border-bottom: 1px solid var(--border); vertical-align: top; }
        table.hot tr.line:hover { background: var(--panel); }
        td.val { text-align: right; white-space: nowrap; }
        td.fn { overflow-wrap: anywhere; min-width: 14rem; }
        td.place { white-space: nowrap; }
        td.verdict div { display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; }
        td.verdict { color: var(--verdict); }
        td.verdict.noted { color: var(--note); }
        tr.detail > td { background: var(--panel); padding: .5rem .8rem .8rem 2.6rem; }
        button { font: inherit; color: inherit; background: var(--panel); border: 1px solid var(--border); border-radius: 4px; padding: .15rem .5rem; cursor: pointer; }
        button.toggle { width: 1.8rem; padding: 0; }
        .source { margin: 0 0 .4rem; white-space: pre-wrap; }
        .verdict-block { margin: .3rem 0; padding: .3rem .6rem; border-left: 3px solid var(--verdict); background: var(--verdict-bg); }
        .verdict-block .msg { color: var(--verdict); font-weight: 600; }
        .verdict-block .at { color: var(--muted); margin-left: .5rem; }
        .verdict-block ul { margin: .2rem 0 0; padding-left: 1.2rem; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
        .verdict-block details { margin-top: .2rem; font-size: 12.5px; }
        .note { color: var(--note); margin: .2rem 0; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
        .label { color: var(--muted); font-size: 12px; margin: .4rem 0 .1rem; }
        td.change.up { color: var(--up); background: var(--up-bg); } td.change.down { color: var(--down); background: var(--down-bg); }
        .routine-head { color: var(--muted); font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; margin: 0 0 .3rem; }
        table.listing { width: 100%; }
        table.listing td { padding: 0 .4rem; white-space: pre; }
        table.listing td.val { color: var(--muted); }
        table.listing tr.sampled td.val { color: var(--fg); }
        table.listing td.heat { padding: 0 .3rem; }
        table.listing td.heat div { width: 4rem; }
        table.listing td.heat span { display: block; height: 1.1em; background: rgb(var(--heat)); }
        table.listing td.num { text-align: right; color: var(--muted); }
        table.listing td.src { white-space: pre-wrap; overflow-wrap: anywhere; width: 100%; }
        table.listing tr.hot-target td { outline: 2px solid var(--accent); outline-offset: -2px; }
        table.listing tr.verdicts td { white-space: normal; padding: 0 .4rem .3rem 12rem; }
        .error { color: var(--up); }
        .flame-controls { display: flex; gap: .6rem; align-items: center; flex-wrap: wrap; margin-bottom: .4rem; }
        .flame-controls input { font: inherit; color: inherit; background: var(--bg); border: 1px solid var(--border); border-radius: 4px; padding: .2rem .4rem; min-width: 16rem; }
        #flame-status { min-height: 1.4em; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; overflow-wrap: anywhere; }
        #flame { position: relative; width: 100%; overflow: hidden; border: 1px solid var(--border); border-radius: 4px; }
        .frame { position: absolute; height: 17px; padding: 0 3px; font: 11.5px/17px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
          white-space: nowrap; overflow: hidden; text-overflow: ellipsis; color: #1d1d1f; border-right: 1px solid var(--bg); border-bottom: 1px solid var(--bg); cursor: pointer; }
        .frame.ancestor { opacity: .6; }
        .frame.match { background: var(--match) !important; color: #fff; }
        .frame:focus { outline: 2px solid var(--focus); outline-offset: -2px; z-index: 2; }
        .hint { color: var(--muted); font-size: 12.5px; }
        """#

    package static let script = #"""
        (function () {
          'use strict';
          var data = JSON.parse(document.getElementById('report-data').textContent);
          var app = document.getElementById('app');
          app.textContent = '';

          function el(tag, className, text) {
            var node = document.createElement(tag);
            if (className) node.className = className;
            if (text !== undefined && text !== null) node.textContent = String(text);
            return node;
          }
          function add(parent) {
            for (var i = 1; i < arguments.length; i++) if (arguments[i]) parent.appendChild(arguments[i]);
            return parent;
          }
          function base(path) { var slash = path.lastIndexOf('/'); return slash < 0 ? path : path.slice(slash + 1); }

          // Header.
          var diff = data.kind === 'diff';
          document.title = 'pprof-list: ' + data.type + (diff ? ' before and after' : '');
          add(app, el('h1', null, diff ? 'Hot lines before and after, by ' + data.type : 'Where the heap goes, and why'));
          var headerLines = diff
            ? ['Type: ' + data.type, 'Total: ' + data.totalBefore + ' before, ' + data.totalAfter + ' after (' + data.totalChange + ')']
            : data.header.concat(['Total: ' + data.total]);
          add(app, el('p', 'header', headerLines.join('\n')));
          var nav = add(el('nav'), link('#hot', diff ? 'Lines that changed' : 'Hot lines'));
          if (data.flame) add(nav, link('#flame-section', 'Flame graph'));
          if (data.routines.length) add(nav, link('#listings', 'Listings'));
          // Served (-http), the page can be drawn again for another sample type; from a file it cannot.
          if (location.protocol.indexOf('file') !== 0 && data.sampleTypes.length > 1) {
            var chooser = el('select'); chooser.id = 'sample-type';
            data.sampleTypes.forEach(function (type) {
              var option = el('option', null, type); option.value = type; option.selected = type === data.sampleType; add(chooser, option);
            });
            chooser.addEventListener('change', function () { location.search = '?sample_index=' + encodeURIComponent(chooser.value); });
            var choose = add(el('label', 'hint'), document.createTextNode('Sample type '), chooser);
            add(nav, choose);
          }
          add(app, nav);
          function link(href, text) { var a = el('a', null, text); a.href = href; return a; }

          function verdictBlock(verdict) {
            var block = el('div', 'verdict-block');
            var head = add(el('div'), el('span', 'msg', 'escape: ' + verdict.message), el('span', 'at', '[' + verdict.at + ']'));
            add(block, head);
            if (verdict.ambiguous.length) add(block, el('div', 'note', '(ambiguous: the profile file matches ' + verdict.ambiguous.join(', ') + ')'));
            if (verdict.steps.length) {
              var list = el('ul');
              verdict.steps.forEach(function (step) { add(list, el('li', null, step)); });
              add(block, list);
            }
            if (verdict.flow) {
              var details = add(el('details'), el('summary', null, 'full flow'));
              var flow = el('ul');
              verdict.flow.forEach(function (step) { add(flow, el('li', null, step)); });
              add(block, add(details, flow));
            }
            return block;
          }
          function verdictBlocks(parent, verdicts) { verdicts.forEach(function (v) { add(parent, verdictBlock(v)); }); }

          // Where each hot line is in the listings, to link to it.
          var listingIDs = {};
          data.routines.forEach(function (routine, r) {
            routine.lines.forEach(function (line) { listingIDs[routine.function + '\u0000' + line[0]] = 'L' + r + '-' + line[0]; });
          });

          // The hot lines.
          var hot = el('section'); hot.id = 'hot';
          add(hot, el('h2', null, diff ? 'Lines whose ' + data.type + ' changed most' : 'Hottest lines by ' + data.type + (data.hasLogs ? ' in the code the escape logs cover' : '')));
          if (!data.lines.length) add(hot, el('p', null, diff ? 'No line changed.' : 'No ' + data.type + ' in this profile: nothing allocated while it was recorded.'));
          else {
            var controls = el('p', 'hint');
            var expandAll = el('button', null, 'Expand all');
            add(controls, expandAll, document.createTextNode(' Enter or Space on a row\u2019s \u25b8 button shows its escape flow and where its bytes were allocated.'));
            add(hot, controls);
            var table = el('table', 'hot');
            var headRow = el('tr');
            var columns = diff ? ['', '#', 'before', 'after', 'change', 'function', 'file:line', 'escape verdict'] : ['', '#', 'flat', '%', 'cum', 'function', 'file:line', data.hasLogs ? 'escape verdict' : 'where the bytes come from'];
            columns.forEach(function (c) { var th = el('th', null, c); th.scope = 'col'; add(headRow, th); });
            add(table, add(el('thead'), headRow));
            var body = el('tbody');
            var toggles = [];
            data.lines.forEach(function (line, i) {
              var row = el('tr', 'line');
              var toggle = el('button', 'toggle', '\u25b8');
              toggle.setAttribute('aria-expanded', 'false');
              toggle.setAttribute('aria-controls', 'detail' + i);
              toggle.setAttribute('aria-label', 'Details of line ' + (i + 1));
              toggles.push(toggle);
              add(row, add(el('td'), toggle), el('td', 'val', (i + 1) + '.'));
              if (diff) {
                add(row, el('td', 'val', line.before), el('td', 'val', line.after),
                  el('td', 'val change ' + (line.sign > 0 ? 'up' : line.sign < 0 ? 'down' : ''), line.change + (line.changeShare ? ' (' + line.changeShare + ')' : '')));
              } else {
                add(row, el('td', 'val', line.value), el('td', 'val', line.share), el('td', 'val', line.cum));
              }
              add(row, el('td', 'fn mono', line.function));
              var where = el('td', 'mono place');
              var target = listingIDs[line.function + '\u0000' + line.line];
              var place = base(line.file) + ':' + line.line;
              if (target) add(where, link('#' + target, place)); else where.textContent = place;
              where.title = line.file + ':' + line.line;
              add(row, where);
              // The verdicts, else why the bytes are on the heap or where they were allocated; the whole story is
              // in the row's details.
              var reasons = line.notes.filter(function (note) { return note.indexOf('inlined into:') !== 0; });
              var summary = line.verdicts.length ? line.verdicts.map(function (v) { return v.message; }).join('; ')
                : (reasons.length ? reasons[0] : (diff ? '' : '\u2014'));
              if (diff && data.hasBaseLogs) {
                var messages = function (verdicts) { return verdicts.length ? verdicts.map(function (v) { return v.message; }).join('; ') : 'no verdict'; };
                if (line.verdictChange === 'changed') summary = 'changed: ' + messages(line.baseVerdicts) + ' \u2192 ' + messages(line.verdicts);
                else if (line.verdictChange === 'unchanged') summary = 'unchanged: ' + summary;
              }
              add(row, add(el('td', 'verdict' + (line.verdicts.length ? '' : ' noted')), el('div', null, summary)));
              add(body, row);

              var detail = el('tr', 'detail'); detail.id = 'detail' + i; detail.hidden = true;
              var cell = el('td'); cell.colSpan = columns.length;
              add(cell, el('div', 'mono', line.file + ':' + line.line));
              if (line.source !== null) add(cell, el('pre', 'source', padLeft(String(line.line), 6) + ':' + line.source));
              if (diff && data.hasBaseLogs && line.verdictChange === 'changed') {
                add(cell, el('div', 'label', line.baseVerdicts.length ? 'before:' : 'before: no escape verdict on this line'));
                verdictBlocks(cell, line.baseVerdicts);
                add(cell, el('div', 'label', line.verdicts.length ? 'after:' : 'after: no escape verdict on this line'));
                verdictBlocks(cell, line.verdicts);
              } else {
                if (diff && data.hasBaseLogs) add(cell, el('div', 'label', 'escape verdicts ' + line.verdictChange + (line.verdicts.length ? ':' : '')));
                verdictBlocks(cell, line.verdicts);
              }
              line.notes.forEach(function (note) { add(cell, el('div', 'note', note)); });
              add(body, add(detail, cell));
              function flip() {
                var open = toggle.getAttribute('aria-expanded') !== 'true';
                toggle.setAttribute('aria-expanded', String(open));
                toggle.textContent = open ? '\u25be' : '\u25b8';
                detail.hidden = !open;
              }
              toggle.addEventListener('click', function (event) { event.stopPropagation(); flip(); });
              row.addEventListener('click', function (event) { if (event.target.tagName !== 'A') flip(); });
            });
            add(table, body);
            add(hot, table);
            // The first lines with verdicts open, so their flows read without a click.
            var opened = 0;
            data.lines.forEach(function (line, i) {
              if ((line.verdicts.length || line.verdictChange === 'changed') && opened < 3) { toggles[i].click(); opened++; }
            });
            expandAll.addEventListener('click', function () {
              var open = expandAll.textContent === 'Expand all';
              toggles.forEach(function (t) { if ((t.getAttribute('aria-expanded') === 'true') !== open) t.click(); });
              expandAll.textContent = open ? 'Collapse all' : 'Expand all';
            });
          }
          add(app, hot);
          function padLeft(text, width) { while (text.length < width) text = ' ' + text; return text; }

          // The flame graph, before the listings, which can be long.
          if (data.flame) drawFlame(data.flame);

          // The ROUTINE listings, a heat column and the verdicts under their lines.
          if (data.routines.length) {
            var listings = el('section'); listings.id = 'listings';
            add(listings, el('h2', null, 'Listings'));
            data.routines.forEach(function (routine, r) {
              add(listings, el('h3', null, 'ROUTINE ======================== ' + routine.function + ' in ' + routine.file));
              add(listings, el('p', 'routine-head', routine.flat + ' ' + routine.cum + ' (flat, cum) ' + routine.share + ' of Total'));
              if (routine.error !== null) { add(listings, el('p', 'error', 'Error: ' + routine.error)); return; }
              var most = 1;
              routine.lines.forEach(function (line) { most = Math.max(most, Math.abs(line[4])); });
              var table = el('table', 'listing');
              routine.lines.forEach(function (line) {
                var row = el('tr', line[4] !== 0 || line[2] !== '.' ? 'sampled' : null);
                row.id = 'L' + r + '-' + line[0];
                var heat = el('td', 'heat');
                var heatBox = add(heat, el('div'));
                if (line[4] !== 0) {
                  var bar = el('span');
                  var share = Math.abs(line[4]) / most;
                  bar.style.width = Math.max(4, Math.round(share * 100)) + '%';
                  bar.style.opacity = String(0.35 + 0.65 * share);
                  bar.title = line[3];
                  add(heatBox, bar);
                }
                add(row, el('td', 'val', line[2]), el('td', 'val', line[3]), heat, el('td', 'num', line[0] + ':'), el('td', 'src', line[1]));
                add(table, row);
                if (line[5]) {
                  var under = el('tr', 'verdicts');
                  var cell = el('td'); cell.colSpan = 5;
                  verdictBlocks(cell, line[5]);
                  add(table, add(under, cell));
                }
              });
              add(listings, table);
            });
            add(app, listings);
          }

          // The flame graph: an icicle, root on top, a frame as wide as its value.
          function drawFlame(flame) {
            var section = el('section'); section.id = 'flame-section';
            add(section, el('h2', null, 'Flame graph' + (flame.hasBase ? ' (width: the larger of before and after; red grew, green shrank)' : '')));
            var controls = el('div', 'flame-controls');
            var search = el('input'); search.type = 'search'; search.placeholder = 'Search functions (regexp)'; search.id = 'flame-search';
            search.setAttribute('aria-label', 'Search functions in the flame graph');
            var reset = el('button', null, 'Reset zoom');
            var matched = el('span', 'hint');
            add(controls, search, reset, matched);
            add(section, controls);
            add(section, el('p', 'hint', 'Click a frame or press Enter on it to zoom; arrow keys move between frames; Escape resets.' +
              (flame.dropped ? ' Paths under the node fraction were left out (' + flame.dropped + ').' : '')));
            var status = el('div'); status.id = 'flame-status'; status.setAttribute('aria-live', 'polite');
            add(section, status);
            var box = el('div'); box.id = 'flame'; box.setAttribute('role', 'group'); box.setAttribute('aria-label', 'Flame graph');
            add(section, box);
            add(app, section);

            var count = flame.nodes.length / 4;
            var names = [], parents = [], values = [], bases = [], sizes = [], children = [], depth = [];
            for (var i = 0; i < count; i++) {
              names.push(flame.names[flame.nodes[4 * i]]);
              parents.push(flame.nodes[4 * i + 1]);
              values.push(flame.nodes[4 * i + 2]);
              bases.push(flame.nodes[4 * i + 3]);
              sizes.push(flame.hasBase ? Math.max(Math.abs(values[i]), Math.abs(bases[i])) : Math.abs(values[i]));
              children.push([]);
              depth.push(parents[i] < 0 ? 0 : depth[parents[i]] + 1);
              if (parents[i] >= 0) children[parents[i]].push(i);
            }
            var zoom = 0, selected = 0, pattern = null;
            var frameOf = {};

            function hue(name) {
              var h = 0;
              for (var i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) >>> 0;
              return h;
            }
            function colour(i) {
              if (flame.hasBase) {
                var change = values[i] - bases[i];
                var strength = sizes[i] ? Math.min(1, Math.abs(change) / sizes[i]) : 0;
                if (change > 0) return 'hsl(4, ' + Math.round(40 + 50 * strength) + '%, ' + Math.round(85 - 25 * strength) + '%)';
                if (change < 0) return 'hsl(130, ' + Math.round(35 + 40 * strength) + '%, ' + Math.round(85 - 25 * strength) + '%)';
                return 'hsl(220, 10%, 82%)';
              }
              var h = hue(names[i]);
              return 'hsl(' + (10 + h % 40) + ', ' + (70 + h % 20) + '%, ' + (62 + (h >> 8) % 14) + '%)';
            }
            function describe(i) {
              var path = [];
              for (var n = i; n >= 0; n = parents[n]) path.unshift(names[n]);
              return names[i] + '  ' + flame.labels[i] + (depth[i] > 1 ? '   (' + path.slice(1, -1).slice(-3).join(' \u2192 ') + ' \u2192)' : '');
            }
            function show(i) { status.textContent = describe(i); }

            function render() {
              box.textContent = '';
              frameOf = {};
              var width = box.clientWidth || 1200;
              var rowHeight = 18, deepest = 0;
              var matches = 0;
              function frame(i, x, w, ancestor) {
                var div = el('div', 'frame' + (ancestor ? ' ancestor' : ''), names[i]);
                div.style.left = x + 'px';
                div.style.top = depth[i] * rowHeight + 'px';
                div.style.width = Math.max(w - 1, 1) + 'px';
                div.style.background = colour(i);
                div.title = names[i] + '\n' + flame.labels[i];
                div.setAttribute('data-node', String(i));
                div.setAttribute('data-name', names[i]);
                div.tabIndex = i === selected ? 0 : -1;
                div.setAttribute('aria-label', names[i] + ', ' + flame.labels[i]);
                if (pattern && pattern.test(names[i])) div.className += ' match';
                frameOf[i] = div;
                box.appendChild(div);
                deepest = Math.max(deepest, depth[i]);
              }
              var above = [];
              for (var a = parents[zoom]; a >= 0; a = parents[a]) above.unshift(a);
              above.forEach(function (a) { frame(a, 0, width, true); });
              var scale = sizes[zoom] ? width / sizes[zoom] : 0;
              (function layout(i, x, counted) {
                var w = sizes[i] * scale;
                if (w < 2) return;
                frame(i, x, w, false);
                var offset = x;
                children[i].forEach(function (c) { layout(c, offset); offset += sizes[c] * scale; });
              })(zoom, 0);
              // What the search matches in the whole graph, each match counted once with its callees (nodes are
              // in pre-order: a parent's verdict is known before its children's).
              if (pattern) {
                var inside = [];
                for (var n = 0; n < count; n++) {
                  var hit = pattern.test(names[n]);
                  var above = parents[n] >= 0 && inside[parents[n]];
                  if (hit && !above) matches += sizes[n];
                  inside.push(hit || above);
                }
              }
              box.style.height = (deepest + 1) * rowHeight + 2 + 'px';
              matched.textContent = pattern ? 'Matched: ' + (sizes[0] ? (100 * matches / sizes[0]).toFixed(1) : '0') + '% of the total' : '';
              if (!frameOf[selected]) selected = zoom;
              if (frameOf[selected]) frameOf[selected].tabIndex = 0;
            }
            function select(i, focus) {
              if (!frameOf[i]) return;
              if (frameOf[selected]) frameOf[selected].tabIndex = -1;
              selected = i;
              frameOf[i].tabIndex = 0;
              if (focus) frameOf[i].focus();
              show(i);
            }
            function zoomTo(i) { zoom = i; selected = i; render(); select(i, true); }
            box.addEventListener('click', function (event) {
              var node = event.target.getAttribute && event.target.getAttribute('data-node');
              if (node !== null && node !== undefined) zoomTo(Number(node));
            });
            box.addEventListener('mouseover', function (event) {
              var node = event.target.getAttribute && event.target.getAttribute('data-node');
              if (node) show(Number(node));
            });
            box.addEventListener('focusin', function (event) {
              var node = event.target.getAttribute && event.target.getAttribute('data-node');
              if (node) { selected = Number(node); show(selected); }
            });
            box.addEventListener('keydown', function (event) {
              var next = -1;
              var siblings = parents[selected] >= 0 ? children[parents[selected]] : [selected];
              var at = siblings.indexOf(selected);
              switch (event.key) {
                case 'ArrowUp': next = parents[selected]; break;
                case 'ArrowDown': next = children[selected].filter(function (c) { return frameOf[c]; })[0]; break;
                case 'ArrowLeft': for (var l = at - 1; l >= 0; l--) if (frameOf[siblings[l]]) { next = siblings[l]; break; } break;
                case 'ArrowRight': for (var r = at + 1; r < siblings.length; r++) if (frameOf[siblings[r]]) { next = siblings[r]; break; } break;
                case 'Enter': case ' ': zoomTo(selected); event.preventDefault(); return;
                case 'Escape': zoomTo(0); event.preventDefault(); return;
                default: return;
              }
              event.preventDefault();
              if (next !== undefined && next >= 0) select(next, true);
            });
            reset.addEventListener('click', function () { zoomTo(0); });
            search.addEventListener('input', function () {
              try { pattern = search.value ? new RegExp(search.value) : null; search.setCustomValidity(''); }
              catch (e) { pattern = null; search.setCustomValidity('not a regular expression'); }
              render();
            });
            var resizeTimer = null;
            window.addEventListener('resize', function () { clearTimeout(resizeTimer); resizeTimer = setTimeout(render, 100); });
            render();
            show(0);
          }
        })();
        """#
}
