// Runs before the page's first paint (a classic script in <head>, so index.html needs no inline script,
// which its Content-Security-Policy forbids). index.html holds the wizard's default view, prerendered at
// build time, and this readies it: the theme the user chose (src/ui/theme.ts keeps it under this key), and,
// when the address carries a share link, a mark that hides the prerendered view (src/ui/prerendered.css)
// until src/main.tsx has rendered the link's own state.
(function () {
  var root = document.documentElement;
  try {
    var theme = window.localStorage.getItem('dapr-mi-wizard-theme');
    if (theme === 'light' || theme === 'dark') root.setAttribute('data-theme', theme);
  } catch {
    // Storage blocked: the system's choice, as src/ui/theme.ts falls back to.
  }
  if (window.location.hash.length > 1 || window.location.search.length > 1) {
    root.setAttribute('data-opening-link', '');
  }
})();
