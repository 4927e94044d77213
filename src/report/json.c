/* json.c - the JSON report of every command (docs/report.schema.json), written as a stream:
 * objects, findings, chains and connections go out as they are walked, nothing is built as a
 * tree (a capture with thousands of connections costs little more than the analysis). */
#include <stdlib.h>
#include <string.h>
#include "report/common.h"
#include "util/error.h"
#include "util/str.h"
#include "x509/oids.h"

static void jtime(struct cd_jw *w, cd_time_t t)
{
	char b[40];
	if (t == CD_TIME_NONE) {
		cd_jw_null(w);
		return;
	}
	cd_time_format(t, b, sizeof(b));
	cd_jw_str(w, b);
}

static void kjtime(struct cd_jw *w, const char *k, cd_time_t t)
{
	cd_jw_key(w, k);
	jtime(w, t);
}

static void jkey(struct cd_jw *w, const struct cd_pubkey *k)
{
	cd_jw_object(w);
	if (!k->known) {
		cd_jw_knull(w, "algorithm");
		cd_jw_end(w);
		return;
	}
	cd_jw_kstr(w, "algorithm", k->algo_name);
	cd_jw_kint(w, "bits", k->bits);
	if (k->curve[0])
		cd_jw_kstr(w, "curve", k->curve);
	cd_jw_key(w, "spki_sha256");
	cd_jw_hex(w, k->spki_sha256, 32);
	cd_jw_end(w);
}

static void jsan(struct cd_jw *w, const struct cd_san *s, size_t n)
{
	cd_jw_key(w, "san");
	cd_jw_array(w);
	for (size_t i = 0; i < n; i++)
		cd_jw_str(w, s[i].value);
	cd_jw_end(w);
	cd_jw_key(w, "san_typed");
	cd_jw_array(w);
	for (size_t i = 0; i < n; i++) {
		cd_jw_object(w);
		cd_jw_kstr(w, "type", cd_san_type_name(s[i].type));
		cd_jw_kstr(w, "value", s[i].value);
		cd_jw_end(w);
	}
	cd_jw_end(w);
}

static void jstrv(struct cd_jw *w, const char *k, char **v, size_t n)
{
	cd_jw_key(w, k);
	cd_jw_array(w);
	for (size_t i = 0; i < n; i++)
		cd_jw_str(w, v[i]);
	cd_jw_end(w);
}

static void jku(struct cd_jw *w, int present, unsigned ku)
{
	cd_jw_key(w, "key_usage");
	if (!present) {
		cd_jw_null(w);
		return;
	}
	cd_jw_array(w);
	for (size_t i = 0; cd_ku_bits[i].name; i++)
		if (ku & cd_ku_bits[i].bit)
			cd_jw_str(w, cd_ku_bits[i].name);
	cd_jw_end(w);
}

static void jeku(struct cd_jw *w, int present, char **v, size_t n)
{
	cd_jw_key(w, "extended_key_usage");
	if (!present) {
		cd_jw_null(w);
		return;
	}
	cd_jw_array(w);
	for (size_t i = 0; i < n; i++) {
		cd_jw_object(w);
		cd_jw_kstr(w, "oid", v[i]);
		cd_jw_kstr(w, "name", cd_eku_name(v[i]));
		cd_jw_end(w);
	}
	cd_jw_end(w);
}

static void jrole(struct cd_jw *w, const char *k, const struct cd_role *r)
{
	char b[96] = "";
	if (r)
		cd_role_format(r, b, sizeof(b));
	cd_jw_kstr(w, k, b[0] ? b : NULL);
}

/* Where a role came from and why (docs/roles.md): null when there is no role. */
static void jrole_origin(struct cd_jw *w, const struct cd_role *r)
{
	cd_jw_kstr(w, "role_source", r && r->kind ? cd_role_origin_name(r->origin) : NULL);
	cd_jw_kstr(w, "role_reason", r && r->kind ? r->reason : NULL);
}

