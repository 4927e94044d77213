/* precheck.c - the simulated upload: purposes (case-insensitive, as docs/roles.md promises),
 * the roles of the inputs, the product's checks in its order and the verdict
 * (rules/profiles/ precheck_order, blocking, precheck_format, precheck_validity,
 * precheck_accept; docs/products.md). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "product/precheck.h"
#include "util/error.h"
#include "util/str.h"

static const char *const KIND_KEY[] = {"identity", "trust", "server", "trusted-ca"};

const char *cd_verdict_name(enum cd_verdict v)
{
	static const char *const N[] = {"accept", "accept-with-errors", "reject", "unknown"};
	return (unsigned)v < 4 ? N[v] : "unknown";
}

/* The key of object obj equal to name in any case, NULL when none. */
static const char *key_ci(const json_t *obj, const char *name)
{
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)obj, k, v)
		if (!strcasecmp(k, name))
			return k;
	return NULL;
}

/* The element of array a equal to name in any case, NULL when none. */
static const char *elem_ci(const json_t *a, const char *name)
{
	size_t i;
	json_t *v;
	json_array_foreach(a, i, v)
		if (json_is_string(v) && !strcasecmp(json_string_value(v), name))
			return json_string_value(v);
	return NULL;
}

int cd_precheck_resolve(struct cd_precheck *p, const struct cd_profiles *ps, const char *product,
			const struct cd_version *version, const char *purpose, int edge)
{
	const struct cd_product_profile *pr = cd_profiles_find(ps, product);
	const struct cd_product_profile *cucm = cd_profiles_find(ps, "cucm");
	const char *k;
	memset(p, 0, sizeof(*p));
	p->upload = SIZE_MAX;
	p->blocking_step = SIZE_MAX;
	p->edge = edge;
	if (!pr)
		return CD_E_USAGE;
	cd_strlcpy(p->product, product, sizeof(p->product));
	if (version)
		p->version = *version;
	if (!strcmp(product, "expressway")) {
		if (!strcasecmp(purpose, "server")) {
			p->kind = CD_UPLOAD_SERVER;
			cd_strlcpy(p->purpose, "server", sizeof(p->purpose));
			cd_strlcpy(p->unit, edge == 1 ? "expressway-e" : edge == 0 ? "expressway-c" : "expressway-server",
				   sizeof(p->unit));
		} else if (!strcasecmp(purpose, "trusted-ca")) {
			p->kind = CD_UPLOAD_TRUSTED_CA;
			cd_strlcpy(p->purpose, "trusted-ca", sizeof(p->purpose));
			cd_strlcpy(p->unit, "expressway-trusted-ca", sizeof(p->unit));
		} else {
			return CD_E_USAGE;
		}
		cd_strlcpy(p->store, "expressway-trusted-ca", sizeof(p->store));
		return CD_OK;
	}
	/* CUCM and IM and Presence: an identity purpose, or one of their trust stores */
	k = key_ci(json_object_get(pr->doc, "purposes"), purpose);
	if (!k && !strcmp(product, "imp") && cucm && elem_ci(json_object_get(pr->doc, "shared_purposes"), purpose))
		k = key_ci(json_object_get(cucm->doc, "purposes"), purpose);
	if (k) {
		const json_t *pp = cd_profiles_purpose(ps, k, NULL);
		const char *st;
		if (!pp)
			pp = json_object_get(json_object_get(pr->doc, "purposes"), k);
		st = json_string_value(json_object_get(pp, "trust_store"));
		p->kind = CD_UPLOAD_IDENTITY;
		cd_strlcpy(p->purpose, k, sizeof(p->purpose));
		cd_strlcpy(p->unit, k, sizeof(p->unit));
		cd_strlcpy(p->store, st ? st : "", sizeof(p->store));
		return CD_OK;
	}
	k = key_ci(json_object_get(pr->doc, "trust_stores"), purpose);
	if (!k && !strcmp(product, "imp"))
		k = elem_ci(json_object_get(pr->doc, "shared_trust_stores"), purpose);
	if (k) {
		p->kind = CD_UPLOAD_TRUST;
		cd_strlcpy(p->purpose, k, sizeof(p->purpose));
		cd_strlcpy(p->unit, k, sizeof(p->unit));
		cd_strlcpy(p->store, k, sizeof(p->store));
		return CD_OK;
	}
	return CD_E_USAGE;
}

