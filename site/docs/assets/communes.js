/* Recherche d'une commune par son nom dans les formulaires du site (auto-évaluation d'un dispositif,
 * simulateur « Où suis-je éligible ? ») : la liste des communes de la région vient du Code officiel
 * géographique livré avec l'outil (donnees/communes/<région>.json, avec les zones du zonage de la
 * région quand il les publie). Choisir une commune remplit son code INSEE et, si le zonage la
 * classe, sa zone. Tout est écrit avec textContent ; rien n'est envoyé. */
(function () {
  "use strict";
  var script = document.currentScript;
  var base = script ? script.src.replace(/assets\/communes\.js.*$/, "") : "";
  var files = {};

  function load(slug) {
    if (!files[slug]) {
      files[slug] = fetch(base + "donnees/communes/" + encodeURIComponent(slug) + ".json").then(function (r) {
        if (!r.ok) { throw new Error("communes indisponibles"); }
        return r.json();
      });
    }
    return files[slug];
  }
  function fold(text) { return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[-'’]/g, " ").trim(); }
  function shown(row) { return row[1] + " (" + row[2] + ") — " + row[0]; }

  // Les communes de plusieurs régions, chacune avec ses zones : [code, nom, département, zones, nom
  // replié, le zonage de sa région publie-t-il ses listes de communes ?].
  function gather(slugs) {
    return Promise.all(slugs.map(load)).then(function (all) {
      var rows = [];
      all.forEach(function (data) {
        var published = Object.keys(data.zones || {}).length > 0;
        data.communes.forEach(function (c) { rows.push([c[0], c[1], c[2], (data.zones || {})[c[0]] || null, fold(c[1]), published]); });
      });
      return rows;
    });
  }

  function attach(input, slugs) {
    if (input.getAttribute("data-recherche")) { return; }
    input.setAttribute("data-recherche", "1");
    var id = input.id + "-nom";
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = "Commune (recherche par nom)";
    var search = document.createElement("input");
    search.type = "search";
    search.id = id;
    search.autocomplete = "off";
    search.setAttribute("list", id + "-liste");
    var list = document.createElement("datalist");
    list.id = id + "-liste";
    var note = document.createElement("small");
    note.className = "commune-trouvee";
    note.setAttribute("aria-live", "polite");
    var anchor = (input.labels && input.labels[0]) || input;
    anchor.parentNode.insertBefore(label, anchor);
    anchor.parentNode.insertBefore(search, anchor);
    anchor.parentNode.insertBefore(list, anchor);
    input.parentNode.insertBefore(note, input.nextSibling);
    var rows = null;
    function ready() { if (!rows) { rows = gather(slugs); } return rows; }
    search.addEventListener("focus", ready);
    search.addEventListener("input", function () {
      ready().then(function (all) {
        var text = search.value, query = fold(text);
        var exact = all.filter(function (r) { return shown(r) === text; })[0];
        if (exact) { choose(exact); return; }
        list.textContent = "";
        if (query.length < 2) { return; }
        var starts = all.filter(function (r) { return r[4].indexOf(query) === 0; });
        var inside = all.filter(function (r) { return r[4].indexOf(query) > 0; });
        starts.concat(inside).slice(0, 20).forEach(function (r) {
          var option = document.createElement("option");
          option.value = shown(r);
          list.appendChild(option);
        });
      }).catch(function () { note.textContent = "La liste des communes n'a pas pu être chargée : indiquez le code INSEE."; });
    });
    // Sur une page de dispositif, la zone n'est évoquée que pour un lieu soumis à une condition de zone
    // (data-zone-exigee) ; le simulateur, qui répond pour tous les dispositifs, l'évoque toujours.
    var fieldset = input.closest("fieldset");
    var zone = fieldset ? fieldset.querySelector("select[name=zone]") : null;
    if (zone && fieldset.hasAttribute("data-role") && !fieldset.hasAttribute("data-zone-exigee")) { zone = null; }
    function choose(row) {
      input.value = row[0];
      var text = row[1] + " : code INSEE " + row[0];
      var known = zone && row[3] ? row[3].filter(function (code) { return Array.prototype.some.call(zone.options, function (o) { return o.value === code; }); }) : [];
      if (known.length) {
        zone.value = known[0];
        text += " ; zone selon le zonage de la région : " + zone.options[zone.selectedIndex].textContent;
      } else if (zone && row[5]) {
        text += " ; le zonage publié ne la classe pas : indiquez sa zone, ou « Dans aucune de ces zones »";
      } else if (zone) {
        text += " ; la liste des communes par zone n'est pas publiée ici : indiquez la zone si vous la connaissez";
      }
      note.textContent = text + ".";
    }
  }

  function init() {
    document.querySelectorAll(".autoevaluation[data-region], .simulateur[data-regions]").forEach(function (container) {
      var slugs = (container.getAttribute("data-region") || container.getAttribute("data-regions") || "").split(" ").filter(Boolean);
      container.querySelectorAll("input[name=commune]").forEach(function (input) { attach(input, slugs); });
    });
  }

  if (typeof document$ !== "undefined" && document$.subscribe) { document$.subscribe(init); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})();
