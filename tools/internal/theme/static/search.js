// Full-text search. The index (searchindex.js, written at build time) is
// a script that sets window.bookSearchIndex, so search works from file://
// where fetching JSON is not allowed. It is loaded when search opens.
(function () {
  "use strict";

  var wrapper = document.getElementById("search-wrapper");
  if (!wrapper) { return; }
  var rootPath = document.body.getAttribute("data-root") || "";
  var input = document.getElementById("searchbar");
  var outer = document.getElementById("searchresults-outer");
  var header = document.getElementById("searchresults-header");
  var list = document.getElementById("searchresults");
  var toggle = document.getElementById("search-toggle");
  var index = null;
  var requested = false;
  var wordRe = /[\p{L}\p{N}_]+/gu;

  function words(s) { return (s.toLowerCase().match(wordRe) || []); }

  function loadIndex() {
    if (requested) { return; }
    requested = true;
    var script = document.createElement("script");
    script.src = rootPath + "searchindex.js";
    script.onload = function () {
      var raw = window.bookSearchIndex;
      index = {
        opts: raw.opts,
        docs: raw.docs.map(function (d) {
          return { doc: d, title: words(d.t), crumbs: words(d.b), body: words(d.x) };
        })
      };
      search();
    };
    script.onerror = function () {
      outer.classList.remove("hidden");
      header.textContent = "The search index (searchindex.js) could not be loaded.";
    };
    document.head.appendChild(script);
  }

  function matches(word, term, expand) {
    return word === term || (expand && word.lastIndexOf(term, 0) === 0);
  }

  function count(list, term, expand) {
    var n = 0;
    for (var i = 0; i < list.length; i++) {
      if (list[i] === term) { n += 1; } else if (expand && list[i].lastIndexOf(term, 0) === 0) { n += 0.5; }
    }
    return n;
  }

  function score(entry, terms, o) {
    var total = 0;
    for (var i = 0; i < terms.length; i++) {
      var s = o.boostTitle * count(entry.title, terms[i], o.expand) +
        o.boostHierarchy * count(entry.crumbs, terms[i], o.expand) +
        o.boostParagraph * Math.min(count(entry.body, terms[i], o.expand), 10);
      if (s === 0 && o.useBooleanAnd) { return 0; }
      total += s;
    }
    return total;
  }

  function teaser(text, terms, o) {
    var tokens = text.split(/\s+/);
    var isHit = function (tok) {
      var ws = words(tok);
      for (var i = 0; i < ws.length; i++) {
        for (var j = 0; j < terms.length; j++) {
          if (matches(ws[i], terms[j], o.expand)) { return true; }
        }
      }
      return false;
    };
    var first = 0;
    for (var i = 0; i < tokens.length; i++) {
      if (isHit(tokens[i])) { first = i; break; }
    }
    var start = Math.max(0, first - Math.floor(o.teaserWordCount / 3));
    var end = Math.min(tokens.length, start + o.teaserWordCount);
    var span = document.createElement("span");
    span.className = "teaser";
    if (start > 0) { span.appendChild(document.createTextNode("… ")); }
    for (var k = start; k < end; k++) {
      if (isHit(tokens[k])) {
        var mark = document.createElement("mark");
        mark.textContent = tokens[k];
        span.appendChild(mark);
      } else {
        span.appendChild(document.createTextNode(tokens[k]));
      }
      span.appendChild(document.createTextNode(" "));
    }
    if (end < tokens.length) { span.appendChild(document.createTextNode("…")); }
    return span;
  }

  function resultURL(u, query) {
    var hash = "";
    var h = u.indexOf("#");
    if (h >= 0) { hash = u.slice(h); u = u.slice(0, h); }
    return rootPath + u + "?highlight=" + encodeURIComponent(query) + hash;
  }

  function search() {
    var query = input.value.trim();
    list.textContent = "";
    if (!index || query === "") {
      outer.classList.toggle("hidden", query === "");
      header.textContent = query === "" ? "" : "Loading the search index …";
      return;
    }
    var o = index.opts;
    var terms = words(query);
    var hits = [];
    for (var i = 0; i < index.docs.length; i++) {
      var s = terms.length ? score(index.docs[i], terms, o) : 0;
      if (s > 0) { hits.push({ s: s, i: i }); }
    }
    hits.sort(function (a, b) { return b.s - a.s || a.i - b.i; });
    var total = hits.length;
    hits = hits.slice(0, o.limitResults);
    outer.classList.remove("hidden");
    header.textContent = total === 0 ? "No search results for \u201c" + query + "\u201d." :
      total + (total === 1 ? " search result" : " search results") + " for \u201c" + query + "\u201d:";
    for (var j = 0; j < hits.length; j++) {
      var d = index.docs[hits[j].i].doc;
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = resultURL(d.u, query);
      a.textContent = d.b;
      li.appendChild(a);
      li.appendChild(teaser(d.x, terms, o));
      list.appendChild(li);
    }
  }

  function isOpen() { return !wrapper.classList.contains("hidden"); }
  function open() {
    wrapper.classList.remove("hidden");
    toggle.setAttribute("aria-expanded", "true");
    input.focus();
    input.select();
    loadIndex();
  }
  function close() {
    wrapper.classList.add("hidden");
    toggle.setAttribute("aria-expanded", "false");
    input.blur();
  }

  toggle.addEventListener("click", function () { if (isOpen()) { close(); } else { open(); } });
  input.addEventListener("input", search);

  // The key that opened the search must not also be typed into the box.
  // Browsers drop its character when keydown is cancelled, but synthesized
  // key sequences (automation, some virtual keyboards) still deliver it.
  var swallow = null;
  input.addEventListener("keypress", function (e) {
    if (swallow !== null && e.key === swallow) { e.preventDefault(); }
    swallow = null;
  });
  document.addEventListener("keyup", function () { swallow = null; });

  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) { return; }
    var t = e.target;
    var typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    if (e.key === "Escape" && isOpen()) {
      e.preventDefault();
      close();
      return;
    }
    if (!typing && (e.key === "/" || e.key === "s" || e.key === "S")) {
      e.preventDefault();
      swallow = e.key;
      open();
      return;
    }
    var links = list.querySelectorAll("a");
    if (!isOpen() || links.length === 0) { return; }
    var at = Array.prototype.indexOf.call(links, document.activeElement);
    if (e.key === "ArrowDown" && (t === input || at >= 0)) {
      e.preventDefault();
      links[Math.min(at + 1, links.length - 1)].focus();
    } else if (e.key === "ArrowUp" && at >= 0) {
      e.preventDefault();
      if (at === 0) { input.focus(); } else { links[at - 1].focus(); }
    }
  });

  // Mark the words searched for when arriving from a result.
  var highlight = new URLSearchParams(window.location.search).get("highlight");
  if (highlight) {
    var terms = words(highlight);
    var main = document.querySelector("main");
    if (terms.length && main) {
      var escaped = terms.map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
      var re = new RegExp("(" + escaped.join("|") + ")", "giu");
      var walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
      var nodes = [];
      while (walker.nextNode()) { nodes.push(walker.currentNode); }
      nodes.forEach(function (node) {
        var text = node.nodeValue;
        re.lastIndex = 0;
        if (!re.test(text)) { return; }
        var frag = document.createDocumentFragment();
        var last = 0;
        text.replace(re, function (m, _g, off) {
          frag.appendChild(document.createTextNode(text.slice(last, off)));
          var mark = document.createElement("mark");
          mark.className = "search-hit";
          mark.textContent = m;
          frag.appendChild(mark);
          last = off + m.length;
          return m;
        });
        frag.appendChild(document.createTextNode(text.slice(last)));
        node.parentNode.replaceChild(frag, node);
      });
    }
  }
})();
