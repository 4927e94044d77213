/* conn.c - TLS connection records from packet captures, for the JSON and text reports; cipher
 * suites by their IANA name. */
#include <stdio.h>
#include <string.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include "pcap/tls.h"
#include "report/common.h"
#include "util/timefmt.h"

void cd_dn_text(const uint8_t *der, size_t len, char *out, size_t size)
{
	gnutls_datum_t d = {(unsigned char *)der, (unsigned)len}, s = {0};
	snprintf(out, size, "(undecodable name)");
	if (gnutls_x509_rdn_get2(&d, &s, 0) >= 0) {
		snprintf(out, size, "%.*s", (int)s.size, s.data);
		gnutls_free(s.data);
	}
}

static void jw_time_us(struct cd_jw *w, int64_t sec, long usec)
{
	char b[64], t[40];
	size_t n;
	cd_time_format((cd_time_t)sec, t, sizeof(t));
	/* "2026-01-01T00:00:00Z" -> "2026-01-01T00:00:00.123456Z" */
	n = strlen(t);
	if (n && t[n - 1] == 'Z')
		t[n - 1] = 0;
	snprintf(b, sizeof(b), "%s.%06ldZ", t, usec);
	cd_jw_str(w, b);
}

static void jw_version(struct cd_jw *w, const char *key, uint16_t v)
{
	cd_jw_kstr(w, key, v ? cd_tls_version_name(v) : NULL);
}