static void jsource(struct cd_jw *w, const struct cd_source *s)
{
	cd_jw_object(w);
	cd_jw_kstr(w, "path", s->path);
	cd_jw_kstr(w, "rel", s->rel);
	cd_jw_kint(w, "offset", (long long)s->offset);
	cd_jw_key(w, "pem_block");
	if (s->pem_block)
		cd_jw_int(w, (long long)s->pem_block);
	else
		cd_jw_null(w);
	cd_jw_kstr(w, "container", s->container[0] ? s->container : NULL);
	cd_jw_key(w, "position");
	if (s->position)
		cd_jw_int(w, s->position);
	else
		cd_jw_null(w);
	cd_jw_kstr(w, "locator", s->locator);
	cd_jw_key(w, "frame");
	if (s->frame)
		cd_jw_int(w, (long long)s->frame);
	else
		cd_jw_null(w);
	jrole(w, "role", &s->role);
	cd_jw_kstr(w, "node", s->role.node[0] ? s->role.node : NULL);
	jrole_origin(w, &s->role);
	cd_jw_end(w);
}

static void nulls(struct cd_jw *w, const char *const *keys)
{
	for (size_t i = 0; keys[i]; i++)
		cd_jw_knull(w, keys[i]);
}

/* One object of the model (docs/report.schema.json $defs/object). Private keys: never bytes. */
static void jobject(struct cd_jw *w, const struct cd_object *o)
{
	const struct cd_role *role = NULL;
	const char *node = NULL;
	cd_jw_object(w);
	cd_jw_kstr(w, "id", o->id);
	cd_jw_kstr(w, "kind", cd_kind_name(o->kind));
	cd_jw_kstr(w, "sha256", o->sha256_hex);
	cd_jw_key(w, "sha1");
	cd_jw_hex(w, o->sha1, 20);
	switch (o->kind) {
	case CD_KIND_CERT: {
		const struct cd_cert *c = o->u.cert;
		cd_jw_kstr(w, "subject", c->subject.display);
		cd_jw_kstr(w, "issuer", c->issuer.display);
		cd_jw_kstr(w, "subject_cn", c->subject.cn);
		cd_jw_kstr(w, "serial", c->serial_hex);
		cd_jw_kint(w, "version", c->version);
		kjtime(w, "not_before", c->not_before);
		kjtime(w, "not_after", c->not_after);
		jsan(w, c->san, c->n_san);
		cd_jw_kint(w, "san_chars", (long long)c->san_chars);
		cd_jw_key(w, "key");
		jkey(w, &c->key);
		cd_jw_kstr(w, "signature_algorithm", c->sig_name);
		cd_jw_kstr(w, "signature_oid", c->sig_oid);
		cd_jw_key(w, "is_ca");
		if (c->bc_present)
			cd_jw_bool(w, c->is_ca);
		else
			cd_jw_null(w);
		cd_jw_key(w, "path_len");
		if (c->pathlen >= 0)
			cd_jw_int(w, c->pathlen);
		else
			cd_jw_null(w);
		jku(w, c->ku_present, c->ku);
		jeku(w, c->eku_present, c->eku, c->n_eku);
		cd_jw_key(w, "ski");
		cd_jw_hex(w, c->ski, c->ski_len);
		cd_jw_key(w, "aki");
		cd_jw_hex(w, c->aki, c->aki_len);
		cd_jw_kbool(w, "self_issued", c->self_issued);
		cd_jw_kbool(w, "self_signed", c->self_signed);
		jstrv(w, "policies", c->policies, c->n_policies);
		jstrv(w, "ocsp", c->ocsp, c->n_ocsp);
		jstrv(w, "ca_issuers", c->ca_issuers, c->n_ca_issuers);
		jstrv(w, "crl_distribution_points", c->crl_dp, c->n_crl_dp);
		cd_jw_key(w, "extensions");
		cd_jw_array(w);
		for (size_t i = 0; i < c->n_exts; i++) {
			cd_jw_object(w);
			cd_jw_kstr(w, "oid", c->exts[i].oid);
			cd_jw_kstr(w, "name", cd_ext_name(c->exts[i].oid));
			cd_jw_kbool(w, "critical", c->exts[i].critical);
			cd_jw_end(w);
		}
		cd_jw_end(w);
		break;
	}
	case CD_KIND_CSR: {
		const struct cd_csr *c = o->u.csr;
		cd_jw_kstr(w, "subject", c->subject.display);
		cd_jw_knull(w, "issuer");
		cd_jw_kstr(w, "subject_cn", c->subject.cn);
		cd_jw_knull(w, "not_before");
		cd_jw_knull(w, "not_after");
		jsan(w, c->san, c->n_san);
		cd_jw_kint(w, "san_chars", (long long)c->san_chars);
		cd_jw_key(w, "key");
		jkey(w, &c->key);
		cd_jw_kstr(w, "signature_algorithm", c->sig_name);
		cd_jw_key(w, "signature_valid");
		if (c->sig_ok < 0)
			cd_jw_null(w);
		else
			cd_jw_bool(w, c->sig_ok);
		jku(w, c->ku_present, c->ku);
		jeku(w, c->n_eku > 0, c->eku, c->n_eku);
		break;
	}
	case CD_KIND_CRL: {
		const struct cd_crl *c = o->u.crl;
		cd_jw_knull(w, "subject");
		cd_jw_kstr(w, "issuer", c->issuer.display);
		kjtime(w, "not_before", c->this_update);
		kjtime(w, "not_after", c->next_update);
		cd_jw_key(w, "san");
		cd_jw_array(w);
		cd_jw_end(w);
		cd_jw_kint(w, "revoked", (long long)c->n_revoked);
		cd_jw_kstr(w, "signature_algorithm", c->sig_name);
		cd_jw_key(w, "aki");
		cd_jw_hex(w, c->aki, c->aki_len);
		break;
	}
	case CD_KIND_PKCS7:
	case CD_KIND_PKCS12: {
		static const char *const N[] = {"subject", "issuer", "not_before", "not_after", NULL};
		nulls(w, N);
		cd_jw_key(w, "san");
		cd_jw_array(w);
		cd_jw_end(w);
		cd_jw_kint(w, "certificates", o->u.container->n_certs);
		cd_jw_kint(w, "crls", o->u.container->n_crls);
		if (o->kind == CD_KIND_PKCS12)
			cd_jw_kbool(w, "encrypted", o->u.container->encrypted);
		break;
	}
	case CD_KIND_KEY: {
		static const char *const N[] = {"subject", "issuer", "not_before", "not_after", NULL};
		nulls(w, N);
		cd_jw_key(w, "san");
		cd_jw_array(w);
		cd_jw_end(w);
		cd_jw_kstr(w, "format", o->u.key->format);
		cd_jw_kbool(w, "encrypted", o->u.key->encrypted);
		cd_jw_key(w, "key");
		jkey(w, &o->u.key->key);
		break;
	}
	case CD_KIND_ITL:
	case CD_KIND_CTL: cd_jw_trustlist(w, o); break;
	default: break;
	}
	cd_jw_key(w, "roles");
	cd_jw_array(w);
	for (size_t i = 0; i < o->n_sources; i++) {
		const struct cd_role *r = &o->sources[i].role;
		char b[96], p[96];
		int dup = 0;
		if (!r->kind)
			continue;
		if (!role)
			role = r;
		if (!node && r->node[0])
			node = r->node;
		cd_role_format(r, b, sizeof(b));
		for (size_t k = 0; k < i && !dup; k++)
			if (o->sources[k].role.kind) {
				cd_role_format(&o->sources[k].role, p, sizeof(p));
				dup = !strcmp(p, b);
			}
		if (!dup)
			cd_jw_str(w, b);
	}
	cd_jw_end(w);
	jrole(w, "role", role);
	cd_jw_kstr(w, "node", node);
	jrole_origin(w, role);
	cd_jw_key(w, "sources");
	cd_jw_array(w);
	for (size_t i = 0; i < o->n_sources; i++)
		jsource(w, &o->sources[i]);
	cd_jw_end(w);
	cd_jw_end(w);
}

