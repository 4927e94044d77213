/* conn.c - TLS connection records from packet captures, for the JSON and text reports. */
#include <stdio.h>
#include <string.h>
#include "pcap/tls.h"
#include "report/report.h"
#include "util/str.h"
#include "util/timefmt.h"

static json_t *jtime_us(int64_t sec, long usec)
{
	char b[64], t[40];
	cd_time_format((cd_time_t)sec, t, sizeof(t));
	/* "2026-01-01T00:00:00Z" -> "2026-01-01T00:00:00.123456Z" */
	size_t n = strlen(t);
	if (n && t[n - 1] == 'Z')
		t[n - 1] = 0;
	snprintf(b, sizeof(b), "%s.%06ldZ", t, usec);
	return json_string(b);
}

static json_t *jversion(uint16_t v)
{
	return v ? json_string(cd_tls_version_name(v)) : json_null();
}

static json_t *jcerts(const struct cd_model *m, const struct cd_tls_conn *k, int side)
{
	json_t *a = json_array();
	for (size_t i = 0; i < k->n_certs[side]; i++)
		json_array_append_new(a, json_string(m->objects[k->certs[side][i]]->id));
	return a;
}

/* what became of a TLS 1.3 connection's encrypted records (null: not TLS 1.3) */
static json_t *jsecrets(enum cd_tls_secrets s)
{
	switch (s) {
	case CD_SECRETS_MISSING: return json_string("no-secrets");
	case CD_SECRETS_USED: return json_string("decrypted");
	case CD_SECRETS_FAILED: return json_string("failed");
	default: return json_null();
	}
}

void cd_conn_tls13_counts(const struct cd_model *m, size_t *all, size_t *decrypted, size_t *missing,
			  size_t *failed)
{
	*all = *decrypted = *missing = *failed = 0;
	for (size_t i = 0; i < m->n_conns; i++) {
		enum cd_tls_secrets s = m->conns[i].secrets;
		*all += s != CD_SECRETS_NA;
		*decrypted += s == CD_SECRETS_USED;
		*missing += s == CD_SECRETS_MISSING;
		*failed += s == CD_SECRETS_FAILED;
	}
}

/* helper shared with rules: a DER Name as text (GnuTLS), into out */
static void dn_text(const uint8_t *der, size_t len, char *out, size_t size);

json_t *cd_json_conn(const struct cd_model *m, const struct cd_tls_conn *k)
{
	json_t *j = json_object(), *off = json_array(), *cas = json_array(), *al = json_array(),
	       *sides = json_array();
	char b[16], rnd[65];
	cd_hex(k->client_random, sizeof(k->client_random), rnd);
	if (k->decrypted[CD_TLS_SERVER])
		json_array_append_new(sides, json_string("server"));
	if (k->decrypted[CD_TLS_CLIENT])
		json_array_append_new(sides, json_string("client"));
	for (size_t i = 0; i < k->n_offered; i++)
		json_array_append_new(off, json_string(cd_tls_version_name(k->offered[i])));
	for (size_t i = 0; i < k->n_ca_names; i++) {
		char dn[512];
		dn_text(k->ca_names[i], k->ca_name_lens[i], dn, sizeof(dn));
		json_array_append_new(cas, json_string(dn));
	}
	for (size_t i = 0; i < k->n_alerts; i++) {
		const struct cd_tls_alert *a = &k->alerts[i];
		json_array_append_new(al, json_pack("{s:s,s:s,s:s,s:I}", "from", a->from == CD_TLS_SERVER ? "server" : "client",
						     "level", a->encrypted ? "encrypted" : a->level == 2 ? "fatal" : "warning",
						     "description", a->encrypted ? "encrypted" : cd_tls_alert_name(a->desc),
						     "frame", (json_int_t)a->frame));
	}
	json_object_set_new(j, "capture", json_string(k->path ? k->path : ""));
	json_object_set_new(j, "client", json_string(k->client));
	json_object_set_new(j, "server", json_string(k->server));
	json_object_set_new(j, "first_frame", json_integer((json_int_t)k->first_frame));
	json_object_set_new(j, "last_frame", json_integer((json_int_t)k->last_frame));
	json_object_set_new(j, "first_time", jtime_us(k->first_sec, k->first_usec));
	json_object_set_new(j, "last_time", jtime_us(k->last_sec, k->last_usec));
	json_object_set_new(j, "starttls", k->starttls[0] ? json_string(k->starttls) : json_null());
	json_object_set_new(j, "sni", k->sni ? json_string(k->sni) : json_null());
	json_object_set_new(j, "client_version", jversion(k->client_version));
	json_object_set_new(j, "offered_versions", off);
	json_object_set_new(j, "version", jversion(k->server_version));
	if (k->cipher_known) {
		snprintf(b, sizeof(b), "0x%04X", k->cipher);
		json_object_set_new(j, "cipher", json_string(b));
	} else {
		json_object_set_new(j, "cipher", json_null());
	}
	json_object_set_new(j, "server_certificates", jcerts(m, k, CD_TLS_SERVER));
	json_object_set_new(j, "client_certificates", jcerts(m, k, CD_TLS_CLIENT));
	json_object_set_new(j, "certificate_requested", json_boolean(k->cert_request));
	json_object_set_new(j, "ca_names_requested", cas);
	json_object_set_new(j, "alerts", al);
	json_object_set_new(j, "certificates_encrypted", json_boolean(k->encrypted_certs));
	json_object_set_new(j, "hello_retry", json_boolean(k->hello_retry));
	json_object_set_new(j, "client_random", k->has_client_random ? json_string(rnd) : json_null());
	json_object_set_new(j, "decryption", jsecrets(k->secrets));
	json_object_set_new(j, "decrypted_sides", sides);
	json_object_set_new(j, "secrets_from", k->secrets_from ? json_string(k->secrets_from) : json_null());
	json_object_set_new(j, "truncated", json_boolean(k->truncated));
	json_object_set_new(j, "gap", json_boolean(k->gap));
	json_object_set_new(j, "mid_start", json_boolean(k->mid_start));
	json_object_set_new(j, "verdict", json_string(k->verdict));
	return j;
}

