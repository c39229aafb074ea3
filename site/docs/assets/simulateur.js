/* Simulateur « Où suis-je éligible ? » : un questionnaire, la réponse de chaque dispositif de chaque
 * région (PostinternatEvaluateur sur donnees/regles.json, comme `postinternat evaluate` sans
 * --region) : d'abord les éligibles, puis les « à compléter » avec ce qui manque, puis les « non
 * éligible » avec la raison et la variante éligible la plus proche. Tout est écrit avec textContent ;
 * rien n'est envoyé. */
(function () {
  "use strict";
  var script = document.currentScript;
  var base = script ? script.src.replace(/assets\/simulateur\.js.*$/, "") : "";
  var ORDER = ["eligible", "a_completer", "non_eligible"];
  var HEADS = { eligible: "Éligible", a_completer: "Dossier à compléter", non_eligible: "Non éligible" };

  function loadRules() { return window.PostinternatEvaluateur.charger(); }  // evaluateur.js les lit une fois

  // Chaque dispositif de chaque région (régions puis dispositifs dans l'ordre de leurs identifiants,
  // comme evaluate), puis un tri stable : éligibles, à compléter, non éligibles.
  // Les régions où sont les structures du projet (d'après le département de leur commune), ou
  // toutes quand aucune commune n'est indiquée : la règle de evaluation.survey_departements.
  function concerned(rulebook, projet) {
    var where = {};
    (projet.structures || []).forEach(function (s) {
      if (typeof s.commune === "string") { where[s.commune.slice(0, 2) === "97" ? s.commune.slice(0, 3) : s.commune.slice(0, 2)] = true; }
    });
    if (!Object.keys(where).length) { return null; }
    return function (slug) { return (rulebook.regions[slug].departements || []).some(function (d) { return where[d]; }); };
  }

  function simulate(rulebook, candidat, projet) {
    var found = [], inRegion = concerned(rulebook, projet);
    Object.keys(rulebook.regions).sort().filter(function (slug) { return !inRegion || inRegion(slug); }).forEach(function (slug) {
      Object.keys(rulebook.regions[slug].dispositifs).sort().forEach(function (id) {
        var evaluation = window.PostinternatEvaluateur.evaluer(rulebook, slug, id, candidat, projet);
        evaluation.projet = projet;
        found.push(evaluation);
      });
    });
    return found.sort(function (a, b) { return ORDER.indexOf(a.verdict) - ORDER.indexOf(b.verdict); });
  }

  function reasons(evaluation, rulebook) {
    var texts = [];
    (function walk(items) {
      items.forEach(function (r) {
        if (r.outcome.status !== "ko") { return; }
        if (r.outcome.children.length) { walk(r.outcome.children.map(function (o, i) { return { condition: r.condition.conditions[i], outcome: o }; })); }
        else { texts.push(window.PostinternatEvaluateur.expliquer(r.condition, r.outcome, rulebook)); }
      });
    })(evaluation.resultats);
    return texts.join(" ");
  }

  function render(out, evaluations, rulebook, jour) {
    out.textContent = "";
    var summary = document.createElement("p");
    var regions = {};
    evaluations.forEach(function (e) { regions[e.region] = true; });
    summary.textContent = evaluations.length + " dispositifs de " + Object.keys(regions).length + " régions.";
    out.appendChild(summary);
    ORDER.forEach(function (verdict) {
      var group = evaluations.filter(function (e) { return e.verdict === verdict; });
      if (!group.length) { return; }
      var head = document.createElement("h2");
      head.textContent = HEADS[verdict] + " (" + group.length + ")";
      out.appendChild(head);
      var ul = document.createElement("ul");
      ul.className = "simulation-" + verdict;
      group.forEach(function (e) {
        var region = rulebook.regions[e.region], rules = region.dispositifs[e.dispositif];
        var li = document.createElement("li");
        li.className = "resultat-" + ({ eligible: "ok", a_completer: "inconnu", non_eligible: "ko" })[verdict];
        li.setAttribute("data-region", e.region);
        li.setAttribute("data-dispositif", e.dispositif);
        li.setAttribute("data-verdict", e.verdict);
        var link = document.createElement("a");
        link.href = base + "regions/" + encodeURIComponent(e.region) + "/" + encodeURIComponent(e.dispositif) + "/";
        link.textContent = region.nom + " — " + rules.nom;
        li.appendChild(link);
        var detail = "";
        if (e.campagne) { detail += " (campagne " + e.campagne + ")"; }
        if (verdict === "eligible") {
          var passe = window.PostinternatEvaluateur.textes.delaiPasse(e.delai, e.campagne, jour);
          detail += passe ? " — " + passe + "." : " — délai de dépôt : " + window.PostinternatEvaluateur.textes.delai(e.delai) + ".";
        }
        else if (verdict === "a_completer") { detail += " : manque " + e.manquants.map(function (m) { return window.PostinternatEvaluateur.textes.manquant(m, rules, rulebook); }).join(", ") + "."; }
        else { detail += " : " + reasons(e, rulebook); }
        li.appendChild(document.createTextNode(detail));
        if (verdict === "eligible") {
          var departements = region.departements || [];
          (e.projet.structures || []).forEach(function (s, i) {
            var dep = s.commune ? (s.commune.slice(0, 2) === "97" ? s.commune.slice(0, 3) : s.commune.slice(0, 2)) : null;
            if (dep && departements.length && departements.indexOf(dep) < 0) {
              var alert = document.createElement("span");
              alert.className = "alerte";
              alert.textContent = "Attention : la structure n°" + (i + 1) + " (" + s.commune + ") est hors de la région : à vérifier.";
              li.appendChild(alert);
            }
          });
        }
        if (e.variante) {
          var variant = document.createElement("span");
          variant.className = "variante";
          variant.textContent = window.PostinternatEvaluateur.textes.variante(e.variante);
          li.appendChild(variant);
        }
        ul.appendChild(li);
      });
      out.appendChild(ul);
    });
    var note = document.createElement("p");
    note.textContent = "Cette réponse n'engage pas les ARS : les conditions « à vérifier par l'ARS » de chaque page restent à examiner.";
    out.appendChild(note);
  }

  function read(form) {  // le lecteur de l'auto-évaluation ; ici, des blocs sans rôle
    var input = window.PostinternatFormulaire.read(form, "fieldset[data-structure]");
    input.candidat.id = "simulation";
    return input;
  }

  function init() {
    document.querySelectorAll(".simulateur").forEach(function (container) {
      var form = container.querySelector("form"), fallback = container.querySelector(".sans-js");
      if (!form || form.getAttribute("data-pret")) { return; }
      form.setAttribute("data-pret", "1");
      form.hidden = false;
      var fields = window.PostinternatFormulaire;  // les erreurs sous chaque champ, comme l'auto-évaluation
      fields.prepare(form);
      if (fallback) { fallback.hidden = true; }
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var out = container.querySelector(".resultat");
        if (!fields.checkFields(form)) { out.textContent = "Corrigez les champs signalés en rouge."; return; }
        var input = read(form);
        loadRules().then(function (rulebook) {
          render(out, simulate(rulebook, input.candidat, input.projet), rulebook, container.getAttribute("data-jour"));
        }).catch(function () {
          out.textContent = "Les règles n'ont pas pu être chargées : consultez la page de chaque dispositif.";
        });
      });
    });
  }

  window.PostinternatSimulateur = { simuler: simulate };
  if (typeof document$ !== "undefined" && document$.subscribe) { document$.subscribe(init); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})();
