/* Évaluateur des règles de post-internat, dans le navigateur.
 *
 * Même logique que postinternat_config/engine.py, sur les mêmes données (donnees/regles.json) :
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
    var declared = structure.zone ? (Array.isArray(structure.zone) ? structure.zone : [structure.zone]) : [];
    var known = zonage.categories || [];
    for (var i = 0; i < declared.length; i++) {
      if (known.length && known.indexOf(declared[i]) < 0) { return { zones: found.length ? found : null, origin: "inconnue:" + declared[i] }; }
      if (found.indexOf(declared[i]) < 0) { found.push(declared[i]); }
      origin = origin || "declaree";
    }
    if (found.length) { return { zones: found, origin: origin }; }
    var listed = zonage.categories_listees || [];
    if (structure.commune && required.every(function (c) { return listed.indexOf(c) >= 0; })) { return { zones: [], origin: "liste" }; }
    return { zones: null, origin: null };
  }

  function check(cond, f, ctx) {
    var role = cond.role || cond.lieu, structures = f.projet.structures || [], items, i;
    function noStructures() { return !structures.length; }
    switch (cond.type) {
      case "specialite": {
        var spec = f.candidat.specialite;
        if (!spec) { return outcome(INCONNU, null, ["specialite"]); }
        var inside = (cond.des || []).indexOf(spec) >= 0;
        return outcome(inside === (cond.mode !== "hors") ? OK : KO, spec);
      }
      case "duree": {
        var months = f.projet.duree_mois;
        if (months === undefined || months === null || months === "") { return outcome(INCONNU, null, ["duree_mois"]); }
        return outcome(months >= cond.mois && months <= cond.max_mois ? OK : KO, months);
      }
      case "lieu": {
        if (noStructures()) { return outcome(INCONNU, null, ["structures"]); }
        items = f.byRole[role] || [];
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
      }
      case "quotite":
      case "demi_journees": {
        if (noStructures()) { return outcome(INCONNU, null, ["structures"]); }
        items = f.byRole[role] || [];
        if (!items.length) { return outcome(INCONNU, null, ["structures[role=" + role + "]." + cond.type]); }
        var total = 0, absent = [];
        items.forEach(function (pair) {
          var v = pair[1][cond.type];
          if (v === undefined || v === null || v === "") { absent.push("structures[" + (pair[0] + 1) + "]." + cond.type); } else { total += +v; }
        });
        if (absent.length) { return outcome(INCONNU, null, absent); }
        var eq = function (x, y) { return Math.abs(x - y) < 1e-9; };
        var good = (cond.min === undefined || total >= cond.min - 1e-9) && (cond.max === undefined || total <= cond.max + 1e-9)
          && (cond.valeur === undefined || eq(total, cond.valeur)) && (cond.valeurs === undefined || cond.valeurs.some(function (v) { return eq(total, v); }));
        return outcome(good ? OK : KO, total);
      }
      case "zone": {
        if (noStructures()) { return outcome(INCONNU, null, ["structures"]); }
        items = f.byRole[role] || [];
        if (!items.length) { return outcome(INCONNU, null, ["structures[role=" + role + "]"]); }
        var status = OK, seen = [], miss = [];
        items.forEach(function (pair) {
          var z = zonesOf(pair[1], f.zonage, cond.categories);
          seen.push([pair[1].commune || null, z.zones, z.origin]);
          if (z.zones === null) { miss.push("structures[" + (pair[0] + 1) + "].zone"); if (status === OK) { status = INCONNU; } }
          else if (!z.zones.some(function (c) { return cond.categories.indexOf(c) >= 0; })) { status = KO; }
        });
        return outcome(status, seen, status === INCONNU ? miss : []);
      }
      case "annees_depuis_fin_internat": {
        var end = f.candidat.fin_internat, start = f.projet.debut, missing = [];
        if (!isDate(end)) { missing.push("fin_internat"); }
        if (!isDate(start)) { missing.push("debut"); }
        if (missing.length) { return outcome(INCONNU, null, missing); }
        var latest = cond.max !== undefined ? addMonths(end, Math.round(cond.max * 12)) : null;
        var earliest = cond.min !== undefined ? addMonths(end, Math.round(cond.min * 12)) : null;
        return outcome((latest === null || start <= latest) && (earliest === null || start >= earliest) ? OK : KO, [end, start, earliest, latest]);
      }
      case "inscription_ordre": {
        var reg = f.candidat.inscription_ordre, begin = f.projet.debut, lacking = [];
        if (!isDate(reg)) { lacking.push("inscription_ordre"); }
        if (!isDate(begin)) { lacking.push("debut"); }
        if (lacking.length) { return outcome(INCONNU, null, lacking); }
        var limit = begin.slice(0, 4) + "-" + cond.au_plus_tard;
        return outcome(reg <= limit ? OK : KO, [reg, limit]);
      }
      case "des_obtenu": {
        var s = f.candidat.specialite;
        if (!s) { return outcome(INCONNU, null, ["specialite"]); }
        if ((cond.des || []).indexOf(s) < 0) { return outcome(KO, s); }
        if (!isDate(f.candidat.date_des)) { return outcome(INCONNU, s, ["date_des"]); }
        return outcome(!isDate(f.projet.debut) || f.candidat.date_des <= f.projet.debut ? OK : KO, f.candidat.date_des);
      }
      case "departement_structure":
      case "type_structure": {
        if (noStructures()) { return outcome(INCONNU, null, ["structures"]); }
        items = role ? (f.byRole[role] || []) : structures.map(function (s, k) { return [k, s]; });
        if (!items.length) { return outcome(INCONNU, null, ["structures[role=" + role + "]"]); }
        var field = cond.type === "departement_structure" ? "commune" : "type", st = [], abs = [];
        items.forEach(function (pair) {
          var v = pair[1][field];
          if (!v) { st.push(INCONNU); abs.push("structures[" + (pair[0] + 1) + "]." + field); return; }
          var good = cond.type === "departement_structure" ? cond.valeurs.indexOf(departement(v)) >= 0 : ctx.family(v).some(function (x) { return cond.valeurs.indexOf(x) >= 0; });
          st.push(good ? OK : KO);
        });
        return outcome(combine(st), null, abs);
      }
      case "tous":
      case "au_moins_un":
      case "aucun": {
        var children = cond.conditions.map(function (c) { return check(c, f, ctx); });
        var statuses = children.map(function (o) { return o.status; }), result;
        if (cond.type === "tous") { result = combine(statuses); }
        else if (cond.type === "au_moins_un") { result = statuses.indexOf(OK) >= 0 ? OK : (statuses.indexOf(INCONNU) >= 0 ? INCONNU : KO); }
        else { result = statuses.indexOf(OK) >= 0 ? KO : (statuses.indexOf(INCONNU) >= 0 ? INCONNU : OK); }
        var m2 = [];
        if (result === INCONNU) { children.forEach(function (o) { if (o.status === INCONNU) { o.missing.forEach(function (x) { if (m2.indexOf(x) < 0) { m2.push(x); } }); } }); }
        return outcome(result, null, m2, children);
      }
    }
    return outcome(INCONNU, null, [cond.type]);
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

  global.PostinternatEvaluateur = { evaluer: evaluer, statuts: statuts, addMonths: addMonths };
})(typeof window !== "undefined" ? window : globalThis);
