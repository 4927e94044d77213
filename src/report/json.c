/* json.c - the JSON report (docs/report.schema.json): findings, objects, rule results. */
#include <stdlib.h>
#include <string.h>
#include <gnutls/gnutls.h>
#include "report/report.h"
#include "util/str.h"
#include "x509/oids.h"

static json_t *jtime(cd_time_t t)
{
	char b[40];
	if (t == CD_TIME_NONE)
		return json_null();
	cd_time_format(t, b, sizeof(b));
	return json_string(b);
}

static json_t *jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *jhex(const uint8_t *p, size_t n)
{
	char *h;
	json_t *j;
	if (!n)
		return json_null();
	h = cd_hex_new(p, n, 0);
	j = json_string(h ? h : "");
	free(h);
	return j;
}

static json_t *jkey(const struct cd_pubkey *k)
{
	json_t *j = json_object();
	if (!k->known) {
		json_object_set_new(j, "algorithm", json_null());
		return j;
	}
	json_object_set_new(j, "algorithm", json_string(k->algo_name));
	json_object_set_new(j, "bits", json_integer(k->bits));
	if (k->curve[0])
		json_object_set_new(j, "curve", json_string(k->curve));
	json_object_set_new(j, "spki_sha256", jhex(k->spki_sha256, 32));
	return j;
}

static json_t *jsan(const struct cd_san *s, size_t n, json_t **typed)
{
	json_t *a = json_array();
	*typed = json_array();
	for (size_t i = 0; i < n; i++) {
		json_array_append_new(a, json_string(s[i].value));
		json_array_append_new(*typed, json_pack("{s:s,s:s}", "type", cd_san_type_name(s[i].type),
							"value", s[i].value));
	}
	return a;
}

static json_t *jstrv(char **v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

static json_t *jku(unsigned ku)
{
	json_t *a = json_array();
	for (size_t i = 0; cd_ku_bits[i].name; i++)
		if (ku & cd_ku_bits[i].bit)
			json_array_append_new(a, json_string(cd_ku_bits[i].name));
	return a;
}

static json_t *jeku(char **v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		const char *nm = cd_eku_name(v[i]);
		json_array_append_new(a, json_pack("{s:s,s:o}", "oid", v[i], "name", jstr(nm)));
	}
	return a;
}

static json_t *jrole(const struct cd_role *r)
{
	char b[96];
	cd_role_format(r, b, sizeof(b));
	return b[0] ? json_string(b) : json_null();
}

static json_t *jsource(const struct cd_source *s)
{
	json_t *j = json_object();
	json_object_set_new(j, "path", jstr(s->path));
	json_object_set_new(j, "rel", jstr(s->rel));
	json_object_set_new(j, "offset", json_integer((json_int_t)s->offset));
	json_object_set_new(j, "pem_block", s->pem_block ? json_integer((json_int_t)s->pem_block) : json_null());
	json_object_set_new(j, "container", s->container[0] ? json_string(s->container) : json_null());
	json_object_set_new(j, "position", s->position ? json_integer(s->position) : json_null());
	json_object_set_new(j, "locator", s->locator ? json_string(s->locator) : json_null());
	json_object_set_new(j, "frame", s->frame ? json_integer((json_int_t)s->frame) : json_null());
	json_object_set_new(j, "role", jrole(&s->role));
	json_object_set_new(j, "node", s->role.node[0] ? json_string(s->role.node) : json_null());
	return j;
}

