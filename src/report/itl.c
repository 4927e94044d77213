/* itl.c - ITL/CTL objects in the reports: the JSON fields (docs/report.schema.json, kinds
 * "itl" and "ctl") and the `show` text, laid out as CUCM's `show itl` / `show ctl` print the
 * file (Cisco doc 118893): header elements, then each record's elements, the signer marked. */
#include <stdlib.h>
#include <string.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include "report/report.h"
#include "util/str.h"

static json_t *jstr_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *jhex_or_null(const uint8_t *p, size_t n)
{
	char *h;
	json_t *j;
	if (!n)
		return json_null();
	h = cd_hex_new(p, n, 0);
	j = h ? json_string(h) : json_null();
	free(h);
	return j;
}

static const char *ip_text(const struct cd_tl_record *r, char *out, size_t size)
{
	if (r->ip_len == 4) {
		snprintf(out, size, "%u.%u.%u.%u", r->ip[0], r->ip[1], r->ip[2], r->ip[3]);
	} else {
		char *h = cd_hex_new(r->ip, r->ip_len, 1);
		snprintf(out, size, "%s", h ? h : "");
		free(h);
	}
	return out;
}

static const char *kind_from_name(int from)
{
	return from == CD_TL_FROM_FILENAME ? "filename-element"
	       : from == CD_TL_FROM_PATH   ? "file-name"
					   : "default";
}

static json_t *jrecord(const struct cd_trustlist *t, size_t i)
{
	const struct cd_tl_record *r = &t->records[i];
	json_t *j = json_object();
	char b[64];
	json_object_set_new(j, "index", json_integer(r->index));
	json_object_set_new(j, "offset", json_integer((json_int_t)r->offset));
	json_object_set_new(j, "length", json_integer(r->length));
	json_object_set_new(j, "function", json_string(cd_trustlist_function_name(r->function, b, sizeof(b))));
	json_object_set_new(j, "function_code", r->function >= 0 ? json_integer(r->function) : json_null());
	json_object_set_new(j, "dns_name", jstr_or_null(r->dns_name));
	json_object_set_new(j, "subject", jstr_or_null(r->subject));
	json_object_set_new(j, "issuer", jstr_or_null(r->issuer));
	json_object_set_new(j, "serial", jhex_or_null(r->serial, r->serial_len));
	json_object_set_new(j, "ip", r->has_ip ? json_string(ip_text(r, b, sizeof(b))) : json_null());
	json_object_set_new(j, "public_key_length", r->public_key_len ? json_integer(r->public_key_len) : json_null());
	json_object_set_new(j, "has_signature", json_boolean(r->has_signature));
	json_object_set_new(j, "certificate", r->certificate_id[0] ? json_string(r->certificate_id) : json_null());
	json_object_set_new(j, "signer", json_boolean(t->signer_record == i));
	json_object_set_new(j, "cut", json_boolean(r->cut));
	return j;
}

void cd_json_trustlist(json_t *j, const struct cd_object *o)
{
	const struct cd_trustlist *t = o->u.tlist;
	json_t *recs = json_array(), *sig = json_object();
	char b[64];
	uint8_t md5[16];
	gnutls_hash_fast(GNUTLS_DIG_MD5, o->der, o->der_len, md5);
	/* the fields every object has (no subject, issuer or validity of its own) */
	json_object_set_new(j, "subject", json_null());
	json_object_set_new(j, "issuer", json_null());
	json_object_set_new(j, "not_before", json_null());
	json_object_set_new(j, "not_after", json_null());
	json_object_set_new(j, "san", json_array());
	json_object_set_new(j, "kind_from", json_string(kind_from_name(t->kind_from)));
	json_object_set_new(j, "length", json_integer((json_int_t)o->der_len));
	json_object_set_new(j, "md5", jhex_or_null(md5, sizeof(md5)));
	snprintf(b, sizeof(b), "%u.%u", t->version_major, t->version_minor);
	json_object_set_new(j, "version", json_string(b));
	json_object_set_new(j, "header_length", json_integer(t->header_length));
	if (t->has_signer_version) {
		snprintf(b, sizeof(b), "%u.%u", t->signer_version_major, t->signer_version_minor);
		json_object_set_new(j, "signer_version", json_string(b));
	} else {
		json_object_set_new(j, "signer_version", json_null());
	}
	json_object_set_new(j, "signer_name", jstr_or_null(t->signer_name));
	json_object_set_new(j, "signer_issuer", jstr_or_null(t->ca_name));
	json_object_set_new(j, "signer_serial",
			    t->has_signer_serial ? jhex_or_null(t->signer_serial, t->signer_serial_len) : json_null());
	json_object_set_new(j, "digest_algorithm",
			    t->digest >= 0 ? json_string(cd_trustlist_digest_name(t->digest, b, sizeof(b))) : json_null());
	if (t->sig_algorithm == 0) {
		json_object_set_new(j, "signature_algorithm", json_string("RSA"));
	} else if (t->sig_algorithm > 0) {
		snprintf(b, sizeof(b), "unknown(%d)", t->sig_algorithm);
		json_object_set_new(j, "signature_algorithm", json_string(b));
	} else {
		json_object_set_new(j, "signature_algorithm", json_null());
	}
	json_object_set_new(j, "signature_length", t->has_signature ? json_integer(t->signature_len) : json_null());
	json_object_set_new(j, "filename", jstr_or_null(t->filename));
	if (t->has_timestamp) {
		char ts[40];
		cd_time_format(t->timestamp, ts, sizeof(ts));
		json_object_set_new(j, "timestamp", json_string(ts));
	} else {
		json_object_set_new(j, "timestamp", json_null());
	}
	json_object_set_new(j, "complete", json_boolean(t->complete));
	for (size_t i = 0; i < t->n_records; i++)
		json_array_append_new(recs, jrecord(t, i));
	json_object_set_new(j, "records", recs);
	json_object_set_new(sig, "valid", json_boolean(t->sig_valid));
	json_object_set_new(sig, "checked", json_boolean(t->sig_checked));
	json_object_set_new(sig, "signer", t->signer_record != SIZE_MAX && t->records[t->signer_record].certificate_id[0]
						   ? json_string(t->records[t->signer_record].certificate_id)
						   : json_null());
	json_object_set_new(sig, "signer_record", t->signer_record != SIZE_MAX
							  ? json_integer(t->records[t->signer_record].index)
							  : json_null());
	json_object_set_new(sig, "digest",
			    t->digest >= 0 ? json_string(cd_trustlist_digest_name(t->digest, b, sizeof(b))) : json_null());
	json_object_set_new(sig, "reason", t->sig_reason[0] ? json_string(t->sig_reason) : json_null());
	json_object_set_new(j, "signature", sig);
}