static void jfinding(struct cd_jw *w, const struct cd_model *m, const struct cd_finding *f)
{
	const char *pm = json_string_value(json_object_get(f->evidence, "product_message"));
	cd_jw_object(w);
	cd_jw_kstr(w, "rule", f->rule->id);
	cd_jw_kstr(w, "severity", cd_severity_name(f->rule->severity));
	cd_jw_kstr(w, "title", f->rule->title);
	cd_jw_kstr(w, "message", f->message);
	cd_jw_key(w, "objects");
	cd_jw_array(w);
	for (size_t i = 0; i < f->n_objects; i++)
		cd_jw_str(w, m->objects[f->objects[i]]->id);
	cd_jw_end(w);
	cd_jw_key(w, "where");
	cd_jw_object(w);
	cd_jw_kstr(w, "path", f->path);
	cd_jw_kstr(w, "rel", f->rel);
	cd_jw_key(w, "offset");
	if (f->has_offset)
		cd_jw_int(w, (long long)f->offset);
	else
		cd_jw_null(w);
	cd_jw_key(w, "pem_block");
	if (f->pem_block)
		cd_jw_int(w, (long long)f->pem_block);
	else
		cd_jw_null(w);
	cd_jw_end(w);
	cd_jw_key(w, "evidence");
	cd_jw_value(w, f->evidence);
	/* the finding's own wording when it has one (e.g. the CSR path of the purpose) */
	cd_jw_kstr(w, "product_message", pm ? pm : f->rule->product_message);
	cd_jw_kstr(w, "remediation", f->rule->remediation);
	cd_jw_end(w);
}

