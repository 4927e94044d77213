/* compare.c - the renewal check (TechNote "Expressway Certificate Renewal", sections C and D):
 * SAN entries added and removed, EKU and KU, issuing CA (AKI, as expressway.renewal-ca-changed
 * judges it), the key by its SubjectPublicKeyInfo, validity and signature algorithm; which
 * changes break peers. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "product/compare.h"
#include "product/product.h"
#include "util/error.h"
#include "util/str.h"



static void ku_text(unsigned ku, int present, char *out, size_t size)
{
	size_t l = 0;
	out[0] = 0;
	if (!present) {
		snprintf(out, size, "(no keyUsage extension)");
		return;
	}
	for (unsigned bit = 1; bit && bit <= 0x8000; bit <<= 1)
		if ((ku & bit) && cd_ku_name(bit) && l < size)
			l += (size_t)snprintf(out + l, size - l, "%s%s", l ? ", " : "", cd_ku_name(bit));
}

static void eku_text(const struct cd_cert *c, char *out, size_t size)
{
	size_t l = 0;
	out[0] = 0;
	if (!c->eku_present) {
		snprintf(out, size, "(no extendedKeyUsage: any purpose)");
		return;
	}
	for (size_t i = 0; i < c->n_eku && l < size; i++) {
		const char *n = cd_eku_name(c->eku[i]);
		l += (size_t)snprintf(out + l, size - l, "%s%s", l ? ", " : "", n ? n : c->eku[i]);
	}
}

/* Type, size and the SHA-256 of the SubjectPublicKeyInfo: two keys of one type and size are
 * different keys (a rekey) when their fingerprints differ. */
static void key_text(const struct cd_pubkey *k, char *out, size_t size)
{
	char fp[65];
	if (!k->known) {
		snprintf(out, size, "unknown");
		return;
	}
	cd_key_fingerprint(k, fp);
	if (k->curve[0])
		snprintf(out, size, "%s %s (%u bits), SPKI SHA-256 %s", k->algo_name, k->curve, k->bits, fp);
	else
		snprintf(out, size, "%s %u bits, SPKI SHA-256 %s", k->algo_name, k->bits, fp);
}

/* Is a certificate named like NEW's issuer (and with NEW's AKI as SKI when both exist) among
 * the --trust anchors of the model? */
static int issuer_trusted(const struct cd_model *m, const struct cd_cert *c)
{
	for (size_t i = 0; i < m->n_objects; i++) {
		const struct cd_object *ob = m->objects[i];
		const struct cd_cert *t;
		int in_trust = 0;
		if (ob->kind != CD_KIND_CERT)
			continue;
		for (size_t k = 0; k < ob->n_sources; k++)
			in_trust |= ob->sources[k].role.kind == CD_ROLE_TRUST;
		t = ob->u.cert;
		if (!in_trust || strcmp(t->subject.canon, c->issuer.canon))
			continue;
		if (c->aki_len && t->ski_len && (c->aki_len != t->ski_len || memcmp(c->aki, t->ski, t->ski_len)))
			continue;
		return 1;
	}
	return 0;
}