/* ------------------------------------------------------------------ show */

static void row(FILE *out, unsigned tag, const char *name, unsigned length, const char *value)
{
	fprintf(out, "  %-4u %-19s %-7u %s\n", tag, name, length, value ? value : "");
}

static void header_value(const struct cd_trustlist *t, const struct cd_tl_element *e,
			 const uint8_t *file, char *out, size_t size)
{
	char b[64];
	out[0] = 0;
	switch (e->tag) {
	case 3: case 7: case 9: snprintf(out, size, "%u", e->length); break; /* bytes it holds */
	case 4: snprintf(out, size, "%s", t->signer_name ? t->signer_name : ""); break;
	case 5: cd_trustlist_serial_text(t->signer_serial, t->signer_serial_len, out, size); break;
	case 6: snprintf(out, size, "%s", t->ca_name ? t->ca_name : ""); break;
	case 8: snprintf(out, size, "%s", cd_trustlist_digest_name(t->digest, b, sizeof(b))); break;
	case 10:
		snprintf(out, size, "%s", t->sig_algorithm == 0 ? "RSA" : "unknown");
		break;
	case 11:
		if (t->sig_modulus >= 0 && t->sig_modulus <= 3)
			snprintf(out, size, "%d (%u-byte signature)", t->sig_modulus, 64u << t->sig_modulus);
		else
			snprintf(out, size, "%d", t->sig_modulus);
		break;
	case 14: snprintf(out, size, "%s", t->filename ? t->filename : ""); break;
	case 15:
		if (t->has_timestamp)
			cd_time_format(t->timestamp, out, size);
		break;
	case 28:
		if (t->has_signer_version)
			snprintf(out, size, "%u.%u", t->signer_version_major, t->signer_version_minor);
		break;
	default: break;
	}
	(void)file;
}

static void record_value(const struct cd_tl_record *r, const struct cd_tl_element *e,
			 const uint8_t *file, size_t file_len, char *out, size_t size)
{
	char b[64];
	out[0] = 0;
	switch (e->tag) {
	case 2: snprintf(out, size, "%s", r->dns_name ? r->dns_name : ""); break;
	case 3: snprintf(out, size, "%s", r->subject ? r->subject : ""); break;
	case 4:
		cd_trustlist_function_name(r->function, b, sizeof(b));
		snprintf(out, size, "%s%s", b, r->function == CD_TL_FN_SAST ? " (System Administrator Security Token)" : "");
		break;
	case 5: snprintf(out, size, "%s", r->issuer ? r->issuer : ""); break;
	case 6: cd_trustlist_serial_text(r->serial, r->serial_len, out, size); break;
	case 9:
		if (r->cert_len && r->cert_offset + r->cert_len <= file_len) {
			uint8_t sha1[20];
			size_t k = 0;
			gnutls_hash_fast(GNUTLS_DIG_SHA1, file + r->cert_offset, r->cert_len, sha1);
			for (size_t i = 0; i < 20 && k + 4 < size; i++)
				k += (size_t)snprintf(out + k, size - k, "%s%02X", i ? " " : "", sha1[i]);
			snprintf(out + k, size - k, " (SHA1 Hash HEX)%s%s", r->certificate_id[0] ? " " : "",
				 r->certificate_id);
		}
		break;
	case 10:
		if (r->ip_len == 4)
			snprintf(out, size, "%u.%u.%u.%u", r->ip[0], r->ip[1], r->ip[2], r->ip[3]);
		break;
	case 12: snprintf(out, size, "%d", r->hash_algorithm); break;
	default: break;
	}
}