static void jsummary(struct cd_jw *w, const struct cd_doc *d)
{
	const struct cd_model *m = d->model;
	size_t kinds[CD_KIND_COUNT] = {0}, sev[3];
	cd_jw_key(w, "summary");
	cd_jw_object(w);
	if (d->report) {
		cd_doc_counts(d, sev);
		cd_jw_kint(w, "errors", (long long)sev[CD_SEV_ERROR]);
		cd_jw_kint(w, "warnings", (long long)sev[CD_SEV_WARNING]);
		cd_jw_kint(w, "info", (long long)sev[CD_SEV_INFO]);
		cd_jw_kint(w, "findings_not_listed", (long long)cd_report_unlisted(d->report));
	}
	cd_jw_kint(w, "objects", (long long)m->n_objects);
	for (size_t i = 0; i < m->n_objects; i++)
		kinds[m->objects[i]->kind]++;
	cd_jw_key(w, "objects_by_kind");
	cd_jw_object(w);
	for (int k = 0; k < CD_KIND_COUNT; k++)
		if (kinds[k])
			cd_jw_kint(w, cd_kind_name((enum cd_kind)k), (long long)kinds[k]);
	cd_jw_end(w);
	cd_jw_kint(w, "files", (long long)m->stats.files);
	cd_jw_kint(w, "chains", d->chains ? (long long)d->chains->n_chains : 0);
	cd_jw_kint(w, "signature_verifications", d->chains ? (long long)d->chains->verifications : 0);
	{
		size_t all, dec, miss, fail;
		cd_conn_tls13_counts(m, &all, &dec, &miss, &fail);
		cd_jw_kint(w, "tls13_connections", (long long)all);
		cd_jw_kint(w, "tls13_decrypted", (long long)dec);
		cd_jw_kint(w, "tls13_without_secrets", (long long)miss);
		cd_jw_kint(w, "tls13_decryption_failed", (long long)fail);
	}
	cd_jw_kstr(w, "fail_on", d->fail_on ? d->fail_on : "never");
	cd_jw_kint(w, "exit_code", d->exit_code);
	cd_jw_end(w);
}

