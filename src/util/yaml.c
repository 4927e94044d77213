/* yaml.c - the one YAML reader (libyaml, YAML 1.1 core as the catalogue uses it): documents,
 * flat mappings of scalars, and YAML to JSON (jansson) for the product profiles. */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "util/buf.h"
#include "util/error.h"
#include "util/str.h"
#include "util/yaml.h"

char *cd_yaml_errf(const char *name, size_t line, const char *fmt, ...)
{
	struct cd_buf b;
	va_list ap;
	cd_buf_init(&b, 4096);
	if (line)
		cd_buf_addf(&b, "%s:%zu: ", name, line);
	else
		cd_buf_addf(&b, "%s: ", name);
	va_start(ap, fmt);
	cd_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	return cd_buf_detach(&b);
}

int cd_yaml_load(struct cd_yaml *y, const char *name, const char *text, size_t len, char **err)
{
	yaml_parser_t p;
	int rc = CD_OK;
	memset(y, 0, sizeof(*y));
	y->name = name;
	*err = NULL;
	if (!yaml_parser_initialize(&p))
		return CD_E_NOMEM;
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	if (!yaml_parser_load(&p, &y->doc)) {
		if (p.error == YAML_MEMORY_ERROR) {
			rc = CD_E_NOMEM;
		} else {
			*err = cd_yaml_errf(name, (size_t)p.problem_mark.line + 1, "%s",
					    p.problem ? p.problem : "YAML error");
			rc = CD_E_MALFORMED;
		}
	} else {
		y->loaded = 1;
	}
	yaml_parser_delete(&p);
	return rc;
}

void cd_yaml_release(struct cd_yaml *y)
{
	if (y && y->loaded)
		yaml_document_delete(&y->doc);
	if (y)
		y->loaded = 0;
}

yaml_node_t *cd_yaml_root(struct cd_yaml *y)
{
	return y->loaded ? yaml_document_get_root_node(&y->doc) : NULL;
}

yaml_node_t *cd_yaml_node(struct cd_yaml *y, int id)
{
	return y->loaded ? yaml_document_get_node(&y->doc, id) : NULL;
}

size_t cd_yaml_line(const yaml_node_t *n)
{
	return n ? (size_t)n->start_mark.line + 1 : 0;
}