void cd_text_conns(FILE *out, const struct cd_model *m, int color)
{
	if (!m->n_conns)
		return;
	fprintf(out, "\n%sTLS CONNECTIONS (%zu)%s\n", color ? "\033[1m" : "", m->n_conns, color ? "\033[0m" : "");
	{
		size_t all, dec, miss, fail;
		cd_conn_tls13_counts(m, &all, &dec, &miss, &fail);
		if (all)
			fprintf(out, "  TLS 1.3: %zu connection%s, %zu decrypted with key log secrets, %zu without secrets, "
				"%zu whose secrets did not decrypt\n",
				all, all == 1 ? "" : "s", dec, miss, fail);
	}
	for (size_t i = 0; i < m->n_conns; i++) {
		const struct cd_tls_conn *k = &m->conns[i];
		fprintf(out, "\n  %s -> %s  (%s, frames %llu-%llu)\n", k->client, k->server, k->path ? k->path : "",
			(unsigned long long)k->first_frame, (unsigned long long)k->last_frame);
		if (k->starttls[0])
			fprintf(out, "    STARTTLS (%s)\n", k->starttls);
		fprintf(out, "    SNI: %s; version: %s", k->sni ? k->sni : "(none)",
			k->server_version ? cd_tls_version_name(k->server_version) : "(no ServerHello)");
		if (k->cipher_known)
			fprintf(out, "; cipher 0x%04X", k->cipher);
		fputc('\n', out);
		if (k->hello_retry)
			fprintf(out, "    the server asked for a second ClientHello (HelloRetryRequest)\n");
		if (k->secrets == CD_SECRETS_USED || k->secrets == CD_SECRETS_FAILED)
			fprintf(out, "    TLS 1.3 secrets from %s: %s\n", k->secrets_from ? k->secrets_from : "?",
				k->secrets == CD_SECRETS_FAILED ? "they did not decrypt (tls.decryption-failed)"
				: k->decrypted[CD_TLS_CLIENT] && k->decrypted[CD_TLS_SERVER] ? "both sides decrypted"
				: k->decrypted[CD_TLS_SERVER] ? "the server's records decrypted"
							       : "the client's records decrypted");
		for (int side = CD_TLS_SERVER; side >= CD_TLS_CLIENT; side--) {
			const char *who = side == CD_TLS_SERVER ? "server" : "client";
			if (!k->n_certs[side])
				continue;
			fprintf(out, "    %s sent:\n", who);
			for (size_t j = 0; j < k->n_certs[side]; j++) {
				const struct cd_object *o = m->objects[k->certs[side][j]];
				fprintf(out, "      %zu. %s  %s\n", j + 1, o->id, cd_object_label(o));
			}
		}
		if (k->cert_request) {
			fprintf(out, "    server requested a client certificate from %zu CA name%s\n", k->n_ca_names,
				k->n_ca_names == 1 ? "" : "s");
			for (size_t j = 0; j < k->n_ca_names; j++) {
				char dn[512];
				dn_text(k->ca_names[j], k->ca_name_lens[j], dn, sizeof(dn));
				fprintf(out, "      - %s\n", dn);
			}
		}
		for (size_t j = 0; j < k->n_alerts; j++) {
			const struct cd_tls_alert *a = &k->alerts[j];
			if (a->encrypted)
				fprintf(out, "    alert from the %s (encrypted), frame %llu\n",
					a->from == CD_TLS_SERVER ? "server" : "client", (unsigned long long)a->frame);
			else
				fprintf(out, "    alert from the %s: %s %s, frame %llu\n",
					a->from == CD_TLS_SERVER ? "server" : "client", a->level == 2 ? "fatal" : "warning",
					cd_tls_alert_name(a->desc), (unsigned long long)a->frame);
		}
		fprintf(out, "    verdict: %s\n", k->verdict);
	}
}

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

static void dn_text(const uint8_t *der, size_t len, char *out, size_t size)
{
	gnutls_datum_t d = {(unsigned char *)der, (unsigned)len}, s = {0};
	snprintf(out, size, "(undecodable name)");
	if (gnutls_x509_rdn_get2(&d, &s, 0) >= 0) {
		snprintf(out, size, "%.*s", (int)s.size, s.data);
		gnutls_free(s.data);
	}
}