static void jinventory(struct cd_jw *w, const struct cd_doc *d)
{
	struct cd_inv_row *rows;
	size_t n;
	cd_jw_key(w, "inventory");
	cd_jw_array(w);
	if (cd_inventory(d, &rows, &n) == CD_OK) {
		for (size_t i = 0; i < n; i++) {
			const struct cd_object *o = d->model->objects[rows[i].object];
			const struct cd_cert *c = o->u.cert;
			char key[96];
			cd_jw_object(w);
			cd_jw_kstr(w, "node", rows[i].node[0] ? rows[i].node : NULL);
			cd_jw_kstr(w, "role", rows[i].role[0] ? rows[i].role : NULL);
			cd_jw_kstr(w, "certificate", o->id);
			cd_jw_kstr(w, "subject", c->subject.display);
			cd_jw_kstr(w, "issuer", c->issuer.display);
			if (c->key.known)
				snprintf(key, sizeof(key), "%s %u%s%s", c->key.algo_name, c->key.bits, c->key.curve[0] ? " " : "",
					 c->key.curve);
			cd_jw_kstr(w, "key", c->key.known ? key : NULL);
			kjtime(w, "not_after", c->not_after);
			cd_jw_kstr(w, "chain_status", rows[i].status_key);
			cd_jw_kstr(w, "chain_detail", rows[i].status);
			cd_jw_end(w);
		}
		free(rows);
	}
	cd_jw_end(w);
}

static const char *result_name(enum cd_result r)
{
	return r == CD_RESULT_FATAL         ? "fatal"
	       : r == CD_RESULT_FAIL        ? "fail"
	       : r == CD_RESULT_PASS        ? "pass"
	       : r == CD_RESULT_NOT_CHECKED ? "not-checked"
					    : "not-applicable";
}

static void jprecheck(struct cd_jw *w, const struct cd_doc *d)
{
	const struct cd_precheck *p = d->precheck;
	static const char *const R[] = {"not-run", "not-applicable", "pass", "fail", "not-checked"};
	cd_jw_key(w, "precheck");
	cd_jw_object(w);
	cd_jw_kstr(w, "product", p->product);
	cd_jw_kstr(w, "version", p->version.valid ? p->version.text : NULL);
	cd_jw_kstr(w, "purpose", p->purpose);
	cd_jw_kstr(w, "certificate", p->upload != SIZE_MAX ? d->model->objects[p->upload]->id : NULL);
	cd_jw_kstr(w, "verdict", cd_verdict_name(p->verdict));
	cd_jw_kint(w, "errors_about_upload", (long long)p->errors_about_upload);
	cd_jw_key(w, "steps");
	cd_jw_array(w);
	for (size_t k = 0; k < p->n_steps; k++) {
		cd_jw_object(w);
		cd_jw_kstr(w, "check", p->steps[k].rule);
		cd_jw_kbool(w, "blocking", p->steps[k].blocking);
		cd_jw_kstr(w, "result", R[p->steps[k].result + 1]);
		cd_jw_end(w);
	}
	cd_jw_end(w);
	cd_jw_key(w, "blocking");
	if (p->blocking_step != SIZE_MAX) {
		cd_jw_object(w);
		cd_jw_kstr(w, "check", p->steps[p->blocking_step].rule);
		cd_jw_kstr(w, "product_message", p->product_message);
		cd_jw_kstr(w, "message", p->message ? p->message : "");
		cd_jw_end(w);
	} else {
		cd_jw_null(w);
	}
	cd_jw_kstr(w, "accepted_message", p->verdict == CD_VERDICT_ACCEPT ? p->accepted : NULL);
	cd_jw_kstr(w, "restart", p->verdict == CD_VERDICT_ACCEPT ? p->restart : NULL);
	cd_jw_end(w);
}