static size_t diff(const struct cd_model *m, const struct cd_cert *a, const struct cd_cert *b,
		   cd_time_t at, struct cd_change *ch)
{
	size_t n = 0;
	char x[129], y[129];
	/* subject */
	ch[n] = (struct cd_change){.field = "subject"};
	snprintf(ch[n].old_, sizeof(ch[n].old_), "%s", a->subject.display);
	snprintf(ch[n].new_, sizeof(ch[n].new_), "%s", b->subject.display);
	n++;
	/* SAN */
	ch[n] = (struct cd_change){.field = "san"};
	snprintf(ch[n].old_, sizeof(ch[n].old_), "%zu entries", a->n_san);
	snprintf(ch[n].new_, sizeof(ch[n].new_), "%zu entries", b->n_san);
	cd_san_diff(a->san, a->n_san, b->san, b->n_san, &ch[n].added, &ch[n].removed);
	if (json_array_size(ch[n].removed)) {
		ch[n].breaking = 1;
		snprintf(ch[n].note, sizeof(ch[n].note),
			 "peers that reach the server by a removed name fail the TLS name check");
	}
	n++;
	/* EKU */
	ch[n] = (struct cd_change){.field = "extended_key_usage"};
	eku_text(a, ch[n].old_, sizeof(ch[n].old_));
	eku_text(b, ch[n].new_, sizeof(ch[n].new_));
	ch[n].added = json_array();
	ch[n].removed = json_array();
	if (a->eku_present || b->eku_present) {
		for (size_t i = 0; i < a->n_eku; i++)
			if (b->eku_present && !cd_cert_lists_eku(b, a->eku[i]))
				json_array_append_new(ch[n].removed, json_string(cd_eku_name(a->eku[i]) ? cd_eku_name(a->eku[i]) : a->eku[i]));
		for (size_t i = 0; i < b->n_eku; i++)
			if (a->eku_present && !cd_cert_lists_eku(a, b->eku[i]))
				json_array_append_new(ch[n].added, json_string(cd_eku_name(b->eku[i]) ? cd_eku_name(b->eku[i]) : b->eku[i]));
		if (!a->eku_present && b->eku_present)
			json_array_append_new(ch[n].removed, json_string("(any purpose)"));
	}
	if (json_array_size(ch[n].removed)) {
		ch[n].breaking = 1;
		snprintf(ch[n].note, sizeof(ch[n].note),
			 "a purpose the old certificate allowed is gone (Expressway needs both serverAuth "
			 "and clientAuth before X15.4)");
	}
	n++;
	/* KU */
	ch[n] = (struct cd_change){.field = "key_usage"};
	ku_text(a->ku, a->ku_present, ch[n].old_, sizeof(ch[n].old_));
	ku_text(b->ku, b->ku_present, ch[n].new_, sizeof(ch[n].new_));
	ch[n].added = json_array();
	ch[n].removed = json_array();
	for (unsigned bit = 1; bit <= 0x8000; bit <<= 1) {
		unsigned ha = a->ku_present ? (a->ku & bit) : bit, hb = b->ku_present ? (b->ku & bit) : bit;
		if (!cd_ku_name(bit))
			continue;
		if (ha && !hb && a->ku_present)
			json_array_append_new(ch[n].removed, json_string(cd_ku_name(bit)));
		if (hb && !ha && b->ku_present)
			json_array_append_new(ch[n].added, json_string(cd_ku_name(bit)));
	}
	/* no extension allows every usage: as for the EKU, gaining one restricts the key */
	if (!a->ku_present && b->ku_present)
		json_array_append_new(ch[n].removed, json_string("(any usage)"));
	if (json_array_size(ch[n].removed)) {
		ch[n].breaking = 1;
		snprintf(ch[n].note, sizeof(ch[n].note), "key usage the old certificate had is gone");
	}
	n++;
	/* issuing CA */
	ch[n] = (struct cd_change){.field = "issuer"};
	cd_hex(a->aki, a->aki_len < 64 ? a->aki_len : 64, x);
	cd_hex(b->aki, b->aki_len < 64 ? b->aki_len : 64, y);
	snprintf(ch[n].old_, sizeof(ch[n].old_), "%s (AKI %s)", a->issuer.display, a->aki_len ? x : "none");
	snprintf(ch[n].new_, sizeof(ch[n].new_), "%s (AKI %s)", b->issuer.display, b->aki_len ? y : "none");
	/* as expressway.renewal-ca-changed: the AKIs when both have one, else the issuer names */
	if (a->aki_len && b->aki_len ? a->aki_len != b->aki_len || memcmp(a->aki, b->aki, a->aki_len)
				     : strcmp(a->issuer.canon ? a->issuer.canon : "",
					      b->issuer.canon ? b->issuer.canon : "")) {
		if (issuer_trusted(m, b)) {
			snprintf(ch[n].note, sizeof(ch[n].note),
				 "another issuing CA, which the given trust lists already hold");
		} else {
			ch[n].breaking = 1;
			snprintf(ch[n].note, sizeof(ch[n].note),
				 "another issuing CA: its chain must first go to every peer's trust list "
				 "(Expressway-C/E trusted CA lists, CUCM tomcat-trust and CallManager-trust)");
		}
	}
	n++;
	/* key */
	ch[n] = (struct cd_change){.field = "key"};
	key_text(&a->key, ch[n].old_, sizeof(ch[n].old_));
	key_text(&b->key, ch[n].new_, sizeof(ch[n].new_));
	if (!a->key.known || !b->key.known)
		snprintf(ch[n].note, sizeof(ch[n].note), "a key could not be decoded: the keys were not compared");
	else if (!memcmp(a->key.spki_sha256, b->key.spki_sha256, 32))
		snprintf(ch[n].note, sizeof(ch[n].note), "the same key pair was reused");
	else if (strcmp(a->key.algo_name, b->key.algo_name))
		snprintf(ch[n].note, sizeof(ch[n].note),
			 "another key type: peers must support it (CUCM: -ECDSA purposes need EC, others RSA)");
	n++;
	/* validity */
	ch[n] = (struct cd_change){.field = "validity"};
	{
		char nb[40], na[40];
		cd_time_format(a->not_before, nb, sizeof(nb));
		cd_time_format(a->not_after, na, sizeof(na));
		snprintf(ch[n].old_, sizeof(ch[n].old_), "%s to %s", nb, na);
		cd_time_format(b->not_before, nb, sizeof(nb));
		cd_time_format(b->not_after, na, sizeof(na));
		snprintf(ch[n].new_, sizeof(ch[n].new_), "%s to %s", nb, na);
	}
	if (at < b->not_before) {
		ch[n].breaking = 1;
		snprintf(ch[n].note, sizeof(ch[n].note), "the new certificate is not valid yet");
	} else if (at > b->not_after) {
		ch[n].breaking = 1;
		snprintf(ch[n].note, sizeof(ch[n].note), "the new certificate has expired");
	} else if (b->not_after < a->not_after) {
		snprintf(ch[n].note, sizeof(ch[n].note), "the new certificate expires before the old one");
	}
	n++;
	/* signature algorithm */
	ch[n] = (struct cd_change){.field = "signature"};
	snprintf(ch[n].old_, sizeof(ch[n].old_), "%s", a->sig_name);
	snprintf(ch[n].new_, sizeof(ch[n].new_), "%s", b->sig_name);
	n++;
	for (size_t i = 0; i < n; i++)
		ch[i].changed = strcmp(ch[i].old_, ch[i].new_) != 0 ||
				json_array_size(ch[i].added) + json_array_size(ch[i].removed) > 0;
	/* the key: by its SubjectPublicKeyInfo; undecodable keys are not "the same" */
	for (size_t i = 0; i < n; i++)
		if (!strcmp(ch[i].field, "key"))
			ch[i].changed = !a->key.known || !b->key.known ||
					memcmp(a->key.spki_sha256, b->key.spki_sha256, 32) != 0;
	return n;
}

int cd_compare_run(struct cd_compare *c, const struct cd_scan *s, const char *old_path,
		   const char *new_path, cd_time_t at, int *which)
{
	memset(c, 0, sizeof(*c));
	c->old_i = cd_scan_find_upload(&s->model, old_path);
	c->new_i = cd_scan_find_upload(&s->model, new_path);
	if (c->old_i == SIZE_MAX || c->new_i == SIZE_MAX) {
		*which = c->old_i == SIZE_MAX ? 0 : 1;
		return CD_E_UNSUPPORTED;
	}
	c->n = diff(&s->model, s->model.objects[c->old_i]->u.cert, s->model.objects[c->new_i]->u.cert, at,
		    c->ch);
	for (size_t i = 0; i < c->n; i++)
		c->breaking |= c->ch[i].breaking;
	return CD_OK;
}

void cd_compare_release(struct cd_compare *c)
{
	for (size_t i = 0; i < CD_COMPARE_MAX_FIELDS; i++) {
		json_decref(c->ch[i].added);
		json_decref(c->ch[i].removed);
		c->ch[i].added = c->ch[i].removed = NULL;
	}
}