void cd_show_trustlist(FILE *out, const struct cd_model *m, const struct cd_object *o, cd_time_t at)
{
	const struct cd_trustlist *t = o->u.tlist;
	const char *up = o->kind == CD_KIND_CTL ? "CTL" : "ITL";
	char *md5h, *sha1h, v[400];
	uint8_t md5[16];
	gnutls_hash_fast(GNUTLS_DIG_MD5, o->der, o->der_len, md5);
	md5h = cd_hex_new(md5, 16, 0);
	sha1h = cd_hex_new(o->sha1, 20, 0);
	fprintf(out, "  The checksum value of the %s file: %s(MD5) %s(SHA1)\n", up, md5h ? md5h : "",
		sha1h ? sha1h : "");
	free(md5h);
	free(sha1h);
	fprintf(out, "  Length of %s file: %zu\n", up, o->der_len);
	fprintf(out, "  Read as %s %s\n", up,
		t->kind_from == CD_TL_FROM_FILENAME ? "by its FILENAME element"
		: t->kind_from == CD_TL_FROM_PATH   ? "by its file name"
						    : "(neither its FILENAME element nor its name says which; same format)");
	fprintf(out, "\n  Parse %s File\n  ----------------\n", up);
	fprintf(out, "  Version:        %u.%u\n", t->version_major, t->version_minor);
	fprintf(out, "  HeaderLength:   %u (BYTES)\n\n", t->header_length);
	fprintf(out, "  %-4s %-19s %-7s %s\n", "TAG", "NAME", "LENGTH", "VALUE");
	fprintf(out, "  %-4s %-19s %-7s %s\n", "---", "----", "------", "-----");
	for (unsigned i = 0; i < t->n_header; i++) {
		const struct cd_tl_element *e = &t->header[i];
		int container = e->tag == 3 || e->tag == 7 || e->tag == 9;
		header_value(t, e, o->der, v, sizeof(v));
		/* a container as `show ctl` prints it: its 2-byte length field, the bytes it holds */
		row(out, e->tag, cd_trustlist_header_tag_name(e->tag), container ? 2 : e->length, v);
	}
	if (t->more_header)
		fprintf(out, "  (%u more header elements not listed)\n", t->more_header);
	for (size_t i = 0; i < t->n_records; i++) {
		const struct cd_tl_record *r = &t->records[i];
		fprintf(out, "\n  %s Record #:%u (offset %llu)\n  ----\n", up, r->index, (unsigned long long)r->offset);
		fprintf(out, "  %-4s %-19s %-7s %s\n", "TAG", "NAME", "LENGTH", "VALUE");
		fprintf(out, "  %-4s %-19s %-7s %s\n", "---", "----", "------", "-----");
		snprintf(v, sizeof(v), "%u", r->length);
		row(out, 1, "RECORDLENGTH", 2, v);
		for (unsigned k = 0; k < r->n_elements; k++) {
			record_value(r, &r->elements[k], o->der, o->der_len, v, sizeof(v));
			row(out, r->elements[k].tag, cd_trustlist_record_tag_name(r->elements[k].tag),
			    r->elements[k].length, v);
		}
		if (r->more_elements)
			fprintf(out, "  (%u more elements not listed)\n", r->more_elements);
		if (r->cut)
			fprintf(out, "  The file ends inside this record: it is cut short.\n");
		if (r->certificate != SIZE_MAX && r->certificate < m->n_objects &&
		    m->objects[r->certificate]->kind == CD_KIND_CERT) {
			const struct cd_cert *c = m->objects[r->certificate]->u.cert;
			char a[40];
			cd_time_format(c->not_after, a, sizeof(a));
			if (c->not_after != CD_TIME_NONE && c->not_after < at)
				fprintf(out, "  The certificate EXPIRED on %s.\n", a);
		}
		if (r->function == CD_TL_FN_SAST)
			fprintf(out, "  This etoken was %sused to sign the %s file.\n",
				t->signer_record == i ? "" : "not ", up);
	}
	if (t->sig_valid)
		fprintf(out, "\n  The %s file was verified successfully.\n", up);
	else if (t->sig_checked)
		fprintf(out, "\n  The %s file signature DOES NOT VERIFY: %s.\n", up, t->sig_reason);
	else
		fprintf(out, "\n  The %s file signature was not verified: %s.\n", up, t->sig_reason);
	if (!t->complete)
		fprintf(out, "  The file is damaged or cut short: certdiag reports where (ingest.unparseable).\n");
}