json_t *cd_json_object(const struct cd_object *o)
{
	json_t *j = json_object(), *typed = NULL, *srcs = json_array(), *roles = json_array();
	const struct cd_role *role = NULL;
	const char *node = NULL;
	json_object_set_new(j, "id", json_string(o->id));
	json_object_set_new(j, "kind", json_string(cd_kind_name(o->kind)));
	json_object_set_new(j, "sha256", json_string(o->sha256_hex));
	json_object_set_new(j, "sha1", jhex(o->sha1, 20));
	for (size_t i = 0; i < o->n_sources; i++) {
		const struct cd_role *r = &o->sources[i].role;
		json_array_append_new(srcs, jsource(&o->sources[i]));
		if (r->kind) {
			char b[96];
			int dup = 0;
			cd_role_format(r, b, sizeof(b));
			for (size_t k = 0; k < json_array_size(roles); k++)
				dup |= !strcmp(json_string_value(json_array_get(roles, k)), b);
			if (!dup)
				json_array_append_new(roles, json_string(b));
			if (!role)
				role = r;
			if (!node && r->node[0])
				node = r->node;
		}
	}
	switch (o->kind) {
	case CD_KIND_CERT: {
		const struct cd_cert *c = o->u.cert;
		json_object_set_new(j, "subject", json_string(c->subject.display));
		json_object_set_new(j, "issuer", json_string(c->issuer.display));
		json_object_set_new(j, "subject_cn", jstr(c->subject.cn));
		json_object_set_new(j, "serial", json_string(c->serial_hex));
		json_object_set_new(j, "version", json_integer(c->version));
		json_object_set_new(j, "not_before", jtime(c->not_before));
		json_object_set_new(j, "not_after", jtime(c->not_after));
		json_object_set_new(j, "san", jsan(c->san, c->n_san, &typed));
		json_object_set_new(j, "san_typed", typed);
		json_object_set_new(j, "san_chars", json_integer((json_int_t)c->san_chars));
		json_object_set_new(j, "key", jkey(&c->key));
		json_object_set_new(j, "signature_algorithm", json_string(c->sig_name));
		json_object_set_new(j, "signature_oid", json_string(c->sig_oid));
		json_object_set_new(j, "is_ca", c->bc_present ? json_boolean(c->is_ca) : json_null());
		json_object_set_new(j, "path_len", c->pathlen >= 0 ? json_integer(c->pathlen) : json_null());
		json_object_set_new(j, "key_usage", c->ku_present ? jku(c->ku) : json_null());
		json_object_set_new(j, "extended_key_usage", c->eku_present ? jeku(c->eku, c->n_eku) : json_null());
		json_object_set_new(j, "ski", jhex(c->ski, c->ski_len));
		json_object_set_new(j, "aki", jhex(c->aki, c->aki_len));
		json_object_set_new(j, "self_issued", json_boolean(c->self_issued));
		json_object_set_new(j, "self_signed", json_boolean(c->self_signed));
		json_object_set_new(j, "policies", jstrv(c->policies, c->n_policies));
		json_object_set_new(j, "ocsp", jstrv(c->ocsp, c->n_ocsp));
		json_object_set_new(j, "ca_issuers", jstrv(c->ca_issuers, c->n_ca_issuers));
		json_object_set_new(j, "crl_distribution_points", jstrv(c->crl_dp, c->n_crl_dp));
		{
			json_t *e = json_array();
			for (size_t i = 0; i < c->n_exts; i++)
				json_array_append_new(e, json_pack("{s:s,s:o,s:b}", "oid", c->exts[i].oid,
								   "name", jstr(cd_ext_name(c->exts[i].oid)),
								   "critical", c->exts[i].critical));
			json_object_set_new(j, "extensions", e);
		}
		break;
	}
	case CD_KIND_CSR: {
		const struct cd_csr *c = o->u.csr;
		json_object_set_new(j, "subject", json_string(c->subject.display));
		json_object_set_new(j, "issuer", json_null());
		json_object_set_new(j, "subject_cn", jstr(c->subject.cn));
		json_object_set_new(j, "not_before", json_null());
		json_object_set_new(j, "not_after", json_null());
		json_object_set_new(j, "san", jsan(c->san, c->n_san, &typed));
		json_object_set_new(j, "san_typed", typed);
		json_object_set_new(j, "san_chars", json_integer((json_int_t)c->san_chars));
		json_object_set_new(j, "key", jkey(&c->key));
		json_object_set_new(j, "signature_algorithm", json_string(c->sig_name));
		json_object_set_new(j, "signature_valid", c->sig_ok < 0 ? json_null() : json_boolean(c->sig_ok));
		json_object_set_new(j, "key_usage", c->ku_present ? jku(c->ku) : json_null());
		json_object_set_new(j, "extended_key_usage", c->n_eku ? jeku(c->eku, c->n_eku) : json_null());
		break;
	}
	case CD_KIND_CRL: {
		const struct cd_crl *c = o->u.crl;
		json_object_set_new(j, "subject", json_null());
		json_object_set_new(j, "issuer", json_string(c->issuer.display));
		json_object_set_new(j, "not_before", jtime(c->this_update));
		json_object_set_new(j, "not_after", jtime(c->next_update));
		json_object_set_new(j, "san", json_array());
		json_object_set_new(j, "revoked", json_integer((json_int_t)c->n_revoked));
		json_object_set_new(j, "signature_algorithm", json_string(c->sig_name));
		json_object_set_new(j, "aki", jhex(c->aki, c->aki_len));
		break;
	}
	case CD_KIND_PKCS7:
	case CD_KIND_PKCS12:
		json_object_set_new(j, "subject", json_null());
		json_object_set_new(j, "issuer", json_null());
		json_object_set_new(j, "not_before", json_null());
		json_object_set_new(j, "not_after", json_null());
		json_object_set_new(j, "san", json_array());
		json_object_set_new(j, "certificates", json_integer(o->u.container->n_certs));
		json_object_set_new(j, "crls", json_integer(o->u.container->n_crls));
		if (o->kind == CD_KIND_PKCS12)
			json_object_set_new(j, "encrypted", json_boolean(o->u.container->encrypted));
		break;
	case CD_KIND_KEY:
		json_object_set_new(j, "subject", json_null());
		json_object_set_new(j, "issuer", json_null());
		json_object_set_new(j, "not_before", json_null());
		json_object_set_new(j, "not_after", json_null());
		json_object_set_new(j, "san", json_array());
		json_object_set_new(j, "format", json_string(o->u.key->format));
		json_object_set_new(j, "encrypted", json_boolean(o->u.key->encrypted));
		json_object_set_new(j, "key", jkey(&o->u.key->key));
		break;
	case CD_KIND_ITL:
	case CD_KIND_CTL: cd_json_trustlist(j, o); break;
	default: break;
	}
	json_object_set_new(j, "role", role ? jrole(role) : json_null());
	json_object_set_new(j, "roles", roles);
	json_object_set_new(j, "node", jstr(node));
	json_object_set_new(j, "sources", srcs);
	return j;
}

