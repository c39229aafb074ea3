/* Formulaire « Vérifier ma situation » des pages de dispositif : lit les champs remplis, évalue
 * avec PostinternatEvaluateur sur donnees/regles.json et explique chaque condition en français
 * (la phrase de chaque type de condition est dans evaluateur.js, à côté de son contrôle).
 * Sans JavaScript, le formulaire reste caché et la page garde toutes ses informations. */
(function () {
  "use strict";
  var script = document.currentScript;
  var base = script ? script.src.replace(/assets\/autoevaluation\.js.*$/, "") : "";
  var rulebookPromise = null;

  function loadRules() {
    if (!rulebookPromise) {
      rulebookPromise = fetch(base + "donnees/regles.json").then(function (r) {
        if (!r.ok) { throw new Error("règles indisponibles"); }
        return r.json();
      });
    }
    return rulebookPromise;
  }

  var VERDICT = { eligible: "Éligible", non_eligible: "Non éligible", a_completer: "Dossier à compléter" };
  var MISSING = { validation_chu: "la validation du dossier par le CHU", diplomes: "vos diplômes", specialite: "votre spécialité", fin_internat: "la date de fin de l'internat", date_des: "la date d'obtention du DES", inscription_ordre: "la date d'inscription à l'Ordre", debut: "la date de prise de poste", duree_mois: "la durée", structures: "les structures du poste" };

  function missingText(code) {
    if (MISSING[code]) { return MISSING[code]; }
    var m = /^structures\[(\d+)\]\.(\w+)$/.exec(code);
    if (m) { return ({ quotite: "la part du temps", demi_journees: "les demi-journées", zone: "la zone", type: "le type", commune: "la commune", prioritaire: "le caractère prioritaire" }[m[2]] || m[2]) + " de la structure n°" + m[1]; }
    m = /^structures\[role=([\w-]+)\]/.exec(code);
    if (m) { return "une structure pour le lieu « " + m[1] + " »"; }
    return code;
  }

  function render(container, evaluation, rulebook) {
    var out = container.querySelector(".resultat");
    out.textContent = "";
    var title = document.createElement("p");
    title.innerHTML = "<strong></strong>";
    title.firstChild.textContent = "Résultat : " + VERDICT[evaluation.verdict];
    out.appendChild(title);
    var ul = document.createElement("ul");
    (function walk(items, target) {
      items.forEach(function (r) {
        var li = document.createElement("li");
        li.className = "resultat-" + r.outcome.status;
        li.textContent = (r.outcome.status === "ok" ? "✓ " : r.outcome.status === "ko" ? "✗ " : "? ") + window.PostinternatEvaluateur.expliquer(r.condition, r.outcome, rulebook);
        var src = r.condition.source;
        if (src && r.outcome.status !== "ok") {
          var small = document.createElement("small");
          small.textContent = " Source : " + src.titre + (src.extrait ? " — « " + src.extrait + " »" : "");
          li.appendChild(small);
        }
        target.appendChild(li);
        if (r.outcome.children.length) {
          var sub = document.createElement("ul");
          walk(r.outcome.children.map(function (o, i) { return { condition: r.condition.conditions[i], outcome: o }; }), sub);
          li.appendChild(sub);
        }
      });
    })(evaluation.resultats, ul);
    out.appendChild(ul);
    if (evaluation.manquants.length) {
      var p = document.createElement("p");
      p.textContent = "À compléter : " + evaluation.manquants.map(missingText).join(", ") + ".";
      out.appendChild(p);
    }
    extras(out, evaluation);
    var note = document.createElement("p");
    note.textContent = "Cette vérification n'engage pas l'ARS : les conditions « à vérifier par l'ARS » de la page restent à examiner.";
    out.appendChild(note);
  }

  // Ce qu'evaluate donne aussi : variante la plus proche, délai de dépôt, priorités, financement.
  function extras(out, evaluation) {
    var t = window.PostinternatEvaluateur.textes;
    function line(text, className) { var p = document.createElement("p"); p.textContent = text; if (className) { p.className = className; } out.appendChild(p); }
    function items(title, list) {
      if (!list.length) { return; }
      line(title);
      var ul = document.createElement("ul");
      list.forEach(function (text) { var li = document.createElement("li"); li.textContent = text; ul.appendChild(li); });
      out.appendChild(ul);
    }
    if (evaluation.variante) { line(t.variante(evaluation.variante), "variante"); }
    line("Délai : " + t.delai(evaluation.delai) + (evaluation.campagne ? " — campagne " + evaluation.campagne : "") + ".");
    items("Priorités :", evaluation.priorites.map(t.priorite));
    items("Financement prévu par les règles :", evaluation.financement.map(t.financement));
  }

  function read(form) {
    function val(name, scope) { var el = (scope || form).querySelector("[name=" + name + "]"); return el && el.value !== "" ? el.value : undefined; }
    var candidat = {}, projet = {};
    ["specialite", "fin_internat", "date_des", "inscription_ordre"].forEach(function (k) { var v = val(k); if (v !== undefined) { candidat[k] = v; } });
    ["debut", "date_candidature"].forEach(function (k) { var v = val(k); if (v !== undefined) { projet[k] = v; } });
    if (val("duree_mois") !== undefined) { projet.duree_mois = +val("duree_mois"); }
    // faits déclarés (à vérifier par l'ARS) : « oui » / « non » ; « je ne sais pas » laisse l'information manquante
    if (val("validation_chu") !== undefined) { projet.validation_chu = val("validation_chu") === "oui"; }
    form.querySelectorAll("select[name=diplome]").forEach(function (el) {
      if (el.value === "") { return; }
      candidat.diplomes = candidat.diplomes || [];
      if (el.value === "oui") { candidat.diplomes = candidat.diplomes.concat(el.getAttribute("data-valeurs").split(" ")); }
    });
    var structures = [];
    form.querySelectorAll("fieldset[data-role]").forEach(function (fs) {
      var s = {}, any = false;
      ["type", "commune", "zone"].forEach(function (k) { var v = val(k, fs); if (v !== undefined) { s[k] = v; any = true; } });
      if (s.zone === "aucune") { s.zone = []; } // « dans aucune de ces zones » : non éligible à une condition de zone
      ["quotite", "demi_journees"].forEach(function (k) { var v = val(k, fs); if (v !== undefined) { s[k] = +v; any = true; } });
      if (val("prioritaire", fs) !== undefined) { s.prioritaire = val("prioritaire", fs) === "oui"; any = true; }
      if (any) { s.role = fs.getAttribute("data-role"); structures.push(s); }
    });
    if (structures.length) { projet.structures = structures; }
    return { candidat: candidat, projet: projet };
  }

  function init() {
    document.querySelectorAll(".autoevaluation").forEach(function (container) {
      var form = container.querySelector("form");
      var fallback = container.querySelector(".sans-js");
      if (!form) { return; }
      form.hidden = false;
      if (fallback) { fallback.hidden = true; }
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var input = read(form);
        loadRules().then(function (rulebook) {
          var evaluation = window.PostinternatEvaluateur.evaluer(rulebook, container.getAttribute("data-region"), container.getAttribute("data-dispositif"), input.candidat, input.projet);
          render(container, evaluation, rulebook);
        }).catch(function () {
          container.querySelector(".resultat").textContent = "Les règles n'ont pas pu être chargées : consultez les conditions ci-dessus.";
        });
      });
    });
  }

  if (typeof document$ !== "undefined" && document$.subscribe) { document$.subscribe(init); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})();