static void jw_certs(struct cd_jw *w, const char *key, const struct cd_model *m, const struct cd_tls_conn *k,
		     int side)
{
	cd_jw_key(w, key);
	cd_jw_array(w);
	for (size_t i = 0; i < k->n_certs[side]; i++)
		cd_jw_str(w, m->objects[k->certs[side][i]]->id);
	cd_jw_end(w);
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

void cd_jw_conn(struct cd_jw *w, const struct cd_model *m, const struct cd_tls_conn *k)
{
	cd_jw_object(w);
	cd_jw_kstr(w, "capture", k->path ? k->path : "");
	cd_jw_kstr(w, "client", k->client);
	cd_jw_kstr(w, "server", k->server);
	cd_jw_kint(w, "first_frame", (long long)k->first_frame);
	cd_jw_kint(w, "last_frame", (long long)k->last_frame);
	cd_jw_key(w, "first_time");
	jw_time_us(w, k->first_sec, k->first_usec);
	cd_jw_key(w, "last_time");
	jw_time_us(w, k->last_sec, k->last_usec);
	cd_jw_kstr(w, "starttls", k->starttls[0] ? k->starttls : NULL);
	cd_jw_kstr(w, "sni", k->sni);
	jw_version(w, "client_version", k->client_version);
	cd_jw_key(w, "offered_versions");
	cd_jw_array(w);
	for (size_t i = 0; i < k->n_offered; i++)
		cd_jw_str(w, cd_tls_version_name(k->offered[i]));
	cd_jw_end(w);
	jw_version(w, "version", k->server_version);
	if (k->cipher_known) {
		char b[16];
		snprintf(b, sizeof(b), "0x%04X", k->cipher);
		cd_jw_kstr(w, "cipher", b);
		cd_jw_kstr(w, "cipher_name", cd_cipher_suite_name(k->cipher));
	} else {
		cd_jw_knull(w, "cipher");
		cd_jw_knull(w, "cipher_name");
	}
	jw_certs(w, "server_certificates", m, k, CD_TLS_SERVER);
	jw_certs(w, "client_certificates", m, k, CD_TLS_CLIENT);
	cd_jw_kbool(w, "certificate_requested", k->cert_request);
	cd_jw_key(w, "ca_names_requested");
	cd_jw_array(w);
	for (size_t i = 0; i < k->n_ca_names; i++) {
		char dn[512];
		cd_dn_text(k->ca_names[i], k->ca_name_lens[i], dn, sizeof(dn));
		cd_jw_str(w, dn);
	}
	cd_jw_end(w);
	cd_jw_key(w, "alerts");
	cd_jw_array(w);
	for (size_t i = 0; i < k->n_alerts; i++) {
		const struct cd_tls_alert *a = &k->alerts[i];
		cd_jw_object(w);
		cd_jw_kstr(w, "from", a->from == CD_TLS_SERVER ? "server" : "client");
		cd_jw_kstr(w, "level", a->encrypted ? "encrypted" : a->level == 2 ? "fatal" : "warning");
		cd_jw_kstr(w, "description", a->encrypted ? "encrypted" : cd_tls_alert_name(a->desc));
		cd_jw_kint(w, "frame", (long long)a->frame);
		cd_jw_end(w);
	}
	cd_jw_end(w);
	cd_jw_kbool(w, "certificates_encrypted", k->encrypted_certs);
	cd_jw_kbool(w, "hello_retry", k->hello_retry);
	cd_jw_key(w, "client_random");
	cd_jw_hex(w, k->client_random, k->has_client_random ? sizeof(k->client_random) : 0);
	/* what became of a TLS 1.3 connection's encrypted records (null: not TLS 1.3) */
	cd_jw_kstr(w, "decryption", k->secrets == CD_SECRETS_MISSING ? "no-secrets"
				    : k->secrets == CD_SECRETS_USED  ? "decrypted"
				    : k->secrets == CD_SECRETS_FAILED ? "failed"
								       : NULL);
	cd_jw_key(w, "decrypted_sides");
	cd_jw_array(w);
	if (k->decrypted[CD_TLS_SERVER])
		cd_jw_str(w, "server");
	if (k->decrypted[CD_TLS_CLIENT])
		cd_jw_str(w, "client");
	cd_jw_end(w);
	cd_jw_kstr(w, "secrets_from", k->secrets_from);
	cd_jw_kbool(w, "truncated", k->truncated);
	cd_jw_kbool(w, "gap", k->gap);
	cd_jw_kbool(w, "mid_start", k->mid_start);
	cd_jw_kstr(w, "verdict", k->verdict);
	cd_jw_end(w);
}

/* Did the handshake go wrong (an alert, missing bytes, no ServerHello)? */
static int conn_failed(const struct cd_tls_conn *k)
{
	return strncmp(k->verdict, "handshake seen, no alert", 24) != 0;
}

static void text_conn(FILE *out, const struct cd_model *m, const struct cd_tls_conn *k)
{
	fprintf(out, "\n  %s -> %s  (%s, frames %llu-%llu)\n", k->client, k->server, k->path ? k->path : "",
		(unsigned long long)k->first_frame, (unsigned long long)k->last_frame);
	if (k->starttls[0])
		fprintf(out, "    STARTTLS (%s)\n", k->starttls);
	fprintf(out, "    SNI: %s; version: %s", k->sni ? k->sni : "(none)",
		k->server_version ? cd_tls_version_name(k->server_version) : "(no ServerHello)");
	if (k->cipher_known) {
		char cs[96];
		cd_cipher_suite_text(k->cipher, cs, sizeof(cs));
		fprintf(out, "; cipher %s", cs);
	}
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
			cd_dn_text(k->ca_names[j], k->ca_name_lens[j], dn, sizeof(dn));
			fprintf(out, "      - %s\n", dn);
		}
	}
	for (size_t j = 0; j < k->n_alerts; j++) {
		const struct cd_tls_alert *a = &k->alerts[j];
		if (a->encrypted)
			fprintf(out, "    alert from the %s (encrypted), frame %llu\n",
				a->from == CD_TLS_SERVER ? "server" : "client", (unsigned long long)a->frame);
		else
			fprintf(out, "    alert from the %s: %s %s, frame %llu\n", a->from == CD_TLS_SERVER ? "server" : "client",
				a->level == 2 ? "fatal" : "warning", cd_tls_alert_name(a->desc), (unsigned long long)a->frame);
	}
	fprintf(out, "    verdict: %s\n", k->verdict);
}

void cd_text_conns(FILE *out, const struct cd_model *m, int color, size_t max)
{
	size_t shown = 0, failed = 0, failed_hidden = 0;
	if (!m->n_conns)
		return;
	for (size_t i = 0; i < m->n_conns; i++)
		failed += conn_failed(&m->conns[i]);
	fprintf(out, "\n%sTLS CONNECTIONS (%zu, %zu not clean)%s\n", color ? C_BOLD : "", m->n_conns, failed,
		color ? C_RESET : "");
	{
		size_t all, dec, miss, fail;
		cd_conn_tls13_counts(m, &all, &dec, &miss, &fail);
		if (all)
			fprintf(out, "  TLS 1.3: %zu connection%s, %zu decrypted with key log secrets, %zu without secrets, "
				"%zu whose secrets did not decrypt\n",
				all, all == 1 ? "" : "s", dec, miss, fail);
	}
	/* the ones that went wrong first */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < m->n_conns; i++) {
			if (conn_failed(&m->conns[i]) != !pass)
				continue;
			if (shown >= max) {
				failed_hidden += !pass;
				continue;
			}
			text_conn(out, m, &m->conns[i]);
			shown++;
		}
	if (shown < m->n_conns)
		fprintf(out, "\n  and %zu more (%zu of them not clean): see --format json\n", m->n_conns - shown,
			failed_hidden);
}
