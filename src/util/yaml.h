/* yaml.h - the one YAML reader (libyaml) behind the rule catalogue (rules/<ns>/NAME.yaml), the
 * log signatures (rules/signatures/, --signatures) and the product profiles (rules/profiles/):
 * load a document with errors as "NAME:LINE: problem", read flat mappings of scalars into
 * fields, and turn any node into a jansson tree. */
#ifndef CD_UTIL_YAML_H
#define CD_UTIL_YAML_H

#include <jansson.h>
#include <stddef.h>
#include <yaml.h>

/* Nesting past this depth is refused by cd_yaml_node_to_json (a profile is a few levels). */
#define CD_YAML_MAX_DEPTH 32

struct cd_yaml {
	yaml_document_t doc;
	const char *name; /* as given to cd_yaml_load, for error messages (not owned) */
	int loaded;
};

/* Parse text (len bytes, not NUL-terminated) as one YAML document named name. CD_OK, or
 * CD_E_MALFORMED with *err = "NAME:LINE: problem" (malloc'd), or CD_E_NOMEM. Release with
 * cd_yaml_release (also after a failure). */
int cd_yaml_load(struct cd_yaml *y, const char *name, const char *text, size_t len, char **err);
void cd_yaml_release(struct cd_yaml *y);

yaml_node_t *cd_yaml_root(struct cd_yaml *y);
yaml_node_t *cd_yaml_node(struct cd_yaml *y, int id);
/* 1-based line of a node, for messages. */
size_t cd_yaml_line(const yaml_node_t *n);
/* A plain "~", "null" or empty scalar. */
int cd_yaml_is_null(const yaml_node_t *n);
/* A copy of a scalar's text without the trailing newlines and spaces block scalars keep;
 * NULL when out of memory. */
char *cd_yaml_scalar(const yaml_node_t *n);

/* One key of a flat mapping: a scalar copied into *str (NULL stays NULL for a null value), or,
 * when str is NULL, the value node itself into *node (any type, for the caller to read). */
struct cd_yaml_field {
	const char *key;
	char **str;
	yaml_node_t **node;
};

/* Read a mapping into fields (a NULL-key-terminated table): unknown keys, duplicate keys,
 * keys that are not scalars and non-scalar values of str fields are CD_E_MALFORMED with *err
 * "NAME:LINE: ..." naming the key. Strings already stored stay owned by the caller on failure. */
int cd_yaml_map_read(struct cd_yaml *y, yaml_node_t *map, const struct cd_yaml_field *fields,
		     char **err);

/* A node as JSON: scalars become null, true/false, integers or strings; sequences arrays;
 * mappings objects (scalar keys only). NULL when a key is not a scalar, the nesting is deeper
 * than CD_YAML_MAX_DEPTH, or memory runs out. */
json_t *cd_yaml_node_to_json(struct cd_yaml *y, yaml_node_t *n);
/* cd_yaml_load + cd_yaml_node_to_json of the root: a new reference, or NULL with *err set
 * (NULL *err: out of memory). */
json_t *cd_yaml_to_json(const char *name, const char *text, size_t len, char **err);

/* *err = "NAME:LINE: " + the formatted message (line 0: "NAME: "), malloc'd. */
char *cd_yaml_errf(const char *name, size_t line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
