/* Formulaire « Vérifier ma situation » des pages de dispositif : lit les champs remplis, évalue
 * avec PostinternatEvaluateur sur donnees/regles.json et explique chaque condition en français
 * (la phrase de chaque type de condition est dans evaluateur.js, à côté de son contrôle).
 * Sans JavaScript, le formulaire reste caché et la page garde toutes ses informations. */
(function () {
  "use strict";
  function loadRules() { return window.PostinternatEvaluateur.charger(); }  // evaluateur.js les lit une fois

  var VERDICT = { eligible: "Éligible", non_eligible: "Non éligible", a_completer: "Dossier à compléter" };

  // Une information manquante, nommée comme evaluate (textes.manquant) ; celle d'une structure
  // (« structures[2].zone ») par le titre du bloc du formulaire d'où vient la structure, que le
  // candidat voit, plutôt que par son rang : « zone (Structure ambulatoire en zone sous-dense) ».
  function missing(code, rules, rulebook, titles) {
    var manquant = window.PostinternatEvaluateur.textes.manquant;
    var m = /^structures\[(\d+)\]\.(\w+)$/.exec(code);
    var title = m ? titles[+m[1] - 1] : null;
    return title ? manquant(m[2], rules, rulebook) + " (" + title + ")" : manquant(code, rules, rulebook);
  }

  function render(container, evaluation, rulebook, titles) {
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
      var region = rulebook.regions[container.getAttribute("data-region")] || {};
      var rules = (region.dispositifs || {})[container.getAttribute("data-dispositif")];
      p.textContent = "À compléter : " + evaluation.manquants.map(function (code) { return missing(code, rules, rulebook, titles); }).join(", ") + ".";
      out.appendChild(p);
    }
    extras(out, evaluation, container.getAttribute("data-jour"));  // le jour de construction du site
    var note = document.createElement("p");
    note.textContent = "Cette vérification n'engage pas l'ARS : les conditions « à vérifier par l'ARS » de la page restent à examiner.";
    out.appendChild(note);
  }

  // Ce qu'evaluate donne aussi : variante la plus proche, délai de dépôt, priorités, financement.
  function extras(out, evaluation, jour) {
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
    var passe = t.delaiPasse(evaluation.delai, evaluation.campagne, jour);
    line("Délai : " + (passe || t.delai(evaluation.delai) + (evaluation.campagne ? " — campagne " + evaluation.campagne : "")) + ".");
    items("Priorités :", evaluation.priorites.map(t.priorite));
    items("Rémunération selon les textes :", evaluation.remuneration.map(t.remuneration));
    items("Financement prévu par les règles :", evaluation.financement.map(t.financement));
  }

  // Ce que dit un formulaire (auto-évaluation ou simulateur) : le candidat, le projet, et une
  // structure par bloc rempli (blocs choisis par ``selector``), avec le titre de chaque bloc.
  function read(form, selector) {
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
    var structures = [], titles = [];  // titles[i] : le titre du bloc d'où vient structures[i]
    form.querySelectorAll(selector || "fieldset[data-role]").forEach(function (fs) {
      var s = {}, any = false;
      ["type", "commune", "zone"].forEach(function (k) { var v = val(k, fs); if (v !== undefined) { s[k] = v; any = true; } });
      if (s.zone === "aucune") { s.zone = []; } // « dans aucune de ces zones » : non éligible à une condition de zone
      ["quotite", "demi_journees"].forEach(function (k) { var v = val(k, fs); if (v !== undefined) { s[k] = +v; any = true; } });
      if (val("prioritaire", fs) !== undefined) { s.prioritaire = val("prioritaire", fs) === "oui"; any = true; }
      if (any) {
        if (fs.getAttribute("data-role")) { s.role = fs.getAttribute("data-role"); }
        structures.push(s);
        titles.push(fs.querySelector("legend") ? fs.querySelector("legend").textContent : "");
      }
    });
    if (structures.length) { projet.structures = structures; }
    return { candidat: candidat, projet: projet, titles: titles };
  }

  // Erreurs de saisie : affichées sous le champ concerné (aria-invalid, aria-describedby), au lieu
  // des bulles du navigateur, qui disparaissent et que les lecteurs d'écran lisent mal.
  function fieldError(el) {
    var v = el.validity;
    if (v.valid) { return ""; }
    if (v.badInput) { return el.type === "number" ? "Saisissez un nombre." : "Saisissez une date complète (jour, mois, année)."; }
    if (v.rangeUnderflow) { return "Saisissez une valeur d'au moins " + el.min + "."; }
    if (v.rangeOverflow) { return "Saisissez une valeur d'au plus " + el.max + "."; }
    if (v.stepMismatch) { return "Saisissez un nombre entier."; }
    if (v.patternMismatch && el.name === "commune") { return "Un code INSEE a 5 caractères : 5 chiffres, ou 2A/2B suivis de 3 chiffres en Corse (par exemple 14118)."; }
    return "Valeur non valide.";
  }

  // Écrit (ou retire) l'erreur d'un champ sous celui-ci ; renvoie true si le champ est valide.
  function markField(el) {
    var id = el.id + "-erreur";
    var shown = document.getElementById(id);
    var message = fieldError(el);
    var described = (el.getAttribute("aria-describedby") || "").split(" ").filter(function (x) { return x && x !== id; });
    if (!message) {
      if (shown) { shown.parentNode.removeChild(shown); }
      el.removeAttribute("aria-invalid");
    } else {
      if (!shown) {
        shown = document.createElement("span");
        shown.id = id;
        shown.className = "erreur-champ";
        el.insertAdjacentElement("afterend", shown);
      }
      shown.textContent = message;
      el.setAttribute("aria-invalid", "true");
      described.push(id);
    }
    if (described.length) { el.setAttribute("aria-describedby", described.join(" ")); } else { el.removeAttribute("aria-describedby"); }
    return !message;
  }

  function checkFields(form) {
    var first = null;
    form.querySelectorAll("input, select").forEach(function (el) {
      if (!markField(el)) { first = first || el; }
    });
    if (first) { first.focus(); }
    return first === null;
  }

  // Un formulaire du site (auto-évaluation, simulateur) écrit ses erreurs sous chaque champ
  // (checkFields) ; une erreur corrigée disparaît aussitôt.
  function prepare(form) {
    form.noValidate = true;
    form.addEventListener("change", function (event) {
      if (event.target.getAttribute("aria-invalid") === "true") { markField(event.target); }
    });
  }

  // Partagé avec le simulateur (simulateur.js), chargé après ce fichier.
  window.PostinternatFormulaire = { fieldError: fieldError, markField: markField, checkFields: checkFields, prepare: prepare, read: read };

  function init() {
    document.querySelectorAll(".autoevaluation").forEach(function (container) {
      var form = container.querySelector("form");
      var fallback = container.querySelector(".sans-js");
      if (!form) { return; }
      form.hidden = false;
      prepare(form);
      if (fallback) { fallback.hidden = true; }
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        if (!checkFields(form)) { container.querySelector(".resultat").textContent = "Corrigez les champs signalés en rouge."; return; }
        var input = read(form);
        loadRules().then(function (rulebook) {
          var evaluation = window.PostinternatEvaluateur.evaluer(rulebook, container.getAttribute("data-region"), container.getAttribute("data-dispositif"), input.candidat, input.projet);
          render(container, evaluation, rulebook, input.titles);
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
