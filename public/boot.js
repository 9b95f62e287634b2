// Runs before the page's first paint (a classic script in <head>, so index.html needs no inline script,
// which its Content-Security-Policy forbids). index.html holds the wizard's default view, prerendered at
// build time, and this readies it: the theme the user chose (src/ui/theme.ts keeps it under this key), and,
// when the address carries a share link, a mark that hides the prerendered view (src/ui/prerendered.css)
// until src/main.tsx has rendered the link's own state.
// It holds the clicks made before the script runs (below), and then starts the page's script: the build keeps its tags in <template id="page-scripts">
// (scripts/defer-entry-plugin.ts), added here once the first paint is on screen, so the prerendered view paints without
// waiting on the JavaScript's download; with a share link at once, as there is no view to show until it runs.
(function () {
  var root = document.documentElement;
  try {
    var theme = window.localStorage.getItem('dapr-mi-wizard-theme');
    if (theme === 'light' || theme === 'dark') root.setAttribute('data-theme', theme);
  } catch {
    // Storage blocked: the system's choice, as src/ui/theme.ts falls back to.
  }
  var openingLink = window.location.hash.length > 1 || window.location.search.length > 1;
  if (openingLink) root.setAttribute('data-opening-link', '');

  // Until the page's script has adopted the prerendered view, its buttons do nothing and its form would be
  // submitted by the browser itself (a page load with the fields in the address). So a click on a button is
  // held here, the browser's own action cancelled, and src/ui/early-input.ts plays it again once the view is
  // live; what was typed or ticked meanwhile stays in the fields, and early-input.ts hands it to the form.
  var heldClicks = [];
  function holdClick(event) {
    var target = event.target;
    var button = target && target.closest ? target.closest('button') : null;
    if (!button || button.disabled) return;
    event.preventDefault();
    heldClicks.push(button);
  }
  function holdSubmit(event) {
    event.preventDefault();
  }
  document.addEventListener('click', holdClick, true);
  document.addEventListener('submit', holdSubmit, true);
  window.__wizardEarlyInput = {
    take: function () {
      document.removeEventListener('click', holdClick, true);
      document.removeEventListener('submit', holdSubmit, true);
      var taken = heldClicks;
      heldClicks = [];
      return taken;
    },
  };

  var started = false;
  function startPage() {
    if (started) return;
    started = true;
    var template = document.getElementById('page-scripts');
    if (!template || !template.content) return;
    // New elements, not the template's (which never run): the modulepreload links first, then the script,
    // added to <head> in one step.
    var tags = template.content.querySelectorAll('link[href], script[src]');
    var added = document.createDocumentFragment();
    for (var index = 0; index < tags.length; index += 1) {
      var tag = tags[index];
      var element = document.createElement(tag.localName);
      for (var a = 0; a < tag.attributes.length; a += 1) {
        element.setAttribute(tag.attributes[a].name, tag.attributes[a].value);
      }
      added.appendChild(element);
    }
    document.head.appendChild(added);
  }
  // After the first contentful paint has reached the screen: the browser's paint timing entry says so (an
  // animation frame's callback comes before that frame is even drawn, let alone shown). Where the entry is not
  // supported, the task after the first frame's callback.
  function afterFirstPaint(run) {
    var types = (window.PerformanceObserver && window.PerformanceObserver.supportedEntryTypes) || [];
    if (types.indexOf('paint') < 0) {
      window.requestAnimationFrame(function () {
        window.setTimeout(run, 0);
      });
      return;
    }
    var observer = new window.PerformanceObserver(function (list) {
      if (list.getEntriesByName('first-contentful-paint').length === 0) return;
      observer.disconnect();
      run();
    });
    observer.observe({ type: 'paint', buffered: true });
  }
  function whenParsed() {
    // A share link has no view to show before the script has run; a tab in the background paints nothing.
    if (openingLink || document.visibilityState === 'hidden') return startPage();
    afterFirstPaint(startPage);
    // Should the paint's entry never come, the page starts all the same.
    window.setTimeout(startPage, 3000);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', whenParsed);
  else whenParsed();
})();
