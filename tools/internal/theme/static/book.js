// Page behaviour of the book: theme and sidebar toggles, previous/next
// chapter with the arrow keys, and a copy button on every code block.
(function () {
  "use strict";

  var root = document.documentElement;

  function load(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }
  function save(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* storage may be disabled */ }
  }

  // Theme: the class on <html> selects the colours; the head script has
  // already applied the saved or preferred theme.
  var themeButton = document.getElementById("theme-toggle");
  function showTheme() {
    var dark = root.classList.contains("dark");
    themeButton.setAttribute("aria-pressed", String(dark));
    themeButton.title = dark ? "Switch to the light theme" : "Switch to the dark theme";
  }
  themeButton.addEventListener("click", function () {
    var next = root.classList.contains("dark") ? "light" : "dark";
    root.classList.remove("light", "dark");
    root.classList.add(next);
    save("book-theme", next);
    showTheme();
  });
  showTheme();

  // Sidebar.
  var sidebarButton = document.getElementById("sidebar-toggle");
  var narrow = window.matchMedia ? window.matchMedia("(max-width: 1079px)") : { matches: false };
  function setSidebar(visible, remember) {
    root.classList.toggle("sidebar-visible", visible);
    root.classList.toggle("sidebar-hidden", !visible);
    sidebarButton.setAttribute("aria-expanded", String(visible));
    if (remember && !narrow.matches) { save("book-sidebar", visible ? "visible" : "hidden"); }
  }
  sidebarButton.addEventListener("click", function () {
    setSidebar(!root.classList.contains("sidebar-visible"), true);
  });
  sidebarButton.setAttribute("aria-expanded", String(root.classList.contains("sidebar-visible")));
  document.getElementById("page-wrapper").addEventListener("click", function (e) {
    if (narrow.matches && root.classList.contains("sidebar-visible") && !sidebarButton.contains(e.target)) {
      setSidebar(false, false);
    }
  });

  // Bring the current chapter into view in a long table of contents.
  var active = document.querySelector("#sidebar a.active");
  var scrollbox = document.querySelector("#sidebar .sidebar-scrollbox");
  if (active && scrollbox) {
    var top = active.offsetTop - scrollbox.clientHeight / 3;
    if (top > 0) { scrollbox.scrollTop = top; }
  }

  // Arrow keys go to the previous and next chapter.
  document.addEventListener("keydown", function (e) {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) { return; }
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(t.tagName))) { return; }
    var rtl = root.getAttribute("dir") === "rtl";
    var rel = null;
    if (e.key === "ArrowLeft") { rel = rtl ? "next" : "prev"; }
    if (e.key === "ArrowRight") { rel = rtl ? "prev" : "next"; }
    if (!rel) { return; }
    var link = document.querySelector('a[rel="' + rel + '"]');
    if (link) {
      e.preventDefault();
      window.location.href = link.href;
    }
  });

  // Pictures drawn inline (the timeline): each mark's <title> becomes
  // its accessible name and a tip shown on hover and on focus, and a row
  // of buttons (or a click on a lane's name) highlights a lane.
  var figures = document.querySelectorAll("main figure.svg-inline");
  for (var f = 0; f < figures.length; f++) { interactive(figures[f]); }

  function interactive(figure) {
    var svg = figure.querySelector("svg");
    if (!svg) { return; }
    var tip = document.createElement("div");
    tip.className = "timeline-tip";
    tip.hidden = true;
    tip.setAttribute("aria-hidden", "true");
    figure.appendChild(tip);
    var marks = svg.querySelectorAll(".span, .marker, .handoff");
    for (var i = 0; i < marks.length; i++) {
      var t = marks[i].querySelector("title");
      if (!t) { continue; }
      marks[i].setAttribute("data-tip", t.textContent);
      marks[i].setAttribute("aria-label", t.textContent);
      marks[i].removeChild(t); // the tip replaces the browser's own
    }
    var shown = null;
    function show(el) {
      if (shown) { shown.classList.remove("tip-on"); }
      shown = el;
      el.classList.add("tip-on");
      tip.textContent = el.getAttribute("data-tip");
      tip.hidden = false;
      var box = figure.getBoundingClientRect(), r = el.getBoundingClientRect();
      var x = r.left + r.width / 2 - box.left, y = r.bottom - box.top + 8;
      tip.style.left = Math.max(0, Math.min(x - tip.offsetWidth / 2, figure.clientWidth - tip.offsetWidth)) + "px";
      tip.style.top = y + "px";
    }
    function hide(el) {
      if (shown !== el) { return; }
      el.classList.remove("tip-on");
      shown = null;
      tip.hidden = true;
    }
    function markOf(e) {
      var el = e.target;
      while (el && el !== svg) {
        if (el.getAttribute && el.getAttribute("data-tip") !== null) { return el; }
        el = el.parentNode;
      }
      return null;
    }
    svg.addEventListener("mouseover", function (e) { var m = markOf(e); if (m) { show(m); } });
    svg.addEventListener("mouseout", function (e) { var m = markOf(e); if (m) { hide(m); } });
    svg.addEventListener("focusin", function (e) { var m = markOf(e); if (m) { show(m); } });
    svg.addEventListener("focusout", function (e) { var m = markOf(e); if (m) { hide(m); } });

    var lanes = svg.querySelectorAll(".lane[data-thread]");
    if (lanes.length === 0) { return; }
    var bar = document.createElement("div");
    bar.className = "lane-buttons";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "Highlight a lane");
    var label = document.createElement("span");
    label.textContent = "Highlight a lane:";
    bar.appendChild(label);
    var buttons = [];
    function highlight(thread) {
      var any = false;
      for (var k = 0; k < lanes.length; k++) {
        var on = lanes[k].getAttribute("data-thread") === thread;
        lanes[k].classList.toggle("highlighted", on);
        buttons[k].setAttribute("aria-pressed", String(on));
        any = any || on;
      }
      figure.classList.toggle("has-highlight", any);
    }
    function toggle(thread) {
      var current = svg.querySelector(".lane.highlighted");
      highlight(current && current.getAttribute("data-thread") === thread ? null : thread);
    }
    for (var k = 0; k < lanes.length; k++) {
      (function (lane) {
        var thread = lane.getAttribute("data-thread");
        var b = document.createElement("button");
        b.type = "button";
        b.textContent = thread;
        b.setAttribute("aria-pressed", "false");
        b.addEventListener("click", function () { toggle(thread); });
        bar.appendChild(b);
        buttons.push(b);
        var name = lane.querySelector("text");
        if (name) {
          name.classList.add("lane-name");
          name.addEventListener("click", function () { toggle(thread); });
        }
      })(lanes[k]);
    }
    figure.insertBefore(bar, figure.firstChild);
  }

  // Copy buttons.
  if (document.body.getAttribute("data-copyable") !== "true") { return; }
  var copyIcon = '<svg viewBox="0 0 24 24" aria-hidden="true"><rect x="8" y="8" width="12" height="12" rx="2"/>' +
    '<path d="M16 8V5a1 1 0 0 0-1-1H5a1 1 0 0 0-1 1v10a1 1 0 0 0 1 1h3"/></svg>';

  function fallbackCopy(text) {
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy command refused")); }
    });
  }
  function copyText(text) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return fallbackCopy(text);
  }
  function flash(button, label) {
    button.lastChild.textContent = label;
    button.classList.add("copied");
    window.setTimeout(function () {
      button.lastChild.textContent = "";
      button.classList.remove("copied");
    }, 1500);
  }

  var blocks = document.querySelectorAll("main pre > code");
  for (var i = 0; i < blocks.length; i++) {
    (function (code) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-button";
      button.title = "Copy to clipboard";
      button.setAttribute("aria-label", "Copy to clipboard");
      button.innerHTML = copyIcon + "<span></span>";
      button.addEventListener("click", function () {
        // Leave out what is there for the eye or the ear only: line
        // numbers, and the hidden "new:" of a new line.
        var copy = code.cloneNode(true);
        copy.querySelectorAll(".visually-hidden, .ln, .diff-sign").forEach(function (n) { n.remove(); });
        copyText(copy.textContent).then(
          function () { flash(button, "Copied"); },
          function () { flash(button, "Copy failed"); });
      });
      code.parentNode.insertBefore(button, code);
    })(blocks[i]);
  }
})();
