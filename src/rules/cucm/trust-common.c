/* trust-common.c - helpers of the CUCM trust-store and node rules (trust-common.h). */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "rules/cucm/trust-common.h"
#include "util/str.h"

const char *cd_cucm_store_product(const struct cd_eval_opts *o, const char *store)
{
	static const char *const PRODUCTS[] = {"cucm", "imp"};
	if (!store || !cd_product_selected(o, "cucm"))
		return NULL;
	for (size_t i = 0; i < sizeof(PRODUCTS) / sizeof(PRODUCTS[0]); i++) {
		const json_t *stores =
			json_object_get(cd_product_profile(o, PRODUCTS[i]), "trust_stores");
		const char *name;
		const json_t *v;
		/* roles carry Cisco's spelling; a precheck --purpose may not */
		json_object_foreach((json_t *)stores, name, v)
			if (!strcasecmp(name, store))
				return PRODUCTS[i];
	}
	return NULL;
}

const char *cd_cucm_product_name(const struct cd_eval_opts *o, const char *dflt)
{
	return o->product->product[0] ? o->product->product : dflt;
}

const struct cd_source *cd_cucm_role_source(const struct cd_object *ob, enum cd_role_kind kind,
					    const char *name, const char *node)
{
	for (size_t s = 0; s < ob->n_sources; s++) {
		const struct cd_role *r = &ob->sources[s].role;
		if (r->kind == kind && (!name || !strcmp(r->name, name)) &&
		    (!node || !strcmp(r->node, node)))
			return &ob->sources[s];
	}
	return NULL;
}

int cd_cucm_has_role(const struct cd_object *ob, enum cd_role_kind kind)
{
	for (size_t s = 0; s < ob->n_sources; s++) {
		enum cd_role_kind k = ob->sources[s].role.kind;
		if (k != CD_ROLE_NONE && (kind == CD_ROLE_NONE || k == kind))
			return 1;
	}
	return 0;
}

void cd_cucm_serial_decimal(const struct cd_cert *c, char *out, size_t size)
{
	uint8_t num[sizeof(c->serial)];
	char digits[128];
	size_t n = c->serial_len, nd = 0, start = 0;
	if (size == 0)
		return;
	memcpy(num, c->serial, n);
	while (start < n && num[start] == 0)
		start++;
	/* long division by 10 of the big-endian magnitude, least significant digit first */
	while (start < n && nd < sizeof(digits)) {
		unsigned rem = 0;
		for (size_t i = start; i < n; i++) {
			unsigned v = (rem << 8) | num[i];
			num[i] = (uint8_t)(v / 10);
			rem = v % 10;
		}
		digits[nd++] = (char)('0' + rem);
		while (start < n && num[start] == 0)
			start++;
	}
	if (nd == 0)
		digits[nd++] = '0';
	for (size_t i = 0; i < nd && i + 1 < size; i++)
		out[i] = digits[nd - 1 - i];
	out[nd < size ? nd : size - 1] = 0;
}

int cd_cucm_same_serial(const struct cd_cert *a, const struct cd_cert *b)
{
	return a->serial_len == b->serial_len && !memcmp(a->serial, b->serial, a->serial_len);
}

json_t *cd_cucm_cert_json(const struct cd_object *ob)
{
	const struct cd_cert *c = ob->u.cert;
	char dec[128], t[40], key[64];
	json_t *j = json_object();
	cd_cucm_serial_decimal(c, dec, sizeof(dec));
	j = cd_json_object_put(j, "id", json_string(ob->id));
	j = cd_json_object_put(j, "subject", cd_json_text(c->subject.display ? c->subject.display : ""));
	j = cd_json_object_put(j, "issuer", cd_json_text(c->issuer.display ? c->issuer.display : ""));
	j = cd_json_object_put(j, "serial_hex", json_string(c->serial_hex));
	j = cd_json_object_put(j, "serial_decimal", json_string(dec));
	cd_time_format(c->not_before, t, sizeof(t));
	j = cd_json_object_put(j, "not_before", json_string(t));
	cd_time_format(c->not_after, t, sizeof(t));
	j = cd_json_object_put(j, "not_after", json_string(t));
	j = cd_json_object_put(j, "signature", cd_json_text(c->sig_name));
	if (c->key.known) {
		snprintf(key, sizeof(key), "%s %u", c->key.algo_name, c->key.bits);
		j = cd_json_object_put(j, "key", json_string(key));
	}
	j = cd_json_object_put(j, "sha256", json_string(ob->sha256_hex));
	return j;
}

void cd_cucm_where(const char *name, const char *node, char *out, size_t size)
{
	if (node && *node)
		snprintf(out, size, "%s on %s", name, node);
	else
		snprintf(out, size, "%s", name);
}
