/* Corrections d'accessibilité du thème : nom accessible du dialogue de recherche. */
(function () {
  "use strict";
  function fix() {
    var search = document.querySelector(".md-search");
    if (search && !search.getAttribute("aria-label")) { search.setAttribute("aria-label", "Recherche dans le site"); }
  }
  if (typeof document$ !== "undefined" && document$.subscribe) { document$.subscribe(fix); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", fix); }
  else { fix(); }
})();