int cd_precheck_inputs(const struct cd_precheck *p, const struct cd_profiles *ps, const char *cert,
		       const char *csr,
		       const struct cd_role_spec *extra, size_t n_extra, struct cd_role_spec *roles,
		       const char **paths, size_t *n)
{
	size_t k = 0;
	*n = 0;
	if (csr && p->kind != CD_UPLOAD_IDENTITY && p->kind != CD_UPLOAD_SERVER)
		return CD_E_USAGE;
	if (cd_role_parse(&ps->roles, p->unit, &roles[k].role) < 0)
		return CD_E_USAGE;
	roles[k].option = "--cert";
	roles[k].path = (char *)cert;
	/* a file holding the chain: the identity is its end-entity certificate, never the root
	 * or intermediate beside it (as for --role, docs/roles.md) */
	roles[k].describe = p->kind == CD_UPLOAD_IDENTITY || p->kind == CD_UPLOAD_SERVER;
	paths[k++] = cert;
	if (csr) {
		char spec[64];
		if (p->kind == CD_UPLOAD_SERVER) {
			memset(&roles[k].role, 0, sizeof(roles[0].role));
			roles[k].role.kind = CD_ROLE_CSR;
			roles[k].role.origin = CD_ROLE_FROM_OPTION;
			cd_strlcpy(roles[k].role.name, p->unit, sizeof(roles[0].role.name));
		} else {
			snprintf(spec, sizeof(spec), "%s.csr", p->unit);
			if (cd_role_parse(&ps->roles, spec, &roles[k].role) < 0)
				return CD_E_USAGE;
		}
		roles[k].option = "--csr";
		roles[k].path = (char *)csr;
		paths[k++] = csr;
	}
	for (size_t i = 0; i < n_extra; i++) {
		roles[k] = extra[i];
		/* --trust is the target store; --public-roots stays a reference */
		if (p->store[0] && !strcmp(extra[i].role.name, "--trust")) {
			memset(&roles[k].role, 0, sizeof(roles[0].role));
			roles[k].role.kind = CD_ROLE_TRUST;
			roles[k].role.origin = CD_ROLE_FROM_OPTION;
			cd_strlcpy(roles[k].role.name, p->store, sizeof(roles[0].role.name));
		}
		paths[k++] = extra[i].path;
	}
	*n = k;
	return CD_OK;
}

const char *cd_precheck_skip(const struct cd_precheck *p)
{
	/* One root cause, one finding: an issuer missing from the input is, for an identity or
	 * server upload, the product's own trust-store step (cucm.ca-not-in-trust-store,
	 * expressway.trusted-list-incomplete), with the product's words. chain.incomplete said
	 * it again, and for an Expressway server certificate given alone, as the product wants
	 * it, without --trust it made every such precheck ACCEPT WITH ERRORS, exit 1. */
	if (p->kind == CD_UPLOAD_IDENTITY || p->kind == CD_UPLOAD_SERVER)
		return strcmp(p->product, "expressway") ? "expressway.*,chain.incomplete"
							: "cucm.*,chain.incomplete";
	return strcmp(p->product, "expressway") ? "expressway.*" : "cucm.*";
}

int cd_precheck_concerns(const struct cd_precheck *p, const struct cd_finding *f)
{
	if (p->upload != SIZE_MAX && f->n_objects) {
		for (size_t i = 0; i < f->n_objects; i++)
			if (f->objects[i] == p->upload)
				return 1;
		return 0;
	}
	return f->path && p->cert && !strcmp(f->path, p->cert);
}

/* The product's words for a finding: the variant its evidence gives (e.g. the CSR path of the
 * purpose), else the rule's. */
static const char *product_message(const struct cd_finding *f)
{
	const char *v = json_string_value(json_object_get(f->evidence, "product_message"));
	return v ? v : f->rule->product_message;
}

/* What to restart after the upload: the purpose's advice, or the trust store's. */
static const char *restart_advice(const struct cd_precheck *p, const struct cd_profiles *ps,
				  const json_t *doc)
{
	const char *r = NULL;
	if (p->kind == CD_UPLOAD_IDENTITY || p->kind == CD_UPLOAD_SERVER)
		r = json_string_value(json_object_get(cd_profiles_purpose(ps, p->purpose, NULL), "restart"));
	if (!r && p->kind == CD_UPLOAD_TRUST)
		r = json_string_value(
			json_object_get(json_object_get(json_object_get(doc, "trust_stores"), p->store), "restart"));
	return r;
}