static void jcompare(struct cd_jw *w, const struct cd_doc *d)
{
	const struct cd_compare *c = d->compare;
	cd_jw_key(w, "compare");
	cd_jw_object(w);
	cd_jw_kstr(w, "old", d->model->objects[c->old_i]->id);
	cd_jw_kstr(w, "new", d->model->objects[c->new_i]->id);
	cd_jw_kstr(w, "verdict", c->breaking ? "breaking" : "compatible");
	cd_jw_key(w, "changes");
	cd_jw_array(w);
	for (size_t i = 0; i < c->n; i++) {
		const struct cd_change *ch = &c->ch[i];
		cd_jw_object(w);
		cd_jw_kstr(w, "field", ch->field);
		cd_jw_kstr(w, "old", ch->old_);
		cd_jw_kstr(w, "new", ch->new_);
		cd_jw_kbool(w, "changed", ch->changed);
		cd_jw_kbool(w, "breaking", ch->breaking);
		cd_jw_kbool(w, "compared", !ch->not_compared);
		if (ch->added) {
			cd_jw_key(w, "added");
			cd_jw_value(w, ch->added);
		}
		if (ch->removed) {
			cd_jw_key(w, "removed");
			cd_jw_value(w, ch->removed);
		}
		cd_jw_kstr(w, "note", ch->note[0] ? ch->note : NULL);
		cd_jw_end(w);
	}
	cd_jw_end(w);
	cd_jw_end(w);
}

static void jrule(struct cd_jw *w, const struct cd_rule *r)
{
	cd_jw_object(w);
	cd_jw_kstr(w, "id", r->id);
	cd_jw_kstr(w, "severity", cd_severity_name(r->severity));
	cd_jw_kstr(w, "title", r->title);
	cd_jw_kstr(w, "product_message", r->product_message);
	cd_jw_kstr(w, "applies_to", r->applies_to);
	cd_jw_kstr(w, "explanation", r->explanation);
	cd_jw_kstr(w, "remediation", r->remediation);
	cd_jw_kstr(w, "source", r->source);
	cd_jw_end(w);
}

/* verify's chain, with the named trust stores that hold nothing (nothing is trusted through them) */
static void jverify(struct cd_jw *w, const struct cd_doc *d)
{
	int any = 0;
	cd_jw_chain_open(w, d->chains, d->model, d->verify);
	for (size_t k = 0; k < d->chains->n_stores; k++) {
		char note[600];
		if (!cd_store_empty_note(d->chains, (int)k, note, sizeof(note)))
			continue;
		if (!any++) {
			cd_jw_key(w, "empty_trust_stores");
			cd_jw_array(w);
		}
		cd_jw_str(w, note);
	}
	if (any)
		cd_jw_end(w);
	cd_jw_end(w);
}

