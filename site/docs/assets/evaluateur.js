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
  // Les règles publiées (donnees/regles.json), lues une fois pour tous les formulaires de la page.
  var script = typeof document !== "undefined" ? document.currentScript : null;
  var base = script ? script.src.replace(/assets\/evaluateur\.js.*$/, "") : "";
  var rulebookPromise = null;
  function charger() {
    if (!rulebookPromise) {
      rulebookPromise = fetch(base + "donnees/regles.json").then(function (r) {
        if (!r.ok) { throw new Error("règles indisponibles"); }
        return r.json();
      });
    }
    return rulebookPromise;
  }

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
      // nommé par le libellé de la condition, jamais par ses identifiants (diplome.py)
      var wanted = c.libelle || ("diplôme " + list(c.valeurs || []));
      if (o.status === INCONNU) { return "Diplômes du candidat non renseignés (" + wanted + ") : à vérifier par l'ARS."; }
      return o.status === OK ? "Diplôme exigé déclaré par le candidat (" + wanted + ") : à vérifier par l'ARS." : "Le candidat ne déclare pas le diplôme exigé (" + wanted + ").";
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
    explain: function (c, o) { return "Département de la structure : " + STATUS[o.status] + " (" + list((c.valeurs || []).map(function (v) { return (c.libelles_departements || {})[v] || v; })) + ")."; }
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
      var where = c.lieu ? " du lieu « " + (c.libelle_lieu || c.lieu) + " »" : "";
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


  // --- Campagne, délai, priorités et financement : engine.py (choose_campaign, deadline, priorities, funding) ---
  var SEASONS = { printemps: [3, 20, 6, 20], ete: [6, 21, 9, 22], automne: [9, 23, 12, 20], hiver: [12, 21, 3, 19] };
  var MIN_DAY = "0001-01-01";
  var MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];
  function iso(y, m, d) { return ("000" + y).slice(-4) + "-" + pad(m) + "-" + pad(d); }
  function dayBefore(text) { return new Date(Date.parse(text + "T00:00:00Z") - 86400000).toISOString().slice(0, 10); }
  function dayWords(text) { var d = +text.slice(8, 10); return (d === 1 ? "1er" : d) + " " + MOIS[+text.slice(5, 7) - 1] + " " + +text.slice(0, 4); }
  function joinWith(items, word) { return items.length < 2 ? items.join("") : items.slice(0, -1).join(", ") + " " + word + " " + items[items.length - 1]; }

  // Les jours qu'une date floue peut désigner (dates.interval) : [premier, dernier] ou null.
  function interval(v) {
    if (!v || typeof v !== "object") { return null; }
    var p = v.precision;
    if (v.date !== undefined) {
      if (!isDate(v.date)) { return null; }
      return p === "avant" ? [MIN_DAY, dayBefore(v.date)] : [v.date, v.date];
    }
    if (v.mois !== undefined) {
      var parts = String(v.mois).split("-"), y = +parts[0], m = +parts[1];
      if (parts.length !== 2 || !(m >= 1 && m <= 12) || !(y >= 1)) { return null; }
      var first = 1, last = new Date(Date.UTC(y, m, 0)).getUTCDate();
      if (p === "debut") { last = 10; } else if (p === "mi") { first = 11; last = 20; } else if (p === "fin") { first = 21; }
      return p === "avant" ? [MIN_DAY, dayBefore(iso(y, m, 1))] : [iso(y, m, first), iso(y, m, last)];
    }
    if (typeof v.annee === "number") {
      var s = SEASONS[v.saison];
      if (s) {
        var start = iso(v.annee, s[0], s[1]);
        return p === "avant" ? [MIN_DAY, dayBefore(start)] : [start, iso(v.saison === "hiver" ? v.annee + 1 : v.annee, s[2], s[3])];
      }
      return [iso(v.annee, 1, 1), iso(v.annee, 12, 31)];
    }
    return null;
  }
  function spans(campagne) { return (campagne.prises_de_poste || []).map(interval).filter(function (x) { return x; }); }
  function covers(campagne, start) {
    var found = spans(campagne), id = String(campagne.id);
    if (found.length) { return found.some(function (s) { return s[0] <= start && start <= s[1]; }); }
    var first = +id.slice(0, 4), last = +id.slice(-4), year = +start.slice(0, 4);
    return first <= year && year <= last + (first === last ? 1 : 0);
  }
  function latest(list) {
    var best = null;
    list.forEach(function (c) { if (best === null || String(c.id) > String(best.id)) { best = c; } });
    return best;
  }
  function chooseCampaign(rules, projet) {
    var campagnes = rules.campagnes || [];
    if (projet.campagne) { return campagnes.filter(function (c) { return c.id === String(projet.campagne); })[0] || null; }
    if (!isDate(projet.debut)) { return latest(campagnes); }
    return latest(campagnes.filter(function (c) { return covers(c, projet.debut); }));
  }
  function deadline(campagne, projet) {
    if (!campagne) { return projet.debut ? { statut: "sans_campagne", debut: projet.debut } : { statut: "sans_campagne" }; }
    var limit = campagne.date_limite || {};
    if (!isDate(limit.date)) { return { statut: "non_precisee", campagne: campagne.id }; }
    var base = { campagne: campagne.id, date_limite: limit.date, incluse: limit.incluse === undefined ? null : limit.incluse };
    function as(statut, extra) { var r = { statut: statut }; Object.keys(base).forEach(function (k) { r[k] = base[k]; }); Object.keys(extra || {}).forEach(function (k) { r[k] = extra[k]; }); return r; }
    var sent = projet.date_candidature;
    if (!isDate(sent)) { return as(INCONNU, { manquants: ["date_candidature"] }); }
    base.date_candidature = sent;
    if (sent < limit.date) { return as("a_temps"); }
    if (sent > limit.date) { return as("en_retard"); }
    return as(limit.incluse === true ? "a_temps" : (limit.incluse === false ? "en_retard" : INCONNU));
  }
  function priorities(rules, f, ctx) {
    return (rules.priorites || []).map(function (prio) {
      var role = prio.lieu, values = prio.valeurs || [], status = "a_apprecier";
      var items = role ? (f.byRole[role] || []) : (f.projet.structures || []).map(function (s, k) { return [k, s]; });
      if (prio.type === "departement_structure" && values.length) {
        var known = items.filter(function (p) { return p[1].commune; }).map(function (p) { return departement(p[1].commune); });
        status = known.some(function (d) { return values.indexOf(d) >= 0; }) ? "remplie" : (known.length ? "non_remplie" : INCONNU);
      } else if (prio.type === "type_structure" && values.length) {
        var kinds = items.filter(function (p) { return p[1].type; }).map(function (p) { return p[1].type; });
        var met = kinds.some(function (t) { return ctx.family(t).some(function (x) { return values.indexOf(x) >= 0; }); });
        status = met ? "remplie" : (kinds.length ? "a_apprecier" : INCONNU);
      } else if (prio.type === "specialites" && values.length) {
        var spec = f.candidat.specialite;
        status = !spec ? INCONNU : (values.indexOf(spec) >= 0 ? "remplie" : "non_remplie");
      }
      return { id: prio.id, libelle: prio.libelle, statut: status, source: prio.source === undefined ? null : prio.source };
    });
  }
  function referenceDate(campagne, projet) {
    if (isDate(projet.debut)) { return projet.debut; }
    if (!campagne) { return null; }
    if (isDate(campagne.date_reference)) { return campagne.date_reference; }
    var starts = spans(campagne).map(function (s) { return s[0]; }).filter(function (d) { return d !== MIN_DAY; }).sort();
    return starts.length ? starts[0] : iso(+String(campagne.id).slice(0, 4), 1, 1);
  }
  function valueAt(value, when) {
    if (!value || typeof value !== "object" || Array.isArray(value) || !("valeurs" in value)) { return value; }
    if (when === null) { return null; }
    var current = null;
    value.valeurs.forEach(function (item) {
      if (isDate(item.depuis) && item.depuis <= when && (!isDate(item.jusqu_au) || when <= item.jusqu_au)) { current = item; }
    });
    return current ? current.valeur : null;
  }
  function funding(rules, campagne, projet) {
    var when = referenceDate(campagne, projet);
    return (rules.financement || []).map(function (item) {
      var entry = {};
      ["id", "financeur", "fonds", "objet"].forEach(function (k) { if (item[k]) { entry[k] = item[k]; } });
      if ("part" in item) { entry.part = valueAt(item.part, when); }
      var montant = item.montant;
      if (montant) {
        var amount = valueAt(montant.valeur, when), months = item.duree_mois || projet.duree_mois;
        entry.montant = amount;
        entry.periode = montant.periode;
        if (amount !== null && amount !== undefined && montant.periode === "mois" && months) { entry.duree_mois = months; entry.total = amount * months; }
        else if (amount !== null && amount !== undefined && montant.periode === "an" && months) { entry.duree_mois = months; entry.total = Math.round(amount * months / 12 * 100) / 100; }
      } else if (item.duree_mois) { entry.duree_mois = item.duree_mois; }
      entry.date_lecture = when;
      entry.source = item.source === undefined ? null : item.source;
      return entry;
    });
  }

  // Ce que le médecin est payé selon les textes (engine.pay) : lu à la même date que le financement.
  function pay(rules, campagne, projet) {
    var when = referenceDate(campagne, projet);
    return (rules.remuneration || []).map(function (item) {
      var entry = {};
      ["id", "libelle"].forEach(function (k) { if (item[k]) { entry[k] = item[k]; } });
      var montant = item.montant || {}, amount = valueAt(montant.valeur, when), months = projet.duree_mois;
      entry.montant = amount === undefined ? null : amount;
      entry.periode = montant.periode === undefined ? null : montant.periode;
      ["brut", "hors"].forEach(function (k) { if (k in item) { entry[k] = item[k]; } });
      if (typeof amount === "number" && months && (montant.periode === "mois" || montant.periode === "an")) {
        entry.duree_mois = months;
        entry.total = montant.periode === "mois" ? amount * months : Math.round(amount * months / 12 * 100) / 100;
      }
      entry.date_lecture = when;
      entry.source = item.source === undefined ? null : item.source;
      return entry;
    });
  }

  // --- Variante éligible la plus proche : variants.py et la fonction nearest de chaque module de condition ---
  // Pour une condition « ko » : les changements du projet qui la remplissent ({texte, modifications}),
  // ou la raison pour laquelle aucun changement du projet ne le peut (un fait du candidat).
  function change(texte, modifications) { return { texte: texte, modifications: modifications }; }
  function lieuName(c) { return c.libelle || c.role || ""; }
  function categoryName(code, c) {
    var name = (c.libelles_categories || {})[code];
    if (!name) { return "zone " + code.replace("_PLUS", "+"); }
    var second = name.charAt(1);
    return second && second.toLowerCase() === second && second.toUpperCase() !== second ? name.charAt(0).toLowerCase() + name.slice(1) : name;
  }
  function categoriesText(c) {
    if (!c.libelles_categories || !Object.keys(c.libelles_categories).length) { return "zone " + list(c.categories.map(function (x) { return x.replace("_PLUS", "+"); })); }
    return list(c.categories.map(function (x) { return categoryName(x, c); }));
  }
  function nearestSum(field, phrase) {
    return function (c, o, f) {
      var total = o.value, low = c.min, high = c.max, target, word = "";
      if (c.valeur !== undefined) { target = c.valeur; }
      else if (c.valeurs !== undefined) {
        var inside = c.valeurs.filter(function (v) { return (low === undefined || v >= low) && (high === undefined || v <= high); });
        (inside.length ? inside : c.valeurs).forEach(function (v) { if (target === undefined || Math.abs(v - total) < Math.abs(target - total)) { target = v; } });
      } else if (low !== undefined && total < low) { target = low; word = "au moins "; }
      else { target = high; word = "au plus "; }
      var mods = {}, left = target - total;
      (f.byRole[c.role] || []).forEach(function (pair) {
        if (Math.abs(left) < 1e-9) { return; }
        var value = +pair[1][field], next = Math.max(0, value + left);
        left -= next - value;
        mods["structures[" + (pair[0] + 1) + "]." + field] = next;
      });
      return [change("avec " + phrase(word, target) + " au lieu « " + lieuName(c) + " »", mods)];
    };
  }
  var NEAREST = {
    specialite: function () { return "la spécialité du candidat n'est pas admise"; },
    duree: function (c, o) { var months = o.value < c.mois ? c.mois : c.max_mois; return [change("pour une durée de " + months + " mois", { duree_mois: months })]; },
    lieu: function (c, o, f, ctx, n) {
      var kinds = c.types || [], low = c.min === undefined || c.min === null ? 1 : c.min;
      var what = kinds.length ? "une structure de type " + list(kinds.map(n.type)) : "une structure";
      var text = "avec " + what + " au lieu « " + lieuName(c) + " »";
      if (o.value[0] === "nombre" && o.value[1] >= low) { return "le lieu « " + lieuName(c) + " » compte trop de structures"; }
      if (o.value[0] === "nombre") {
        var added = [];
        for (var i = o.value[1]; i < low; i++) { var s = { role: c.role }; if (kinds.length) { s.type = kinds[0]; } added.push(s); }
        return [change(text, { "structures[+]": added })];
      }
      var mods = {};
      (f.byRole[c.role] || []).forEach(function (pair) { if (!ctx.accepts(kinds, pair[1].type)) { mods["structures[" + (pair[0] + 1) + "].type"] = kinds[0]; } });
      return [change(text, mods)];
    },
    quotite: nearestSum("quotite", function (word, v) { return word + pct(v) + " du temps"; }),
    demi_journees: nearestSum("demi_journees", function (word, v) { return word + String(v).replace(".", ",") + " demi-journées par semaine"; }),
    zone: function (c, o, f) {
      var mods = {};
      (f.byRole[c.role] || []).forEach(function (pair) {
        var z = zonesOf(pair[1], f.zonage, c.categories);
        if (z.zones !== null && !z.zones.some(function (x) { return c.categories.indexOf(x) >= 0; })) {
          mods["structures[" + (pair[0] + 1) + "].commune"] = null;
          mods["structures[" + (pair[0] + 1) + "].zone"] = [c.categories[0]];
        }
      });
      return [change("avec une structure en " + categoriesText(c) + " au lieu « " + lieuName(c) + " »", mods)];
    },
    annees_depuis_fin_internat: function (c, o) { return o.value[2] && o.value[1] < o.value[2] ? "la fin de l'internat est trop récente" : "la fin de l'internat est trop ancienne"; },
    inscription_ordre: function () { return "l'inscription à l'Ordre est postérieure à la date exigée"; },
    des_obtenu: function () { return "le DES exigé n'est pas obtenu avant la prise de poste"; },
    diplome: function () { return "le candidat n'a pas le diplôme exigé"; },
    departement_structure: function () { return "la structure n'est pas dans un département admis"; },
    type_structure: function () { return "la structure n'est pas d'un type admis"; },
    etablissement_prioritaire: function (c, o, f) {
      var items = c.lieu ? (f.byRole[c.lieu] || []) : (f.projet.structures || []).map(function (s, k) { return [k, s]; }), mods = {};
      items.forEach(function (pair) { if (pair[1].prioritaire === false) { mods["structures[" + (pair[0] + 1) + "].prioritaire"] = true; } });
      return [change("dans un établissement prioritaire", mods)];
    },
    validation_chu: function () { return [change("avec la validation du dossier par le CHU de la subdivision", { validation_chu: true })]; }
  };
  function nearestOf(c, o, f, ctx, n) {
    if (c.type === "aucun") { return "une condition exclue est remplie"; }
    if (c.type === "tous" || c.type === "au_moins_un") {
      var found = [], reasons = [];
      for (var i = 0; i < c.conditions.length; i++) {
        if (o.children[i].status !== KO) { continue; }
        var answer = nearestOf(c.conditions[i], o.children[i], f, ctx, n);
        if (typeof answer === "string") { if (reasons.indexOf(answer) < 0) { reasons.push(answer); } }
        else if (c.type === "au_moins_un") { return answer; }
        else { found = found.concat(answer); }
      }
      return found.length && !reasons.length ? found : reasons.join(" ; ");
    }
    return NEAREST[c.type] ? NEAREST[c.type](c, o, f, ctx, n) : "aucune variante n'est calculée pour cette condition";
  }
  function copy(value) { return JSON.parse(JSON.stringify(value)); }
  function applyChanges(projet, changes) {
    var result = copy(projet), structures = result.structures || [];
    result.structures = structures;
    changes.forEach(function (item) {
      Object.keys(item.modifications).forEach(function (path) {
        var value = item.modifications[path];
        if (path === "structures[+]") { value.forEach(function (s) { structures.push(copy(s)); }); return; }
        var m = /^structures\[(\d+)\]\.(\w+)$/.exec(path), target = m ? structures[+m[1] - 1] : result, key = m ? m[2] : path;
        if (value === null) { delete target[key]; } else { target[key] = copy(value); }
      });
    });
    if (!structures.length) { delete result.structures; }
    return result;
  }
  function deadlineChange(delai) {
    if (delai.incluse === true) { return change("en déposant au plus tard le " + dayWords(delai.date_limite), { date_candidature: delai.date_limite }); }
    return change("en déposant avant le " + dayWords(delai.date_limite), { date_candidature: dayBefore(delai.date_limite) });
  }
  function variant(rulebook, region, dispositif, candidat, projet, evaluation, f, ctx) {
    var late = evaluation.delai.statut === "en_retard";
    if (evaluation.verdict !== "non_eligible" && !late) { return null; }
    var changes = [], reasons = [], n = names(rulebook);
    evaluation.resultats.forEach(function (r) {
      if (r.outcome.status !== KO) { return; }
      var answer = nearestOf(r.condition, r.outcome, f, ctx, n);
      if (typeof answer === "string") { if (reasons.indexOf(answer) < 0) { reasons.push(answer); } } else { changes = changes.concat(answer); }
    });
    if (reasons.length) { return { possible: false, raison: reasons.join(" ; ") }; }
    if (late) { changes.push(deadlineChange(evaluation.delai)); }
    var again = evaluate(rulebook, region, dispositif, candidat, applyChanges(projet, changes), false);
    if (again.verdict === "non_eligible" || again.delai.statut === "en_retard") { return { possible: false, raison: "aucun changement du projet calculé à partir des seuils ne suffit" }; }
    var found = { possible: true, texte: joinWith(changes.map(function (c) { return c.texte; }), "et"), changements: changes, verdict: again.verdict };
    if (evaluation.verdict !== "non_eligible") { found.delai_seulement = true; } // éligible, seulement déposé trop tard
    return found;
  }

  // Une évaluation : verdict, conditions, informations manquantes, et comme evaluate : campagne,
  // délai, priorités, financement et (sauf pour une variante elle-même) la variante la plus proche.
  function evaluate(rulebook, region, dispositif, candidat, projet, withVariant) {
    var regionData = rulebook.regions[region], rules = regionData.dispositifs[dispositif], ctx = makeContext(rulebook);
    var attached = assign(rules, projet.structures || [], ctx);
    var f = { candidat: candidat, projet: projet, byRole: attached.byRole, zonage: regionData.zonage };
    var results = rules.conditions.map(function (c) { return { condition: c, outcome: check(c, f, ctx) }; });
    var statuses = results.map(function (r) { return r.outcome.status; });
    var verdict = statuses.indexOf(KO) >= 0 ? "non_eligible" : (statuses.indexOf(INCONNU) >= 0 ? "a_completer" : "eligible");
    var missing = [];
    results.forEach(function (r) { if (r.outcome.status === INCONNU) { r.outcome.missing.forEach(function (m) { if (missing.indexOf(m) < 0) { missing.push(m); } }); } });
    var campagne = chooseCampaign(rules, projet);
    var evaluation = {
      region: region, dispositif: dispositif, nom: rules.nom, verdict: verdict, resultats: results, manquants: missing, nonRattachees: attached.unassigned,
      campagne: campagne ? campagne.id : null, delai: deadline(campagne, projet), priorites: priorities(rules, f, ctx), financement: funding(rules, campagne, projet),
      remuneration: pay(rules, campagne, projet)
    };
    evaluation.variante = withVariant ? variant(rulebook, region, dispositif, candidat, projet, evaluation, f, ctx) : null;
    return evaluation;
  }

  function evaluer(rulebook, region, dispositif, candidat, projet) { return evaluate(rulebook, region, dispositif, candidat, projet, true); }

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

  // --- Les résultats en français, comme la sortie texte d'evaluate (evaluation_report.py, explain.py) ---
  var DELAIS = { a_temps: "dans les délais", en_retard: "hors délai", inconnu: "à vérifier", non_precisee: "date limite non précisée par les textes", sans_campagne: "aucune campagne publiée ne recrute à cette date de prise de poste" };
  var PRIORITES = { remplie: "remplie", non_remplie: "non remplie", a_apprecier: "à apprécier par la commission", inconnu: "information manquante" };
  var PERIODES = { mois: "par mois", an: "par an" };
  function euros(v) {
    var text = Number.isInteger(v) ? String(v) : v.toFixed(2);
    var parts = text.split("."), whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f");
    return whole + (parts[1] ? "," + parts[1] : "") + " €";
  }
  // Une information manquante en mots (labels.missing) : le nom de chaque champ vient du schéma des
  // candidats (rulebook.champs), un lieu est nommé par son libellé, jamais par son rôle.
  function lieuxDe(conditions) {  // explain.lieux_of
    var found = {};
    (conditions || []).forEach(function (c) {
      if (c.type === "lieu" && c.role && c.libelle) { found[c.role] = c.libelle; }
      else if (c.lieu && c.libelle_lieu && !Object.prototype.hasOwnProperty.call(found, c.lieu)) { found[c.lieu] = c.libelle_lieu; }
      var inner = lieuxDe(c.conditions);
      Object.keys(inner).forEach(function (k) { if (!Object.prototype.hasOwnProperty.call(found, k)) { found[k] = inner[k]; } });
    });
    return found;
  }
  function manquant(code, rules, rulebook) {
    var fields = (rulebook && rulebook.champs) || {};
    if (fields[code]) { return fields[code]; }
    var m = /^structures\[(\d+)\]\.(\w+)$/.exec(code);
    if (m) { return (fields[m[2]] || m[2]) + " de la structure n°" + m[1]; }
    m = /^structures\[role=([\w-]+)\](?:\.(\w+))?$/.exec(code);
    if (m) {
      var lieux = lieuxDe((rules || {}).conditions);
      return "structure pour le lieu « " + (lieux[m[1]] || m[1]) + " »" + (m[2] ? " (avec sa " + (fields[m[2]] || m[2]) + ")" : "");
    }
    return code;
  }
  var textes = {
    manquant: manquant,
    delai: function (d) {
      var text = DELAIS[d.statut] || d.statut;
      if (d.date_limite) {
        text += " (date limite " + frDate(d.date_limite) + (d.incluse === true ? ", jour inclus" : (d.incluse === false ? ", jour exclu" : ""));
        if (d.date_candidature) { text += " ; dépôt le " + frDate(d.date_candidature); }
        else if (d.statut === INCONNU) { text += " ; date de dépôt non renseignée"; }
        text += ")";
        if (d.statut === INCONNU && d.date_candidature) { text += " : dépôt le jour même, et le texte ne dit pas si ce jour est accepté"; }
      }
      return text;
    },
    // Le délai d'une campagne dont la date limite est passée au jour de construction du site
    // (« jour », AAAA-MM-JJ) quand le candidat n'a pas donné de date de dépôt : la campagne est close
    // (comme le dit la ligne « Candidatures au … » de la page), et non un délai « à vérifier ».
    delaiPasse: function (d, campagne, jour) {
      if (!d || d.statut !== INCONNU || d.date_candidature || !isDate(d.date_limite) || !isDate(jour)) { return null; }
      if (!(d.date_limite < jour || (d.date_limite === jour && d.incluse === false))) { return null; }
      return (campagne ? "campagne " + campagne + " close : " : "campagne close : ") + "la date limite (" + dayWords(d.date_limite) + ") est passée ; la prochaine campagne n'est pas encore annoncée";
    },
    priorite: function (p) { return p.libelle + " : " + (PRIORITES[p.statut] || p.statut); },
    remuneration: function (r) {  // explain.pay_text
      var gross = r.brut === true ? " brut" : (r.brut === false ? " net" : "");
      var text = typeof r.montant === "number" ? euros(r.montant) + gross + (r.periode === "unique" ? " en une fois" : (PERIODES[r.periode] ? " " + PERIODES[r.periode] : "")) : "montant non précisé par les textes";
      if (r.hors) { text += ", hors " + r.hors; }
      if (typeof r.total === "number") { text += ", soit " + euros(r.total) + gross + " sur " + r.duree_mois + " mois"; }
      return (r.libelle || "") + " : " + text;
    },
    financement: function (f) {
      var text = (f.financeur || "") + (f.fonds ? " (" + f.fonds + ")" : ""), bits = [];
      if (typeof f.part === "number") { bits.push(pct(f.part)); }
      if (typeof f.montant === "number") { bits.push(euros(f.montant) + (PERIODES[f.periode] ? " " + PERIODES[f.periode] : "")); }
      if (typeof f.total === "number") { bits.push("total " + euros(f.total) + " sur " + f.duree_mois + " mois"); }
      else if (f.duree_mois && typeof f.montant !== "number") { bits.push("pendant " + f.duree_mois + " mois"); }
      return (text + (bits.length ? " : " + bits.join(", ") : "") + (f.objet ? " — " + f.objet : "")).trim();
    },
    variante: function (v) {
      if (!v) { return ""; }
      if (!v.possible) { return "Aucune variante éligible : " + v.raison + "."; }
      var after = v.verdict !== "eligible" ? " (dossier ensuite à compléter)." : ".";
      return (v.delai_seulement ? "Pour être dans les délais : " : "Variante éligible la plus proche : ") + v.texte + after;
    }
  };

  global.PostinternatEvaluateur = { charger: charger, evaluer: evaluer, statuts: statuts, expliquer: expliquer, types: TYPES, addMonths: addMonths, nearest: NEAREST, interval: interval, textes: textes };
})(typeof window !== "undefined" ? window : globalThis);
