/* Formulaire « Vérifier ma situation » des pages de dispositif : lit les champs remplis, évalue
 * avec PostinternatEvaluateur sur donnees/regles.json et explique chaque condition en français.
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

  function frDate(text) { return text ? text.slice(8, 10) + "/" + text.slice(5, 7) + "/" + text.slice(0, 4) : "?"; }
  function pct(v) { return String(v).replace(".", ",") + " %"; }
  function list(items) { return items.length < 2 ? items.join("") : items.slice(0, -1).join(", ") + " ou " + items[items.length - 1]; }
  var STATUS = { ok: "remplie", ko: "non remplie", inconnu: "information manquante" };
  var VERDICT = { eligible: "Éligible", non_eligible: "Non éligible", a_completer: "Dossier à compléter" };
  var MISSING = { specialite: "votre spécialité", fin_internat: "la date de fin de l'internat", date_des: "la date d'obtention du DES", inscription_ordre: "la date d'inscription à l'Ordre", debut: "la date de prise de poste", duree_mois: "la durée", structures: "les structures du poste" };

  function missingText(code) {
    if (MISSING[code]) { return MISSING[code]; }
    var m = /^structures\[(\d+)\]\.(\w+)$/.exec(code);
    if (m) { return ({ quotite: "la part du temps", demi_journees: "les demi-journées", zone: "la zone", type: "le type", commune: "la commune" }[m[2]] || m[2]) + " de la structure n°" + m[1]; }
    m = /^structures\[role=([\w-]+)\]/.exec(code);
    if (m) { return "une structure pour le lieu « " + m[1] + " »"; }
    return code;
  }

  function rule(c, names) {
    var parts = [];
    if (c.valeur !== undefined) { parts.push("exactement " + pct(c.valeur)); }
    if (c.valeurs !== undefined) { parts.push(list(c.valeurs.map(pct))); }
    if (c.min !== undefined) { parts.push("au moins " + (c.type === "demi_journees" ? c.min : pct(c.min))); }
    if (c.max !== undefined) { parts.push("au plus " + (c.type === "demi_journees" ? c.max : pct(c.max))); }
    return parts.join(" et ");
  }

  function explain(c, o, rulebook) {
    var ref = rulebook.referentiel || {}, des = ref.des || {}, types = ref.types || {};
    var label = c.libelle || c.role || "";
    var v = o.value, s = o.status;
    function typeName(code) { return (types[code] || {}).nom || code; }
    switch (c.type) {
      case "specialite":
        if (s === "inconnu") { return "Indiquez votre spécialité."; }
        return (des[v] || v) + (s === "ok" ? " : spécialité admise." : " : spécialité non admise") + (s === "ok" ? "" : (c.mode === "hors" ? " (exclue : " : " (admises : ") + list((c.des || []).map(function (d) { return des[d] || d; })) + ").");
      case "duree":
        if (s === "inconnu") { return "Indiquez la durée (le contrat est de " + c.mois + " mois)."; }
        return "Durée : " + v + " mois ; le contrat est de " + c.mois + " mois" + (c.max_mois !== c.mois ? ", jusqu'à " + c.max_mois + " avec le renouvellement" : "") + ".";
      case "lieu":
        if (s === "inconnu") { return "« " + label + " » : indiquez le type de structure."; }
        if (v[0] === "nombre") { return "« " + label + " » : " + (v[1] ? v[1] + " structure(s)" : "aucune structure") + " ; types admis : " + list((c.types || []).map(typeName)) + "."; }
        if (v[0] === "type") { return "« " + label + " » : " + list(v[1].map(typeName)) + " n'est pas admis (types admis : " + list((c.types || []).map(typeName)) + ")."; }
        return "« " + label + " » : " + list(v[1].map(typeName)) + ", type admis.";
      case "quotite":
      case "demi_journees":
        var what = c.type === "quotite" ? "Part du temps" : "Demi-journées par semaine";
        if (s === "inconnu") { return what + " à « " + label + " » : à indiquer (il faut " + rule(c) + ")."; }
        return what + " à « " + label + " » : " + (c.type === "quotite" ? pct(v) : v) + (s === "ok" ? ", conforme (" : ", alors qu'il faut ") + rule(c) + (s === "ok" ? ")." : ".");
      case "zone":
        if (s === "inconnu") { return "« " + label + " » : indiquez la zone de la commune (zone exigée : " + list(c.categories) + ")."; }
        var declared = (v || []).some(function (x) { return x[2] === "declaree"; });
        return "« " + label + " » " + (s === "ok" ? "en zone exigée" : "hors des zones exigées") + " (" + list(c.categories) + ")" + (declared ? " ; zone déclarée, à vérifier par l'ARS sur l'arrêté de zonage." : ".");
      case "annees_depuis_fin_internat":
        if (s === "inconnu") { return "Indiquez la fin de l'internat et la date de prise de poste."; }
        return "Fin de l'internat le " + frDate(v[0]) + ", prise de poste le " + frDate(v[1]) + (v[3] ? (s === "ok" ? " : conforme (au plus tard le " : " : il fallait au plus tard le ") + frDate(v[3]) + ")." : ".");
      case "inscription_ordre":
        if (s === "inconnu") { return "Indiquez la date d'inscription à l'Ordre et la prise de poste."; }
        return "Inscription à l'Ordre le " + frDate(v[0]) + (s === "ok" ? ", au plus tard le " : ", après la date exigée du ") + frDate(v[1]) + ".";
      case "des_obtenu":
        if (s === "inconnu") { return "Indiquez la date d'obtention du DES."; }
        return s === "ok" ? "DES obtenu le " + frDate(v) + "." : "Le DES exigé n'est pas obtenu avant la prise de poste.";
      case "tous": return "Toutes ces conditions : " + STATUS[s] + ".";
      case "au_moins_un": return "Au moins une de ces conditions : " + STATUS[s] + ".";
      case "aucun": return "Aucune de ces conditions : " + STATUS[s] + ".";
    }
    return c.type + " : " + STATUS[s] + ".";
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
        li.textContent = (r.outcome.status === "ok" ? "✓ " : r.outcome.status === "ko" ? "✗ " : "? ") + explain(r.condition, r.outcome, rulebook);
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
    var note = document.createElement("p");
    note.textContent = "Cette vérification n'engage pas l'ARS : les conditions « à vérifier par l'ARS » de la page restent à examiner.";
    out.appendChild(note);
  }

  function read(form) {
    function val(name, scope) { var el = (scope || form).querySelector("[name=" + name + "]"); return el && el.value !== "" ? el.value : undefined; }
    var candidat = {}, projet = {};
    ["specialite", "fin_internat", "date_des", "inscription_ordre"].forEach(function (k) { var v = val(k); if (v !== undefined) { candidat[k] = v; } });
    ["debut", "date_candidature"].forEach(function (k) { var v = val(k); if (v !== undefined) { projet[k] = v; } });
    if (val("duree_mois") !== undefined) { projet.duree_mois = +val("duree_mois"); }
    var structures = [];
    form.querySelectorAll("fieldset[data-role]").forEach(function (fs) {
      var s = {}, any = false;
      ["type", "commune", "zone"].forEach(function (k) { var v = val(k, fs); if (v !== undefined) { s[k] = v; any = true; } });
      ["quotite", "demi_journees"].forEach(function (k) { var v = val(k, fs); if (v !== undefined) { s[k] = +v; any = true; } });
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