static int write_json(FILE *out, const struct cd_doc *d, const struct cd_write_opts *o)
{
	struct cd_jw w;
	const struct cd_model *m = d->model;
	int analysis = d->report != NULL;
	(void)o;
	cd_jw_init(&w, out, 1);
	if (d->kind == CD_DOC_RULES) { /* the catalogue, not a report */
		if (d->rule) {
			jrule(&w, d->rule);
		} else {
			cd_jw_array(&w);
			for (size_t i = 0; i < d->cat->n; i++)
				jrule(&w, &d->cat->rules[i]);
			cd_jw_end(&w);
		}
		return ferror(out) ? CD_E_IO : CD_OK;
	}
	cd_jw_object(&w);
	cd_jw_kstr(&w, "format", "certdiag-report");
	cd_jw_kint(&w, "version", CD_JSON_SCHEMA_VERSION);
	cd_jw_kstr(&w, "command", d->command);
	cd_jw_kstr(&w, "certdiag_version", CD_VERSION);
	kjtime(&w, "evaluated_at", d->at);
	cd_jw_key(&w, "inputs");
	cd_jw_array(&w);
	for (size_t i = 0; i < d->n_inputs; i++)
		cd_jw_str(&w, d->inputs[i]);
	cd_jw_end(&w);
	if (analysis) { /* inputs that could not be read at all (the CLI exits 2) */
		cd_jw_key(&w, "input_errors");
		cd_jw_array(&w);
		for (size_t i = 0; i < m->n_input_errors; i++) {
			cd_jw_object(&w);
			cd_jw_kstr(&w, "path", m->input_errors[i].path);
			cd_jw_kstr(&w, "error", strerror(m->input_errors[i].errnum));
			cd_jw_end(&w);
		}
		cd_jw_end(&w);
	}
	jsummary(&w, d);
	if (analysis) {
		cd_jw_key(&w, "findings");
		cd_jw_array(&w);
		for (size_t i = 0; i < d->report->n_findings; i++)
			jfinding(&w, m, &d->report->findings[i]);
		cd_jw_end(&w);
	}
	cd_jw_key(&w, "objects");
	cd_jw_array(&w);
	for (size_t i = 0; i < m->n_objects; i++)
		jobject(&w, m->objects[i]);
	cd_jw_end(&w);
	if (d->kind != CD_DOC_SHOW) {
		cd_jw_key(&w, "chains");
		cd_jw_array(&w);
		if (d->verify)
			jverify(&w, d);
		else
			for (size_t i = 0; d->chains && i < d->chains->n_chains; i++)
				cd_jw_chain(&w, d->chains, m, &d->chains->chains[i]);
		cd_jw_end(&w);
	}
	if (analysis) {
		cd_jw_key(&w, "rule_results");
		cd_jw_array(&w);
		for (size_t i = 0; i < d->report->n_results; i++) {
			const struct cd_rule_result *r = &d->report->results[i];
			cd_jw_object(&w);
			cd_jw_kstr(&w, "rule", r->rule->id);
			cd_jw_kstr(&w, "result", result_name(r->result));
			cd_jw_kint(&w, "applied", (long long)r->applied);
			cd_jw_kint(&w, "findings", (long long)r->fired);
			/* past CD_LIMIT_FINDINGS_PER_RULE findings are counted, not listed */
			cd_jw_kint(&w, "findings_listed", (long long)r->listed);
			cd_jw_kbool(&w, "truncated", r->fired > r->listed);
			if (r->result == CD_RESULT_FATAL)
				cd_jw_kstr(&w, "error", cd_strerror(r->error));
			if (r->n_not_checked) { /* what it could not judge, and the option that would let it */
				cd_jw_key(&w, "not_checked");
				cd_jw_array(&w);
				for (size_t k = 0; k < r->n_not_checked; k++) {
					cd_jw_object(&w);
					cd_jw_kstr(&w, "what", r->not_checked[k].what);
					cd_jw_kstr(&w, "enable", r->not_checked[k].enable);
					cd_jw_end(&w);
				}
				cd_jw_end(&w);
				if (r->more_not_checked)
					cd_jw_kint(&w, "not_checked_more", (long long)r->more_not_checked);
			}
			cd_jw_end(&w);
		}
		cd_jw_end(&w);
		/* what the roles from content could not decide (docs/roles.md) */
		cd_jw_key(&w, "role_notes");
		cd_jw_array(&w);
		for (size_t i = 0; i < m->n_role_notes; i++) {
			const struct cd_role_note *n = &m->role_notes[i];
			cd_jw_object(&w);
			cd_jw_kstr(&w, "object", n->object < m->n_objects ? m->objects[n->object]->id : NULL);
			cd_jw_kstr(&w, "message", n->message);
			cd_jw_end(&w);
		}
		cd_jw_end(&w);
		if (m->more_role_notes)
			cd_jw_kint(&w, "role_notes_more", (long long)m->more_role_notes);
	}
	if (analysis || d->kind == CD_DOC_SHOW) {
		cd_jw_key(&w, "connections");
		cd_jw_array(&w);
		for (size_t i = 0; i < m->n_conns; i++)
			cd_jw_conn(&w, m, &m->conns[i]);
		cd_jw_end(&w);
	}
	if (analysis || d->kind == CD_DOC_VERIFY)
		jinventory(&w, d);
	if (d->precheck)
		jprecheck(&w, d);
	if (d->compare)
		jcompare(&w, d);
	if (d->verify) {
		cd_jw_key(&w, "verify");
		jverify(&w, d);
	}
	cd_jw_end(&w);
	return ferror(out) ? CD_E_IO : CD_OK;
}

#define KINDS_ALL ((1u << CD_DOC_SCAN) | (1u << CD_DOC_PRECHECK) | (1u << CD_DOC_COMPARE) | \
		   (1u << CD_DOC_VERIFY) | (1u << CD_DOC_SHOW) | (1u << CD_DOC_RULES))
const struct cd_writer cd_writer_json = {"json", KINDS_ALL, 0, write_json};