static json_t *jfinding(const struct cd_model *m, const struct cd_finding *f)
{
	json_t *j = json_object(), *objs = json_array(), *where = json_object();
	for (size_t i = 0; i < f->n_objects; i++)
		json_array_append_new(objs, json_string(m->objects[f->objects[i]]->id));
	json_object_set_new(j, "rule", json_string(f->rule->id));
	json_object_set_new(j, "severity", json_string(cd_severity_name(f->rule->severity)));
	json_object_set_new(j, "title", json_string(f->rule->title));
	json_object_set_new(j, "message", json_string(f->message));
	json_object_set_new(j, "objects", objs);
	json_object_set_new(where, "path", jstr(f->path));
	json_object_set_new(where, "rel", jstr(f->rel));
	json_object_set_new(where, "offset", f->has_offset ? json_integer((json_int_t)f->offset) : json_null());
	json_object_set_new(where, "pem_block", f->pem_block ? json_integer((json_int_t)f->pem_block) : json_null());
	json_object_set_new(j, "where", where);
	json_object_set_new(j, "evidence", json_incref(f->evidence));
	/* the finding's own wording when it has one (e.g. the CSR path of the purpose) */
	{
		const char *pm = json_string_value(json_object_get(f->evidence, "product_message"));
		json_object_set_new(j, "product_message", jstr(pm ? pm : f->rule->product_message));
	}
	json_object_set_new(j, "remediation", json_string(f->rule->remediation));
	return j;
}

