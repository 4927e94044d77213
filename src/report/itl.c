/* itl.c - ITL/CTL objects in the reports: the JSON fields (docs/report.schema.json, kinds
 * "itl" and "ctl"; written through the streaming JSON writer) and the `show` text, laid out as CUCM's `show itl` / `show ctl` print the
 * file (Cisco doc 118893): header elements, then each record's elements, the signer marked. */
#include <stdlib.h>
#include <string.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include "report/common.h"
#include "util/str.h"

static void khex(struct cd_jw *w, const char *k, const uint8_t *p, size_t n)
{
	cd_jw_key(w, k);
	cd_jw_hex(w, p, n); /* n = 0: null */
}

static void kint_or_null(struct cd_jw *w, const char *k, int present, long long v)
{
	cd_jw_key(w, k);
	if (present)
		cd_jw_int(w, v);
	else
		cd_jw_null(w);
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

static void jrecord(struct cd_jw *w, const struct cd_trustlist *t, size_t i)
{
	const struct cd_tl_record *r = &t->records[i];
	char b[64];
	cd_jw_object(w);
	cd_jw_kint(w, "index", r->index);
	cd_jw_kint(w, "offset", (long long)r->offset);
	cd_jw_kint(w, "length", r->length);
	cd_jw_kstr(w, "function", cd_trustlist_function_name(r->function, b, sizeof(b)));
	kint_or_null(w, "function_code", r->function >= 0, r->function);
	cd_jw_kstr(w, "dns_name", r->dns_name);
	cd_jw_kstr(w, "subject", r->subject);
	cd_jw_kstr(w, "issuer", r->issuer);
	khex(w, "serial", r->serial, r->serial_len);
	cd_jw_kstr(w, "ip", r->has_ip ? ip_text(r, b, sizeof(b)) : NULL);
	kint_or_null(w, "public_key_length", r->public_key_len > 0, r->public_key_len);
	cd_jw_kbool(w, "has_signature", r->has_signature);
	cd_jw_kstr(w, "certificate", r->certificate_id[0] ? r->certificate_id : NULL);
	cd_jw_kbool(w, "signer", t->signer_record == i);
	cd_jw_kbool(w, "cut", r->cut);
	cd_jw_end(w);
}

void cd_jw_trustlist(struct cd_jw *w, const struct cd_object *o)
{
	const struct cd_trustlist *t = o->u.tlist;
	const struct cd_tl_record *sr = t->signer_record != SIZE_MAX ? &t->records[t->signer_record] : NULL;
	char b[64];
	uint8_t md5[16];
	gnutls_hash_fast(GNUTLS_DIG_MD5, o->der, o->der_len, md5);
	/* the fields every object has (no subject, issuer or validity of its own) */
	cd_jw_knull(w, "subject");
	cd_jw_knull(w, "issuer");
	cd_jw_knull(w, "not_before");
	cd_jw_knull(w, "not_after");
	cd_jw_key(w, "san");
	cd_jw_array(w);
	cd_jw_end(w);
	cd_jw_kstr(w, "kind_from", kind_from_name(t->kind_from));
	cd_jw_kint(w, "length", (long long)o->der_len);
	khex(w, "md5", md5, sizeof(md5));
	snprintf(b, sizeof(b), "%u.%u", t->version_major, t->version_minor);
	cd_jw_kstr(w, "version", b);
	cd_jw_kint(w, "header_length", t->header_length);
	snprintf(b, sizeof(b), "%u.%u", t->signer_version_major, t->signer_version_minor);
	cd_jw_kstr(w, "signer_version", t->has_signer_version ? b : NULL);
	cd_jw_kstr(w, "signer_name", t->signer_name);
	cd_jw_kstr(w, "signer_issuer", t->ca_name);
	khex(w, "signer_serial", t->signer_serial, t->has_signer_serial ? t->signer_serial_len : 0);
	cd_jw_kstr(w, "digest_algorithm", t->digest >= 0 ? cd_trustlist_digest_name(t->digest, b, sizeof(b)) : NULL);
	if (t->sig_algorithm > 0)
		snprintf(b, sizeof(b), "unknown(%d)", t->sig_algorithm);
	cd_jw_kstr(w, "signature_algorithm", t->sig_algorithm == 0 ? "RSA" : t->sig_algorithm > 0 ? b : NULL);
	kint_or_null(w, "signature_length", t->has_signature, t->signature_len);
	cd_jw_kstr(w, "filename", t->filename);
	if (t->has_timestamp)
		cd_time_format(t->timestamp, b, sizeof(b));
	cd_jw_kstr(w, "timestamp", t->has_timestamp ? b : NULL);
	cd_jw_kbool(w, "complete", t->complete);
	cd_jw_key(w, "records");
	cd_jw_array(w);
	for (size_t i = 0; i < t->n_records; i++)
		jrecord(w, t, i);
	cd_jw_end(w);
	cd_jw_key(w, "signature");
	cd_jw_object(w);
	cd_jw_kbool(w, "valid", t->sig_valid);
	cd_jw_kbool(w, "checked", t->sig_checked);
	cd_jw_kstr(w, "signer", sr && sr->certificate_id[0] ? sr->certificate_id : NULL);
	kint_or_null(w, "signer_record", sr != NULL, sr ? sr->index : 0);
	cd_jw_kstr(w, "digest", t->digest >= 0 ? cd_trustlist_digest_name(t->digest, b, sizeof(b)) : NULL);
	cd_jw_kstr(w, "reason", t->sig_reason[0] ? t->sig_reason : NULL);
	cd_jw_end(w);
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
