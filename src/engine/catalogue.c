/* catalogue.c - load the rule catalogue (YAML, parsed with libyaml) compiled into the binary. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>
#include "engine/catalogue.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/str.h"

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

static char *errf(const char *name, const char *what, size_t line)
{
	struct cd_buf b;
	cd_buf_init(&b, 4096);
	cd_buf_addf(&b, "rules/%s:%zu: %s", name, line, what);
	return cd_buf_detach(&b);
}

/* Trim one trailing newline that YAML block scalars keep. */
static char *scalar(yaml_node_t *n)
{
	char *s = cd_strndup((const char *)n->data.scalar.value, n->data.scalar.length);
	size_t l = s ? strlen(s) : 0;
	while (l && (s[l - 1] == '\n' || s[l - 1] == ' '))
		s[--l] = 0;
	return s;
}

int cd_catalogue_parse_one(const char *name, const char *text, size_t len, struct cd_rule *out,
			   char **err)
{
	yaml_parser_t p;
	yaml_document_t doc;
	yaml_node_t *root;
	int rc = CD_E_MALFORMED;
	char *sev = NULL;

	memset(out, 0, sizeof(*out));
	*err = NULL;
	if (!yaml_parser_initialize(&p))
		return CD_E_NOMEM;
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	if (!yaml_parser_load(&p, &doc)) {
		*err = errf(name, p.problem ? p.problem : "YAML error", p.problem_mark.line + 1);
		yaml_parser_delete(&p);
		return CD_E_MALFORMED;
	}
	root = yaml_document_get_root_node(&doc);
	if (!root || root->type != YAML_MAPPING_NODE) {
		*err = errf(name, "a rule must be a YAML mapping", 1);
		goto out;
	}
	for (yaml_node_pair_t *pr = root->data.mapping.pairs.start; pr < root->data.mapping.pairs.top;
	     pr++) {
		yaml_node_t *k = yaml_document_get_node(&doc, pr->key);
		yaml_node_t *v = yaml_document_get_node(&doc, pr->value);
		char **slot = NULL;
		const char *key;
		if (!k || k->type != YAML_SCALAR_NODE || !v) {
			*err = errf(name, "keys must be plain scalars", k ? k->start_mark.line + 1 : 0);
			goto out;
		}
		key = (const char *)k->data.scalar.value;
		if (!strcmp(key, "id"))
			slot = &out->id;
		else if (!strcmp(key, "severity"))
			slot = &sev;
		else if (!strcmp(key, "title"))
			slot = &out->title;
		else if (!strcmp(key, "product_message"))
			slot = &out->product_message;
		else if (!strcmp(key, "explanation"))
			slot = &out->explanation;
		else if (!strcmp(key, "remediation"))
			slot = &out->remediation;
		else if (!strcmp(key, "source"))
			slot = &out->source;
		else if (!strcmp(key, "applies_to"))
			slot = &out->applies_to;
		else {
			char msg[160];
			snprintf(msg, sizeof(msg), "unknown key \"%.80s\"", key);
			*err = errf(name, msg, k->start_mark.line + 1);
			goto out;
		}
		if (v->type != YAML_SCALAR_NODE) {
			*err = errf(name, "values must be scalars", v->start_mark.line + 1);
			goto out;
		}
		if (*slot) {
			*err = errf(name, "duplicate key", k->start_mark.line + 1);
			goto out;
		}
		/* "~" or "null": no product message */
		if (slot == &out->product_message && v->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
		    (!strcmp((char *)v->data.scalar.value, "~") ||
		     !strcmp((char *)v->data.scalar.value, "null")))
			continue;
		*slot = scalar(v);
	}
	if (!out->id || !sev || !out->title || !out->explanation || !out->remediation || !out->source) {
		*err = errf(name, "missing one of: id, severity, title, explanation, remediation, source", 1);
		goto out;
	}
	if (cd_severity_parse(sev, &out->severity) < 0) {
		*err = errf(name, "severity must be error, warning or info", 1);
		goto out;
	}
	out->file = strdup(name);
	rc = CD_OK;
out:
	free(sev);
	if (rc < 0)
		rule_release(out);
	yaml_document_delete(&doc);
	yaml_parser_delete(&p);
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
			char msg[400];
			snprintf(msg, sizeof(msg), "id \"%s\" does not match the file name (want \"%s\")",
				 c->rules[c->n].id, want);
			*err = errf(f->path, msg, 1);
			c->n++;
			cd_catalogue_release(c);
			return CD_E_MALFORMED;
		}
		c->n++;
	}
	qsort(c->rules, c->n, sizeof(*c->rules), cmp_rule);
	for (size_t i = 1; i < c->n; i++)
		if (!strcmp(c->rules[i].id, c->rules[i - 1].id)) {
			*err = errf(c->rules[i].file, "duplicate rule id", 1);
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
