/* catalogue.c - load the rule catalogue (YAML, parsed with libyaml) compiled into the binary. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "engine/catalogue.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/str.h"
#include "util/yaml.h"

const char *cd_severity_name(enum cd_severity s)
{
	switch (s) {
	case CD_SEV_ERROR: return "error";
	case CD_SEV_WARNING: return "warning";
	default: return "info";
	}
}

int cd_severity_parse(const char *s, enum cd_severity *out)
{
	if (!strcmp(s, "error"))
		*out = CD_SEV_ERROR;
	else if (!strcmp(s, "warning"))
		*out = CD_SEV_WARNING;
	else if (!strcmp(s, "info"))
		*out = CD_SEV_INFO;
	else
		return CD_E_USAGE;
	return CD_OK;
}

static void rule_release(struct cd_rule *r)
{
	free(r->id);
	free(r->title);
	free(r->product_message);
	free(r->explanation);
	free(r->remediation);
	free(r->source);
	free(r->applies_to);
	free(r->file);
	memset(r, 0, sizeof(*r));
}

int cd_catalogue_parse_one(const char *name, const char *text, size_t len, struct cd_rule *out,
			   char **err)
{
	struct cd_yaml y;
	char *sev = NULL, *where = NULL;
	int rc;
	const struct cd_yaml_field fields[] = {
		{"id", &out->id, NULL},
		{"severity", &sev, NULL},
		{"title", &out->title, NULL},
		{"product_message", &out->product_message, NULL},
		{"explanation", &out->explanation, NULL},
		{"remediation", &out->remediation, NULL},
		{"source", &out->source, NULL},
		{"applies_to", &out->applies_to, NULL},
		{NULL, NULL, NULL},
	};

	memset(out, 0, sizeof(*out));
	*err = NULL;
	{
		struct cd_buf b; /* messages name the file as "rules/NAME" */
		cd_buf_init(&b, 4096);
		cd_buf_addf(&b, "rules/%s", name);
		if (!(where = cd_buf_detach(&b)))
			return CD_E_NOMEM;
	}
	rc = cd_yaml_load(&y, where, text, len, err);
	if (rc == CD_OK && (!cd_yaml_root(&y) || cd_yaml_root(&y)->type != YAML_MAPPING_NODE)) {
		*err = cd_yaml_errf(where, 1, "a rule must be a YAML mapping");
		rc = CD_E_MALFORMED;
	}
	if (rc == CD_OK)
		rc = cd_yaml_map_read(&y, cd_yaml_root(&y), fields, err);
	if (rc == CD_OK &&
	    (!out->id || !sev || !out->title || !out->explanation || !out->remediation || !out->source)) {
		*err = cd_yaml_errf(where, 1,
				    "missing one of: id, severity, title, explanation, remediation, source");
		rc = CD_E_MALFORMED;
	}
	if (rc == CD_OK && cd_severity_parse(sev, &out->severity) < 0) {
		*err = cd_yaml_errf(where, 1, "severity must be error, warning or info");
		rc = CD_E_MALFORMED;
	}
	if (rc == CD_OK && !(out->file = strdup(name)))
		rc = CD_E_NOMEM;
	free(sev);
	free(where);
	if (rc < 0)
		rule_release(out);
	cd_yaml_release(&y);
	return rc;
}

static int cmp_rule(const void *a, const void *b)
{
	return strcmp(((const struct cd_rule *)a)->id, ((const struct cd_rule *)b)->id);
}

int cd_catalogue_load(struct cd_catalogue *c, char **err)
{
	size_t n = 0;
	*err = NULL;
	memset(c, 0, sizeof(*c));
	while (cd_catalogue_files[n].path)
		n++;
	c->rules = calloc(n ? n : 1, sizeof(*c->rules));
	if (!c->rules)
		return CD_E_NOMEM;
	for (size_t i = 0; i < n; i++) {
		const struct cd_catalogue_file *f = &cd_catalogue_files[i];
		char want[256];
		int rc = cd_catalogue_parse_one(f->path, f->text, f->len, &c->rules[c->n], err);
		if (rc < 0) {
			cd_catalogue_release(c);
			return rc;
		}
		/* rules/<ns>/<name>.yaml holds id <ns>.<name> */
		cd_strlcpy(want, f->path, sizeof(want));
		{
			char *slash = strchr(want, '/');
			size_t l = strlen(want);
			if (slash)
				*slash = '.';
			if (l > 5 && !strcmp(want + l - 5, ".yaml"))
				want[l - 5] = 0;
		}
		if (strcmp(want, c->rules[c->n].id)) {
			char where[300];
			snprintf(where, sizeof(where), "rules/%s", f->path);
			*err = cd_yaml_errf(where, 1, "id \"%.200s\" does not match the file name (want \"%.200s\")",
					    c->rules[c->n].id, want);
			c->n++;
			cd_catalogue_release(c);
			return CD_E_MALFORMED;
		}
		c->n++;
	}
	qsort(c->rules, c->n, sizeof(*c->rules), cmp_rule);
	for (size_t i = 1; i < c->n; i++)
		if (!strcmp(c->rules[i].id, c->rules[i - 1].id)) {
			char where[300];
			snprintf(where, sizeof(where), "rules/%s", c->rules[i].file);
			*err = cd_yaml_errf(where, 1, "duplicate rule id");
			cd_catalogue_release(c);
			return CD_E_MALFORMED;
		}
	return CD_OK;
}

void cd_catalogue_release(struct cd_catalogue *c)
{
	for (size_t i = 0; i < c->n; i++)
		rule_release(&c->rules[i]);
	free(c->rules);
	c->rules = NULL;
	c->n = 0;
}

const struct cd_rule *cd_catalogue_find(const struct cd_catalogue *c, const char *id)
{
	struct cd_rule key;
	key.id = (char *)id;
	return bsearch(&key, c->rules, c->n, sizeof(*c->rules), cmp_rule);
}
