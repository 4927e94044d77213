/* lint.c - helpers of the certificate lints (lint.h): TLS server certificates, chains to a
 * public root, and the CA/Browser Forum validity schedule (rules/webpki/validity.yaml, compiled
 * in; read with util/yaml.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rules/cert/lint.h"
#include "rules/expressway/peer-common.h"
#include "util/yaml.h"
#include "x509/oids.h"

struct cd_webpki_file {
	const char *path;
	size_t len;
	const char *text;
};
extern const struct cd_webpki_file cd_webpki_files[];

int cd_lint_tls_server(const struct cd_cert *c)
{
	return cd_cert_is_end_entity(c) && cd_cert_allows_eku(c, CD_OID_EKU_SERVER_AUTH);
}

int cd_lint_public(const struct cd_model *m, size_t idx, int *verdict)
{
	struct cd_xw_reach r;
	int any = 0, rc;
	*verdict = -1;
	for (size_t i = 0; i < m->n_objects && !any; i++)
		any = m->objects[i]->kind == CD_KIND_CERT && cd_xw_in_public_store(m->objects[i]);
	if (!any)
		return CD_OK;
	rc = cd_xw_reach_public(m, idx, &r);
	if (rc >= 0)
		*verdict = r.result;
	cd_xw_reach_release(&r);
	return rc < 0 ? rc : CD_OK;
}

int cd_lint_limits_load(struct cd_lint_limit *out, size_t *n)
{
	static const char *const NAME = "validity.yaml";
	const struct cd_webpki_file *f = NULL;
	json_t *doc, *limits, *e;
	char *err = NULL;
	size_t i;
	int rc = CD_OK;
	*n = 0;
	for (size_t k = 0; cd_webpki_files[k].path; k++)
		if (!strcmp(cd_webpki_files[k].path, NAME))
			f = &cd_webpki_files[k];
	if (!f)
		return CD_E_MALFORMED;
	doc = cd_yaml_to_json(f->path, f->text, f->len, &err);
	if (!doc) {
		rc = err ? CD_E_MALFORMED : CD_E_NOMEM;
		free(err);
		return rc;
	}
	limits = json_object_get(doc, "limits");
	if (!json_is_array(limits) || !json_array_size(limits) ||
	    json_array_size(limits) > CD_LINT_MAX_LIMITS)
		rc = CD_E_MALFORMED;
	json_array_foreach(limits, i, e) {
		struct cd_lint_limit *l = &out[*n];
		const char *s = json_string_value(json_object_get(e, "from"));
		const char *r = json_string_value(json_object_get(e, "rule"));
		json_t *d = json_object_get(e, "max_days");
		if (rc < 0)
			break;
		/* every entry: a date after the previous one and a positive number of days */
		if (!s || !json_is_integer(d) || json_integer_value(d) <= 0 ||
		    cd_time_parse(s, &l->from) < 0 || (*n && l->from <= out[*n - 1].from)) {
			rc = CD_E_MALFORMED;
			break;
		}
		l->days = (long)json_integer_value(d);
		snprintf(l->rule, sizeof(l->rule), "%s", r ? r : "");
		(*n)++;
	}
	json_decref(doc);
	return rc;
}

const struct cd_lint_limit *cd_lint_limit_at(const struct cd_lint_limit *l, size_t n,
					     cd_time_t not_before)
{
	const struct cd_lint_limit *hit = NULL;
	for (size_t i = 0; i < n && l[i].from <= not_before; i++)
		hit = &l[i];
	return hit;
}

size_t cd_lint_chars(const char *s)
{
	size_t n = 0;
	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}