int cd_precheck_judge(struct cd_precheck *p, const struct cd_profiles *ps, const struct cd_scan *s,
		      const char *cert)
{
	const json_t *doc = cd_profiles_find(ps, p->product)->doc, *order, *blocking, *validity, *fmt;
	const struct cd_report *r = &s->report;
	size_t n = 0;

	p->cert = cert;
	if (!json_object_get(doc, "precheck_order")) {
		const struct cd_product_profile *c = cd_profiles_find(ps, "cucm");
		doc = c ? c->doc : doc; /* IM and Presence: the platform's checks */
	}
	order = json_object_get(json_object_get(doc, "precheck_order"), KIND_KEY[p->kind]);
	blocking = json_object_get(doc, "blocking");
	validity = json_object_get(doc, "precheck_validity");
	fmt = json_object_get(doc, "precheck_format");
	p->steps = calloc(3 + json_array_size(order), sizeof(*p->steps));
	if (!p->steps)
		return CD_E_NOMEM;
	/* cd_scan_run resolved the upload into its own copy of the options: find it again */
	p->upload = cd_scan_find_upload(&s->model, cert);
	p->steps[n++] = (struct cd_precheck_step){"format", 1, p->upload == SIZE_MAX ? CD_STEP_FAIL : CD_STEP_PASS,
						   NULL};
	p->steps[n++] = (struct cd_precheck_step){"cert.expired", json_is_true(json_object_get(validity, "blocking")),
						   CD_STEP_NOT_RUN, NULL};
	p->steps[n++] = (struct cd_precheck_step){"cert.not-yet-valid", 0, CD_STEP_NOT_RUN, NULL};
	{
		size_t i;
		const json_t *v;
		json_array_foreach(order, i, v)
			if (json_is_string(v))
				p->steps[n++] = (struct cd_precheck_step){
					json_string_value(v), cd_json_array_has(blocking, json_string_value(v)),
					CD_STEP_NOT_RUN, NULL};
	}
	p->n_steps = n;
	for (size_t k = 1; k < n; k++) {
		for (size_t i = 0; i < r->n_results; i++)
			if (!strcmp(r->results[i].rule->id, p->steps[k].rule)) {
				if (r->results[i].result == CD_RESULT_FATAL) {
					p->steps[k].result = CD_STEP_NOT_RUN;
					if (!p->not_run) {
						p->not_run = p->steps[k].rule;
						p->not_run_fatal = 1;
					}
				} else {
					/* not checked (an input it needs was not given) is no pass */
					p->steps[k].result = r->results[i].result == CD_RESULT_NA ? CD_STEP_NA
							     : r->results[i].result == CD_RESULT_NOT_CHECKED
								     ? CD_STEP_NOT_CHECKED
								     : CD_STEP_PASS;
				}
			}
		for (size_t i = 0; i < r->n_findings; i++)
			if (!strcmp(r->findings[i].rule->id, p->steps[k].rule) &&
			    cd_precheck_concerns(p, &r->findings[i])) {
				p->steps[k].result = CD_STEP_FAIL;
				p->steps[k].finding = &r->findings[i];
				break;
			}
	}
	for (size_t k = 0; k < n && p->blocking_step == SIZE_MAX; k++)
		if (p->steps[k].result == CD_STEP_FAIL && p->steps[k].blocking)
			p->blocking_step = k;
	/* any check that could not complete leaves no verdict; an acceptance needs every blocking
	 * check to have run (--rules may leave some out, or a profile may name a rule this build
	 * lacks) */
	for (size_t i = 0; i < r->n_results && !p->not_run; i++)
		if (r->results[i].result == CD_RESULT_FATAL) {
			p->not_run = r->results[i].rule->id;
			p->not_run_fatal = 1;
		}
	for (size_t k = 0; k < n && !p->not_run && p->blocking_step == SIZE_MAX; k++)
		if (p->steps[k].blocking && p->steps[k].result == CD_STEP_NOT_RUN)
			p->not_run = p->steps[k].rule;
	/* nor can a blocking check that was not checked for want of an input pass for one: the
	 * product would judge what certdiag was not given (Expressway's trusted CA list) */
	for (size_t k = 0; k < n && !p->not_run && p->blocking_step == SIZE_MAX; k++)
		if (p->steps[k].blocking && p->steps[k].result == CD_STEP_NOT_CHECKED) {
			p->not_run = p->steps[k].rule;
			p->not_run_unchecked = 1;
			p->not_run_step = k;
			for (size_t i = 0; i < r->n_results; i++)
				if (!strcmp(r->results[i].rule->id, p->steps[k].rule) && r->results[i].n_not_checked) {
					p->not_run_what = r->results[i].not_checked[0].what;
					p->not_run_enable = r->results[i].not_checked[0].enable;
				}
		}
	for (size_t i = 0; i < r->n_findings; i++)
		if (r->findings[i].rule->severity == CD_SEV_ERROR && cd_precheck_concerns(p, &r->findings[i]))
			p->errors_about_upload++;
	if (p->not_run) {
		p->verdict = CD_VERDICT_UNKNOWN;
	} else if (p->blocking_step != SIZE_MAX) {
		const struct cd_precheck_step *b = &p->steps[p->blocking_step];
		p->verdict = CD_VERDICT_REJECT;
		p->product_message = b->finding ? product_message(b->finding)
						: json_string_value(json_object_get(fmt, "message"));
		p->message = b->finding ? b->finding->message : json_string_value(json_object_get(fmt, "text"));
		p->remedy = b->finding ? b->finding->rule->remediation : NULL;
	} else {
		p->verdict = p->errors_about_upload ? CD_VERDICT_ACCEPT_WITH_ERRORS : CD_VERDICT_ACCEPT;
		p->accepted = json_string_value(json_object_get(json_object_get(doc, "precheck_accept"), "message"));
		p->restart = restart_advice(p, ps, json_object_get(doc, "trust_stores") ? doc
						   : cd_profiles_find(ps, p->product)->doc);
	}
	return CD_OK;
}

void cd_precheck_release(struct cd_precheck *p)
{
	free(p->steps);
	p->steps = NULL;
	p->n_steps = 0;
}