int cd_yaml_is_null(const yaml_node_t *n)
{
	const char *v;
	if (!n || n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	v = (const char *)n->data.scalar.value;
	return n->data.scalar.length == 0 || !strcmp(v, "~") || !strcmp(v, "null");
}

char *cd_yaml_scalar(const yaml_node_t *n)
{
	char *s = cd_strndup((const char *)n->data.scalar.value, n->data.scalar.length);
	size_t l = s ? strlen(s) : 0;
	while (l && (s[l - 1] == '\n' || s[l - 1] == ' '))
		s[--l] = 0;
	return s;
}

int cd_yaml_map_read(struct cd_yaml *y, yaml_node_t *map, const struct cd_yaml_field *fields,
		     char **err)
{
	*err = NULL;
	if (!map || map->type != YAML_MAPPING_NODE) {
		*err = cd_yaml_errf(y->name, cd_yaml_line(map), "expected a mapping");
		return CD_E_MALFORMED;
	}
	for (yaml_node_pair_t *pr = map->data.mapping.pairs.start; pr < map->data.mapping.pairs.top;
	     pr++) {
		yaml_node_t *k = cd_yaml_node(y, pr->key), *v = cd_yaml_node(y, pr->value);
		const struct cd_yaml_field *f = fields;
		const char *key;
		if (!k || k->type != YAML_SCALAR_NODE || !v) {
			*err = cd_yaml_errf(y->name, k ? cd_yaml_line(k) : cd_yaml_line(map),
					    "keys must be plain scalars");
			return CD_E_MALFORMED;
		}
		key = (const char *)k->data.scalar.value;
		while (f->key && strcmp(f->key, key))
			f++;
		if (!f->key) {
			*err = cd_yaml_errf(y->name, cd_yaml_line(k), "unknown key \"%.80s\"", key);
			return CD_E_MALFORMED;
		}
		if (f->str ? *f->str != NULL : *f->node != NULL) {
			*err = cd_yaml_errf(y->name, cd_yaml_line(k), "duplicate key \"%.80s\"", key);
			return CD_E_MALFORMED;
		}
		if (!f->str) {
			*f->node = v;
			continue;
		}
		if (v->type != YAML_SCALAR_NODE) {
			*err = cd_yaml_errf(y->name, cd_yaml_line(v),
					    "the value of \"%.80s\" must be a scalar", key);
			return CD_E_MALFORMED;
		}
		if (cd_yaml_is_null(v) && v->data.scalar.length)
			continue; /* ~ or null: absent */
		if (!(*f->str = cd_yaml_scalar(v)))
			return CD_E_NOMEM;
	}
	return CD_OK;
}

static json_t *to_json(struct cd_yaml *y, yaml_node_t *n, int depth)
{
	json_t *j;
	if (!n || depth > CD_YAML_MAX_DEPTH)
		return NULL;
	switch (n->type) {
	case YAML_SCALAR_NODE: {
		const char *v = (const char *)n->data.scalar.value;
		size_t l = n->data.scalar.length;
		int plain = n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		char *end;
		long long iv;
		if (cd_yaml_is_null(n))
			return json_null();
		if (plain && !strcmp(v, "true"))
			return json_true();
		if (plain && !strcmp(v, "false"))
			return json_false();
		if (plain && l && (isdigit((unsigned char)v[0]) || v[0] == '-')) {
			iv = strtoll(v, &end, 10);
			if (*end == 0)
				return json_integer(iv);
		}
		return json_stringn(v, l);
	}
	case YAML_SEQUENCE_NODE:
		if (!(j = json_array()))
			return NULL;
		for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top;
		     it++) {
			json_t *e = to_json(y, cd_yaml_node(y, *it), depth + 1);
			if (!e || json_array_append_new(j, e) < 0) {
				json_decref(j);
				return NULL;
			}
		}
		return j;
	case YAML_MAPPING_NODE:
		if (!(j = json_object()))
			return NULL;
		for (yaml_node_pair_t *pr = n->data.mapping.pairs.start; pr < n->data.mapping.pairs.top;
		     pr++) {
			yaml_node_t *k = cd_yaml_node(y, pr->key);
			json_t *e;
			char *key;
			if (!k || k->type != YAML_SCALAR_NODE) {
				json_decref(j);
				return NULL;
			}
			e = to_json(y, cd_yaml_node(y, pr->value), depth + 1);
			key = cd_strndup((const char *)k->data.scalar.value, k->data.scalar.length);
			if (!e || !key) {
				free(key);
				json_decref(e);
				json_decref(j);
				return NULL;
			}
			if (json_object_set_new(j, key, e) < 0) { /* e is released by jansson */
				free(key);
				json_decref(j);
				return NULL;
			}
			free(key);
		}
		return j;
	default:
		return NULL;
	}
}

json_t *cd_yaml_node_to_json(struct cd_yaml *y, yaml_node_t *n)
{
	return to_json(y, n, 0);
}

json_t *cd_yaml_to_json(const char *name, const char *text, size_t len, char **err)
{
	struct cd_yaml y;
	json_t *j = NULL;
	if (cd_yaml_load(&y, name, text, len, err) == CD_OK) {
		j = cd_yaml_node_to_json(&y, cd_yaml_root(&y));
		if (!j)
			*err = cd_yaml_errf(name, 0, "empty document, a key that is not a scalar, or "
						     "nesting deeper than %d",
					    CD_YAML_MAX_DEPTH);
	}
	cd_yaml_release(&y);
	return j;
}