json_t *cd_json_report(const struct cd_scan *s, const struct cd_scan_opts *o, const char *fail_on,
		       int exit_code)
{
	json_t *j = json_object(), *f = json_array(), *objs = json_array(), *res = json_array(),
	       *in = json_array(), *sum = json_object(), *kinds = json_object();
	size_t sev[3] = {0, 0, 0};
	for (size_t i = 0; i < o->n_paths; i++)
		json_array_append_new(in, json_string(o->paths[i]));
	for (size_t i = 0; i < s->report.n_findings; i++) {
		json_array_append_new(f, jfinding(&s->model, &s->report.findings[i]));
		sev[s->report.findings[i].rule->severity]++;
	}
	for (size_t i = 0; i < s->model.n_objects; i++) {
		const struct cd_object *ob = s->model.objects[i];
		json_t *k = json_object_get(kinds, cd_kind_name(ob->kind));
		json_object_set_new(kinds, cd_kind_name(ob->kind),
				    json_integer(k ? json_integer_value(k) + 1 : 1));
		json_array_append_new(objs, cd_json_object(ob));
	}
	for (size_t i = 0; i < s->report.n_results; i++) {
		const struct cd_rule_result *r = &s->report.results[i];
		json_t *jr = json_pack("{s:s,s:s,s:I,s:I}", "rule", r->rule->id, "result",
				       r->result == CD_RESULT_FATAL  ? "fatal"
				       : r->result == CD_RESULT_FAIL ? "fail"
				       : r->result == CD_RESULT_PASS ? "pass"
								     : "not-applicable",
				       "applied", (json_int_t)r->applied, "findings", (json_int_t)r->fired);
		if (r->result == CD_RESULT_FATAL)
			json_object_set_new(jr, "error", json_string(cd_strerror(r->error)));
		json_array_append_new(res, jr);
	}
	json_object_set_new(sum, "errors", json_integer((json_int_t)sev[CD_SEV_ERROR]));
	json_object_set_new(sum, "warnings", json_integer((json_int_t)sev[CD_SEV_WARNING]));
	json_object_set_new(sum, "info", json_integer((json_int_t)sev[CD_SEV_INFO]));
	json_object_set_new(sum, "objects", json_integer((json_int_t)s->model.n_objects));
	json_object_set_new(sum, "objects_by_kind", kinds);
	json_object_set_new(sum, "files", json_integer((json_int_t)s->model.stats.files));
	json_object_set_new(sum, "chains", json_integer((json_int_t)s->chains.n_chains));
	json_object_set_new(sum, "signature_verifications", json_integer((json_int_t)s->chains.verifications));
	json_object_set_new(sum, "fail_on", json_string(fail_on));
	json_object_set_new(sum, "exit_code", json_integer(exit_code));

	json_object_set_new(j, "format", json_string("certdiag-report"));
	json_object_set_new(j, "version", json_integer(CD_JSON_SCHEMA_VERSION));
	json_object_set_new(j, "certdiag_version", json_string(CD_VERSION));
	json_object_set_new(j, "evaluated_at", jtime(o->eval.at));
	json_object_set_new(j, "inputs", in);
	json_object_set_new(j, "summary", sum);
	json_object_set_new(j, "findings", f);
	json_object_set_new(j, "objects", objs);
	json_object_set_new(j, "chains", cd_json_chains(&s->chains, &s->model));
	json_object_set_new(j, "rule_results", res);
	{
		json_t *cs = json_array();
		for (size_t i = 0; i < s->model.n_conns; i++)
			json_array_append_new(cs, cd_json_conn(&s->model, &s->model.conns[i]));
		json_object_set_new(j, "connections", cs);
	}
	return j;
}
