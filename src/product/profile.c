/* profile.c - load the product profiles (rules/profiles/ *.yaml) and compare versions. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "product/profile.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/str.h"
#include "util/yaml.h"

struct cd_profile_file {
	const char *path;
	size_t len;
	const char *text;
};
extern const struct cd_profile_file cd_profile_files[];

/* ---- versions ---- */

int cd_version_parse(const char *s, struct cd_version *out)
{
	const char *p = s;
	int n = 0;
	memset(out, 0, sizeof(*out));
	if (!s || !*s || strlen(s) >= sizeof(out->text))
		return CD_E_USAGE;
	cd_strlcpy(out->text, s, sizeof(out->text));
	if (*p == 'X' || *p == 'x')
		p++;
	while (*p) {
		if (isdigit((unsigned char)*p)) {
			long v = 0;
			while (isdigit((unsigned char)*p)) {
				v = v * 10 + (*p - '0');
				if (v > 100000)
					return CD_E_USAGE;
				p++;
			}
			if (n >= 3)
				return CD_E_USAGE;
			out->v[n++] = (int)v;
		} else if (*p == '.' || *p == '(' || *p == ')') {
			p++;
		} else if (!strncasecmp(p, "SU", 2) && isdigit((unsigned char)p[2])) {
			long v = 0;
			p += 2;
			while (isdigit((unsigned char)*p)) {
				v = v * 10 + (*p - '0');
				if (v > 100000)
					return CD_E_USAGE;
				p++;
			}
			out->v[3] = (int)v;
			if (*p)
				return CD_E_USAGE;
			break;
		} else {
			return CD_E_USAGE;
		}
	}
	if (n == 0)
		return CD_E_USAGE;
	out->valid = 1;
	return CD_OK;
}

int cd_version_cmp(const struct cd_version *a, const struct cd_version *b)
{
	for (int i = 0; i < 4; i++)
		if (a->v[i] != b->v[i])
			return a->v[i] < b->v[i] ? -1 : 1;
	return 0;
}

/* A bound of a range: "14SU2", or a plain number YAML read as an integer (from: 15). */
static const char *bound(const json_t *obj, const char *key, char *buf, size_t size)
{
	const json_t *v = json_object_get(obj, key);
	if (json_is_integer(v)) {
		snprintf(buf, size, "%lld", (long long)json_integer_value(v));
		return buf;
	}
	return json_string_value(v);
}

int cd_version_in(const struct cd_version *v, const json_t *obj)
{
	struct cd_version b;
	const char *s;
	char buf[32];
	if (!v || !v->valid)
		return -1;
	if ((s = bound(obj, "from", buf, sizeof(buf))) && cd_version_parse(s, &b) == CD_OK &&
	    cd_version_cmp(v, &b) < 0)
		return 0;
	if ((s = bound(obj, "through", buf, sizeof(buf))) && cd_version_parse(s, &b) == CD_OK &&
	    cd_version_cmp(v, &b) > 0)
		return 0;
	if ((s = bound(obj, "before", buf, sizeof(buf))) && cd_version_parse(s, &b) == CD_OK &&
	    cd_version_cmp(v, &b) >= 0)
		return 0;
	return 1;
}

void cd_version_range_text(const json_t *obj, char *out, size_t size)
{
	char fb[32], tb[32], bb[32];
	const char *f = bound(obj, "from", fb, sizeof(fb));
	const char *t = bound(obj, "through", tb, sizeof(tb));
	const char *b = bound(obj, "before", bb, sizeof(bb));
	if (f && t)
		snprintf(out, size, "%s to %s", f, t);
	else if (f && b)
		snprintf(out, size, "%s up to (not including) %s", f, b);
	else if (f)
		snprintf(out, size, "from %s", f);
	else if (t)
		snprintf(out, size, "up to %s", t);
	else if (b)
		snprintf(out, size, "before %s", b);
	else
		snprintf(out, size, "every version");
}

/* ---- profiles ---- */

int cd_profiles_load(struct cd_profiles *ps, char **err)
{
	memset(ps, 0, sizeof(*ps));
	*err = NULL;
	for (size_t i = 0; cd_profile_files[i].path; i++) {
		json_t *j = cd_yaml_to_json(cd_profile_files[i].path, cd_profile_files[i].text,
					    cd_profile_files[i].len, err);
		const char *name;
		if (!j)
			return *err ? CD_E_MALFORMED : CD_E_NOMEM;
		name = json_string_value(json_object_get(j, "product"));
		if (!name || !json_is_object(json_object_get(j, "purposes")) ||
		    ps->n >= CD_MAX_PROFILES) {
			struct cd_buf b;
			cd_buf_init(&b, 4096);
			cd_buf_addf(&b, "rules/profiles/%s: needs 'product' and 'purposes'",
				    cd_profile_files[i].path);
			*err = cd_buf_detach(&b);
			json_decref(j);
			return CD_E_MALFORMED;
		}
		cd_strlcpy(ps->p[ps->n].name, name, sizeof(ps->p[0].name));
		ps->p[ps->n++].doc = j;
	}
	return CD_OK;
}

void cd_profiles_release(struct cd_profiles *ps)
{
	for (size_t i = 0; i < ps->n; i++)
		json_decref(ps->p[i].doc);
	memset(ps, 0, sizeof(*ps));
}

const struct cd_product_profile *cd_profiles_find(const struct cd_profiles *ps, const char *name)
{
	for (size_t i = 0; ps && i < ps->n; i++)
		if (!strcmp(ps->p[i].name, name))
			return &ps->p[i];
	return NULL;
}

const json_t *cd_profiles_purpose(const struct cd_profiles *ps, const char *purpose,
				  const char **product)
{
	for (size_t i = 0; ps && i < ps->n; i++) {
		const json_t *pp = json_object_get(json_object_get(ps->p[i].doc, "purposes"), purpose);
		if (pp) {
			if (product)
				*product = ps->p[i].name;
			return pp;
		}
	}
	return NULL;
}

const char *cd_product_family(const char *product)
{
	if (!product)
		return NULL;
	return !strcmp(product, "imp") ? "cucm" : product;
}

const json_t *cd_json_path(const json_t *root, const char *path)
{
	char key[128];
	const char *p = path;
	const json_t *j = root;
	while (j && *p) {
		const char *dot = strchr(p, '.');
		size_t l = dot ? (size_t)(dot - p) : strlen(p);
		if (l >= sizeof(key))
			return NULL;
		memcpy(key, p, l);
		key[l] = 0;
		j = json_object_get(j, key);
		p += l + (dot ? 1 : 0);
	}
	return j;
}

long long cd_json_path_int(const json_t *root, const char *path, long long dflt)
{
	const json_t *j = cd_json_path(root, path);
	return json_is_integer(j) ? json_integer_value(j) : dflt;
}

const char *cd_json_path_str(const json_t *root, const char *path)
{
	return json_string_value(cd_json_path(root, path));
}

int cd_json_path_has(const json_t *root, const char *path, const char *s)
{
	return cd_json_array_has(cd_json_path(root, path), s);
}

int cd_json_array_has(const json_t *a, const char *s)
{
	size_t i;
	const json_t *v;
	json_array_foreach(a, i, v)
		if (json_is_string(v) && !strcmp(json_string_value(v), s))
			return 1;
	return 0;
}
