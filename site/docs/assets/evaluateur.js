/* Évaluateur des règles de post-internat, dans le navigateur.
 *
 * Même logique que postinternat_config/engine.py et ses modules de conditions
 * (postinternat_config/conditions/), sur les mêmes données (donnees/regles.json) :
 * chaque condition vaut « ok », « ko » ou « inconnu » ; verdict « eligible », « non_eligible » ou
 * « a_completer ». Les vecteurs de test partagés (donnees/vecteurs.json) vérifient que les deux
 * évaluateurs s'accordent. Aucune donnée ne quitte la page.
 */
(function (global) {
  "use strict";
  var OK = "ok", KO = "ko", INCONNU = "inconnu";

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function isDate(text) { return typeof text === "string" && /^\d{4}-\d{2}-\d{2}$/.test(text) && !isNaN(Date.parse(text + "T00:00:00Z")); }
  function addMonths(text, months) {
    var y = +text.slice(0, 4), m = +text.slice(5, 7) - 1 + months, d = +text.slice(8, 10);
    y += Math.floor(m / 12); m = ((m % 12) + 12) % 12;
    var last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
    return y + "-" + pad(m + 1) + "-" + pad(Math.min(d, last));
  }
  function departement(commune) { return commune.slice(0, 2) === "97" ? commune.slice(0, 3) : commune.slice(0, 2); }
  function combine(statuses) { return statuses.indexOf(KO) >= 0 ? KO : (statuses.indexOf(INCONNU) >= 0 ? INCONNU : OK); }
  function outcome(status, value, missing, children) { return { status: status, value: value, missing: missing || [], children: children || [] }; }

  function makeContext(rulebook) {
    var types = (rulebook.referentiel || {}).types || {};
    function family(code) { var t = types[code]; return [code].concat(t ? t.inclus_dans : []); }
    function accepts(list, code) {
      if (!list || !list.length) { return true; }
      var fam = family(code);
      for (var i = 0; i < fam.length; i++) { if (list.indexOf(fam[i]) >= 0) { return true; } }
      return false;
    }
    return { family: family, accepts: accepts };
  }

  function zonesOf(structure, zonage, required) {
    var found = (zonage.communes[structure.commune || ""] || []).slice(), origin = found.length ? "liste" : null;
    var declared = Array.isArray(structure.zone) ? structure.zone : (structure.zone ? [structure.zone] : []);
    var known = zonage.categories || [];
    for (var i = 0; i < declared.length; i++) {
      if (known.length && known.indexOf(declared[i]) < 0) { return { zones: found.length ? found : null, origin: "inconnue:" + declared[i] }; }
      if (found.indexOf(declared[i]) < 0) { found.push(declared[i]); }
      origin = origin || "declaree";
    }
    if (found.length) { return { zones: found, origin: origin }; }
    if (Array.isArray(structure.zone)) { return { zones: [], origin: "declaree" }; } // « zone: [] » : dans aucune zone
    var listed = zonage.categories_listees || [];
    if (structure.commune && required.every(function (c) { return listed.indexOf(c) >= 0; })) { return { zones: [], origin: "liste" }; }
    return { zones: null, origin: null };
  }

  // Textes : dates du dossier en 01/11/2025, pourcentages « 60 % », listes « a, b ou c ».
  function frDate(text) { return text ? text.slice(8, 10) + "/" + text.slice(5, 7) + "/" + text.slice(0, 4) : "?"; }
  function pct(v) { return String(v).replace(".", ",") + " %"; }
  function list(items) { return items.length < 2 ? items.join("") : items.slice(0, -1).join(", ") + " ou " + items[items.length - 1]; }
  var STATUS = { ok: "remplie", ko: "non remplie", inconnu: "information manquante" };
  function names(rulebook) {
    var ref = (rulebook && rulebook.referentiel) || {}, des = ref.des || {}, types = ref.types || {};
    return { des: function (code) { return des[code] || code; }, type: function (code) { return (types[code] || {}).nom || code; } };
  }
  function label(c) { return c.libelle || c.role || ""; }
  function bounds(c) {
    var parts = [], fmt = c.type === "demi_journees" ? String : pct;
    if (c.valeur !== undefined) { parts.push("exactement " + fmt(c.valeur)); }
    if (c.valeurs !== undefined) { parts.push(list(c.valeurs.map(fmt))); }
    if (c.min !== undefined) { parts.push("au moins " + fmt(c.min)); }
    if (c.max !== undefined) { parts.push("au plus " + fmt(c.max)); }
    return parts.join(" et ");
  }

  // Une entrée par type de condition, dans l'ordre et sous le nom des modules Python
  // (postinternat_config/conditions/<type>.py) : check (le contrôle) et explain (la phrase du résultat).
  var TYPES = {};

  TYPES.specialite = {
    check: function (cond, f) {
      var spec = f.candidat.specialite;
      if (!spec) { return outcome(INCONNU, null, ["specialite"]); }
      var inside = (cond.des || []).indexOf(spec) >= 0;
      return outcome(inside === (cond.mode !== "hors") ? OK : KO, spec);
    },
    explain: function (c, o, n) {
      if (o.status === INCONNU) { return "Indiquez votre spécialité."; }
      return n.des(o.value) + (o.status === OK ? " : spécialité admise." : " : spécialité non admise") + (o.status === OK ? "" : (c.mode === "hors" ? " (exclue : " : " (admises : ") + list((c.des || []).map(n.des)) + ").");
    }
  };

  TYPES.duree = {
    check: function (cond, f) {
      var months = f.projet.duree_mois;
      if (months === undefined || months === null || months === "") { return outcome(INCONNU, null, ["duree_mois"]); }
      return outcome(months >= cond.mois && months <= cond.max_mois ? OK : KO, months);
    },
    explain: function (c, o) {
      if (o.status === INCONNU) { return "Indiquez la durée (le contrat est de " + c.mois + " mois)."; }
      return "Durée : " + o.value + " mois ; le contrat est de " + c.mois + " mois" + (c.max_mois !== c.mois ? ", jusqu'à " + c.max_mois + " avec le renouvellement" : "") + ".";
    }
  };

  TYPES.lieu = {
    check: function (cond, f, ctx) {
      if (!(f.projet.structures || []).length) { return outcome(INCONNU, null, ["structures"]); }
      var items = f.byRole[cond.role] || [];
      var low = cond.min === undefined || cond.min === null ? 1 : cond.min, high = cond.max;
      if (items.length < low || (high !== undefined && high !== null && items.length > high)) { return outcome(KO, ["nombre", items.length]); }
      var unknown = [], bad = [];
      items.forEach(function (pair) {
        var kind = pair[1].type;
        if (!kind) { unknown.push("structures[" + (pair[0] + 1) + "].type"); }
        else if (!ctx.accepts(cond.types, kind)) { bad.push(kind); }
      });
      if (bad.length) { return outcome(KO, ["type", bad]); }
      return outcome(unknown.length ? INCONNU : OK, ["types", items.map(function (p) { return p[1].type; })], unknown);
    },
    explain: function (c, o, n) {
      var v = o.value;
      if (o.status === INCONNU) { return "« " + label(c) + " » : indiquez le type de structure."; }
      if (v[0] === "nombre") { return "« " + label(c) + " » : " + (v[1] ? v[1] + " structure(s)" : "aucune structure") + " ; types admis : " + list((c.types || []).map(n.type)) + "."; }
      if (v[0] === "type") { return "« " + label(c) + " » : " + list(v[1].map(n.type)) + " n'est pas admis (types admis : " + list((c.types || []).map(n.type)) + ")."; }
      return "« " + label(c) + " » : " + list(v[1].map(n.type)) + ", type admis.";
    }
  };

  // quotite et demi_journees : la somme d'un nombre sur les structures d'un lieu (module _shares.py).
  function shares(field, what) {
    return {
      check: function (cond, f) {
        if (!(f.projet.structures || []).length) { return outcome(INCONNU, null, ["structures"]); }
        var items = f.byRole[cond.role] || [];
        if (!items.length) { return outcome(INCONNU, null, ["structures[role=" + cond.role + "]." + field]); }
        var total = 0, absent = [];
        items.forEach(function (pair) {
          var v = pair[1][field];
          if (v === undefined || v === null || v === "") { absent.push("structures[" + (pair[0] + 1) + "]." + field); } else { total += +v; }
        });
        if (absent.length) { return outcome(INCONNU, null, absent); }
        var eq = function (x, y) { return Math.abs(x - y) < 1e-9; };
        var good = (cond.min === undefined || total >= cond.min - 1e-9) && (cond.max === undefined || total <= cond.max + 1e-9)
          && (cond.valeur === undefined || eq(total, cond.valeur)) && (cond.valeurs === undefined || cond.valeurs.some(function (v) { return eq(total, v); }));
        return outcome(good ? OK : KO, total);
      },
      explain: function (c, o) {
        if (o.status === INCONNU) { return what + " à « " + label(c) + " » : à indiquer (il faut " + bounds(c) + ")."; }
        return what + " à « " + label(c) + " » : " + (field === "quotite" ? pct(o.value) : o.value) + (o.status === OK ? ", conforme (" : ", alors qu'il faut ") + bounds(c) + (o.status === OK ? ")." : ".");
      }
    };
  }

  TYPES.quotite = shares("quotite", "Part du temps");

  TYPES.demi_journees = shares("demi_journees", "Demi-journées par semaine");

  TYPES.zone = {
    check: function (cond, f) {
      if (!(f.projet.structures || []).length) { return outcome(INCONNU, null, ["structures"]); }
      var items = f.byRole[cond.role] || [];
      if (!items.length) { return outcome(INCONNU, null, ["structures[role=" + cond.role + "]"]); }
      var status = OK, seen = [], miss = [];
      items.forEach(function (pair) {
        var z = zonesOf(pair[1], f.zonage, cond.categories);
        seen.push([pair[1].commune || null, z.zones, z.origin]);
        if (z.zones === null) { miss.push("structures[" + (pair[0] + 1) + "].zone"); if (status === OK) { status = INCONNU; } }
        else if (!z.zones.some(function (c) { return cond.categories.indexOf(c) >= 0; })) { status = KO; }
      });
      return outcome(status, seen, status === INCONNU ? miss : []);
    },
    explain: function (c, o) {
      var zoneNames = c.categories.map(function (code) {
        var name = (c.libelles_categories || {})[code];
        if (!name) { return code.replace("_PLUS", "+"); }
        return /[a-zà-ÿ]/.test(name.charAt(1)) ? name.charAt(0).toLowerCase() + name.slice(1) : name;
      });
      if (o.status === INCONNU) { return "« " + label(c) + " » : indiquez la zone de la commune (zone exigée : " + list(zoneNames) + ")."; }
      var declared = (o.value || []).some(function (x) { return x[2] === "declaree"; });
      return "« " + label(c) + " » " + (o.status === OK ? "en zone exigée" : "hors des zones exigées") + " (" + list(zoneNames) + ")" + (declared ? " ; zone déclarée, à vérifier par l'ARS sur l'arrêté de zonage." : ".");
    }
  };

  TYPES.annees_depuis_fin_internat = {
    check: function (cond, f) {
      var end = f.candidat.fin_internat, start = f.projet.debut, missing = [];
      if (!isDate(end)) { missing.push("fin_internat"); }
      if (!isDate(start)) { missing.push("debut"); }
      if (missing.length) { return outcome(INCONNU, null, missing); }
      var latest = cond.max !== undefined ? addMonths(end, Math.round(cond.max * 12)) : null;
      var earliest = cond.min !== undefined ? addMonths(end, Math.round(cond.min * 12)) : null;
      return outcome((latest === null || start <= latest) && (earliest === null || start >= earliest) ? OK : KO, [end, start, earliest, latest]);
    },
    explain: function (c, o) {
      var v = o.value;
      if (o.status === INCONNU) { return "Indiquez la fin de l'internat et la date de prise de poste."; }
      return "Fin de l'internat le " + frDate(v[0]) + ", prise de poste le " + frDate(v[1]) + (v[3] ? (o.status === OK ? " : conforme (au plus tard le " : " : il fallait au plus tard le ") + frDate(v[3]) + ")." : ".");
    }
  };

  TYPES.inscription_ordre = {
    check: function (cond, f) {
      var reg = f.candidat.inscription_ordre, begin = f.projet.debut, lacking = [];
      if (!isDate(reg)) { lacking.push("inscription_ordre"); }
      if (!isDate(begin)) { lacking.push("debut"); }
      if (lacking.length) { return outcome(INCONNU, null, lacking); }
      var limit = begin.slice(0, 4) + "-" + cond.au_plus_tard;
      return outcome(reg <= limit ? OK : KO, [reg, limit]);
    },
    explain: function (c, o) {
      if (o.status === INCONNU) { return "Indiquez la date d'inscription à l'Ordre et la prise de poste."; }
      return "Inscription à l'Ordre le " + frDate(o.value[0]) + (o.status === OK ? ", au plus tard le " : ", après la date exigée du ") + frDate(o.value[1]) + ".";
    }
  };

  TYPES.des_obtenu = {
    check: function (cond, f) {
      var s = f.candidat.specialite;
      if (!s) { return outcome(INCONNU, null, ["specialite"]); }
      if ((cond.des || []).indexOf(s) < 0) { return outcome(KO, s); }
      if (!isDate(f.candidat.date_des)) { return outcome(INCONNU, s, ["date_des"]); }
      return outcome(!isDate(f.projet.debut) || f.candidat.date_des <= f.projet.debut ? OK : KO, f.candidat.date_des);
    },
    explain: function (c, o) {
      if (o.status === INCONNU) { return "Indiquez la date d'obtention du DES."; }
      return o.status === OK ? "DES obtenu le " + frDate(o.value) + "." : "Le DES exigé n'est pas obtenu avant la prise de poste.";
    }
  };

  TYPES.diplome = {
    check: function (cond, f) {
      var held = f.candidat.diplomes;
      if (!Array.isArray(held)) { return outcome(INCONNU, null, ["diplomes"]); }
      var ok = (cond.valeurs || []).some(function (d) { return held.indexOf(d) >= 0; });
      return outcome(ok ? OK : KO, held);
    },
    explain: function (c, o) {
      var wanted = list(c.valeurs || []);
      if (o.status === INCONNU) { return "Diplômes du candidat non renseignés (diplôme exigé : " + wanted + ") : à vérifier par l'ARS."; }
      return o.status === OK ? "Diplôme exigé (" + wanted + ") déclaré par le candidat (à vérifier par l'ARS)." : "Le candidat ne déclare pas le diplôme exigé (" + wanted + ").";
    }
  };

  // departement_structure et type_structure : un test sur chaque structure (module _structures.py).
  function onStructures(field, test) {
    return function (cond, f, ctx) {
      var structures = f.projet.structures || [], role = cond.lieu;
      if (!structures.length) { return outcome(INCONNU, null, ["structures"]); }
      var items = role ? (f.byRole[role] || []) : structures.map(function (s, k) { return [k, s]; });
      if (!items.length) { return outcome(INCONNU, null, ["structures[role=" + role + "]"]); }
      var st = [], abs = [];
      items.forEach(function (pair) {
        var v = pair[1][field];
        if (!v) { st.push(INCONNU); abs.push("structures[" + (pair[0] + 1) + "]." + field); return; }
        st.push(test(cond, v, ctx) ? OK : KO);
      });
      return outcome(combine(st), null, abs);
    };
  }

  TYPES.departement_structure = {
    check: onStructures("commune", function (cond, commune) { return cond.valeurs.indexOf(departement(commune)) >= 0; }),
    explain: function (c, o) { return "Département de la structure : " + STATUS[o.status] + " (" + list(c.valeurs || []) + ")."; }
  };

  TYPES.type_structure = {
    check: onStructures("type", function (cond, kind, ctx) { return ctx.family(kind).some(function (x) { return cond.valeurs.indexOf(x) >= 0; }); }),
    explain: function (c, o, n) { return "Type de structure : " + STATUS[o.status] + " (" + list((c.valeurs || []).map(n.type)) + ")."; }
  };

  // etablissement_prioritaire : chaque structure du lieu déclarée prioritaire (true/false) ; absent : inconnu.
  TYPES.etablissement_prioritaire = {
    check: function (cond, f) {
      var structures = f.projet.structures || [], role = cond.lieu;
      if (!structures.length) { return outcome(INCONNU, null, ["structures"]); }
      var items = role ? (f.byRole[role] || []) : structures.map(function (s, k) { return [k, s]; });
      if (!items.length) { return outcome(INCONNU, null, ["structures[role=" + role + "]"]); }
      var st = [], abs = [];
      items.forEach(function (pair) {
        var v = pair[1].prioritaire;
        if (v === undefined || v === null) { st.push(INCONNU); abs.push("structures[" + (pair[0] + 1) + "].prioritaire"); return; }
        st.push(v === true ? OK : KO);
      });
      return outcome(combine(st), null, abs);
    },
    explain: function (c, o) {
      var where = c.lieu ? " du lieu « " + c.lieu + " »" : "";
      if (o.status === INCONNU) { return "Le dossier ne dit pas si l'établissement" + where + " est un établissement prioritaire : à vérifier par l'ARS sur sa liste."; }
      return o.status === OK ? "Établissement" + where + " déclaré prioritaire par le dossier (à vérifier par l'ARS sur sa liste)." : "L'établissement" + where + " n'est pas un établissement prioritaire.";
    }
  };

  // validation_chu : le projet dit si le dossier est validé par le CHU de la subdivision ; absent : inconnu.
  TYPES.validation_chu = {
    check: function (cond, f) {
      var v = f.projet.validation_chu;
      if (v === undefined || v === null) { return outcome(INCONNU, null, ["validation_chu"]); }
      return outcome(v === true ? OK : KO, v);
    },
    explain: function (c, o) {
      if (o.status === INCONNU) { return "Le dossier ne dit pas s'il est validé par le CHU de la subdivision : à vérifier par l'ARS."; }
      return o.status === OK ? "Dossier validé par le CHU de la subdivision, selon le dossier (à vérifier par l'ARS)." : "Le dossier n'est pas validé par le CHU de la subdivision.";
    }
  };

  var HEADS = { tous: "Toutes ces conditions", au_moins_un: "Au moins une de ces conditions", aucun: "Aucune de ces conditions" };
  var combinateurs = {
    check: function (cond, f, ctx) {
      var children = cond.conditions.map(function (c) { return check(c, f, ctx); });
      var statuses = children.map(function (o) { return o.status; }), result;
      if (cond.type === "tous") { result = combine(statuses); }
      else if (cond.type === "au_moins_un") { result = statuses.indexOf(OK) >= 0 ? OK : (statuses.indexOf(INCONNU) >= 0 ? INCONNU : KO); }
      else { result = statuses.indexOf(OK) >= 0 ? KO : (statuses.indexOf(INCONNU) >= 0 ? INCONNU : OK); }
      var m2 = [];
      if (result === INCONNU) { children.forEach(function (o) { if (o.status === INCONNU) { o.missing.forEach(function (x) { if (m2.indexOf(x) < 0) { m2.push(x); } }); } }); }
      return outcome(result, null, m2, children);
    },
    explain: function (c, o) { return HEADS[c.type] + " : " + STATUS[o.status] + "."; }
  };
  TYPES.tous = combinateurs;
  TYPES.au_moins_un = combinateurs;
  TYPES.aucun = combinateurs;

  function check(cond, f, ctx) {
    var type = TYPES[cond.type];
    return type ? type.check(cond, f, ctx) : outcome(INCONNU, null, [cond.type]);
  }

  function expliquer(cond, result, rulebook) {
    var type = TYPES[cond.type];
    return type ? type.explain(cond, result, names(rulebook)) : cond.type + " : " + STATUS[result.status] + ".";
  }

  function assign(rules, structures, ctx) {
    var lieux = [];
    rules.conditions.forEach(function (c) { if (c.type === "lieu") { lieux.push({ role: c.role, types: c.types || [], max: c.max }); } });
    (function collect(list) {
      list.forEach(function (c) {
        var role = c.role || c.lieu;
        if (role && !lieux.some(function (l) { return l.role === role; })) { lieux.push({ role: role, types: [], max: null }); }
        if (c.conditions) { collect(c.conditions); }
      });
    })(rules.conditions);
    var byRole = {}, rest = [], unassigned = [];
    lieux.forEach(function (l) { byRole[l.role] = []; });
    structures.forEach(function (s, i) { if (s.role && byRole[s.role]) { byRole[s.role].push([i, s]); } else { rest.push([i, s]); } });
    rest.forEach(function (pair) {
      var kind = pair[1].type;
      var candidates = lieux.filter(function (l) {
        return (!l.types.length || (kind && ctx.accepts(l.types, kind))) && (l.max === null || l.max === undefined || byRole[l.role].length < l.max);
      });
      if (!candidates.length) { unassigned.push(pair[0]); return; }
      var empty = candidates.filter(function (l) { return !byRole[l.role].length; });
      byRole[(empty.length ? empty : candidates)[0].role].push(pair);
    });
    return { byRole: byRole, unassigned: unassigned };
  }

  function evaluer(rulebook, region, dispositif, candidat, projet) {
    var regionData = rulebook.regions[region], rules = regionData.dispositifs[dispositif], ctx = makeContext(rulebook);
    var attached = assign(rules, projet.structures || [], ctx);
    var f = { candidat: candidat, projet: projet, byRole: attached.byRole, zonage: regionData.zonage };
    var results = rules.conditions.map(function (c) { return { condition: c, outcome: check(c, f, ctx) }; });
    var statuses = results.map(function (r) { return r.outcome.status; });
    var verdict = statuses.indexOf(KO) >= 0 ? "non_eligible" : (statuses.indexOf(INCONNU) >= 0 ? "a_completer" : "eligible");
    var missing = [];
    results.forEach(function (r) { if (r.outcome.status === INCONNU) { r.outcome.missing.forEach(function (m) { if (missing.indexOf(m) < 0) { missing.push(m); } }); } });
    return { verdict: verdict, resultats: results, manquants: missing, nonRattachees: attached.unassigned };
  }

  function statuts(evaluation) {
    var found = {};
    (function walk(list) {
      list.forEach(function (r) {
        found[r.condition.id] = r.outcome.status;
        if (r.outcome.children.length) { walk(r.outcome.children.map(function (o, i) { return { condition: r.condition.conditions[i], outcome: o }; })); }
      });
    })(evaluation.resultats);
    return found;
  }

  global.PostinternatEvaluateur = { evaluer: evaluer, statuts: statuts, expliquer: expliquer, types: TYPES, addMonths: addMonths };
})(typeof window !== "undefined" ? window : globalThis);
