/* compare.c - `certdiag compare OLD NEW`: can the renewed certificate replace the old one
 * without breaking peers (the renewal check of the TechNote "Expressway Certificate Renewal")? Exit 0 yes, 1 no, 2 usage/input error. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli/cli.h"
#include "product/product.h"
#include "report/report.h"
#include "util/error.h"
#include "util/str.h"

static const char HELP[] =
	"usage: certdiag compare [OPTIONS] OLD NEW\n"
	"Compare a renewed certificate (NEW) with the one it replaces (OLD): SAN entries added and\n"
	"removed, extended and plain key usage, issuing CA (AKI), key type and size, validity.\n"
	"Runs expressway.renewal-san-changed and expressway.renewal-ca-changed on the pair.\n\n"
	"  --trust PATH         the peers' trust lists (repeatable): a new issuing CA they\n"
	"                       already hold does not break them\n"
	"  --at TIME            evaluation time (default now)\n"
	"  -f, --format text|json   -o, --output FILE   --force   --no-color, --color\n"
	"exit: 0 NEW can replace OLD without breaking peers, 1 it cannot, 2 usage or input error\n";

struct change {
	const char *field;
	char old_[640], new_[640];
	json_t *added, *removed; /* arrays or NULL */
	int breaking;
	char note[300];
};

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

static void key_text(const struct cd_pubkey *k, char *out, size_t size)
{
	if (!k->known)
		snprintf(out, size, "unknown");
	else if (k->curve[0])
		snprintf(out, size, "%s %s (%u bits)", k->algo_name, k->curve, k->bits);
	else
		snprintf(out, size, "%s %u bits", k->algo_name, k->bits);
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
		   cd_time_t at, struct change *ch)
{
	size_t n = 0;
	char x[129], y[129];
	/* subject */
	ch[n] = (struct change){.field = "subject"};
	snprintf(ch[n].old_, sizeof(ch[n].old_), "%s", a->subject.display);
	snprintf(ch[n].new_, sizeof(ch[n].new_), "%s", b->subject.display);
	n++;
	/* SAN */
	ch[n] = (struct change){.field = "san"};
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
	ch[n] = (struct change){.field = "extended_key_usage"};
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
	ch[n] = (struct change){.field = "key_usage"};
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
	ch[n] = (struct change){.field = "issuer"};
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
	ch[n] = (struct change){.field = "key"};
	key_text(&a->key, ch[n].old_, sizeof(ch[n].old_));
	key_text(&b->key, ch[n].new_, sizeof(ch[n].new_));
	if (a->key.known && b->key.known && !memcmp(a->key.spki_sha256, b->key.spki_sha256, 32))
		snprintf(ch[n].note, sizeof(ch[n].note), "the same key pair was reused");
	else if (a->key.known && b->key.known && strcmp(a->key.algo_name, b->key.algo_name))
		snprintf(ch[n].note, sizeof(ch[n].note),
			 "another key type: peers must support it (CUCM: -ECDSA purposes need EC, others RSA)");
	n++;
	/* validity */
	ch[n] = (struct change){.field = "validity"};
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
	ch[n] = (struct change){.field = "signature"};
	snprintf(ch[n].old_, sizeof(ch[n].old_), "%s", a->sig_name);
	snprintf(ch[n].new_, sizeof(ch[n].new_), "%s", b->sig_name);
	n++;
	return n;
}

int cd_cmd_compare(int argc, char **argv)
{
	struct cd_cli o;
	struct cd_scan_opts so;
	struct cd_scan s;
	struct cd_role_spec *roles = NULL;
	const char **paths = NULL;
	char *err = NULL;
	int code = CD_EXIT_USAGE, breaking = 0;
	size_t old_i, new_i, n = 0;
	struct change ch[16];
	FILE *out;

	memset(&s, 0, sizeof(s));
	memset(ch, 0, sizeof(ch));
	if (cd_cli_parse(&o, argc, argv, "text|json") < 0) {
		cd_cli_release(&o);
		return CD_EXIT_USAGE;
	}
	if (o.help) {
		fputs(HELP, stdout);
		cd_cli_release(&o);
		return CD_EXIT_OK;
	}
	if (o.n_positional != 2) {
		fprintf(stderr, "certdiag compare: give OLD and NEW\ntry 'certdiag compare --help'\n");
		cd_cli_release(&o);
		return CD_EXIT_USAGE;
	}
	for (size_t i = 0; i < 2; i++)
		if (access(o.paths[i], R_OK) < 0) {
			fprintf(stderr, "certdiag compare: cannot read '%s': %s\n", o.paths[i], strerror(errno));
			cd_cli_release(&o);
			return CD_EXIT_USAGE;
		}
	/* OLD and NEW play the same identity: the renewal rules compare the pair */
	roles = calloc(o.n_roles + 2, sizeof(*roles));
	paths = calloc(o.n_paths + 1, sizeof(*paths));
	if (!roles || !paths)
		goto done;
	for (size_t i = 0; i < 2; i++) {
		cd_role_parse("expressway-server", &roles[i].role);
		roles[i].path = o.paths[i];
	}
	for (size_t i = 0; i < o.n_roles; i++)
		roles[2 + i] = o.roles[i];
	for (size_t i = 0; i < o.n_paths; i++)
		paths[i] = o.paths[i];
	cd_cli_scan_opts(&o, &so);
	so.paths = paths;
	so.ingest.roles = roles;
	so.ingest.n_roles = o.n_roles + 2;
	so.eval.rules = "expressway.renewal-*";
	so.eval.skip_rules = NULL;
	if (cd_scan_run(&s, &so, &err) < 0) {
		fprintf(stderr, "certdiag compare: %s\n", err ? err : "out of memory");
		goto done;
	}
	if (s.paths_failed) { /* a --trust list that cannot be read would change the verdict */
		for (size_t i = 2; i < o.n_paths; i++)
			if (access(o.paths[i], R_OK) < 0)
				fprintf(stderr, "certdiag compare: cannot read '%s': %s\n", o.paths[i],
					strerror(errno));
		goto done;
	}
	old_i = cd_scan_find_upload(&s.model, o.paths[0]);
	new_i = cd_scan_find_upload(&s.model, o.paths[1]);
	if (old_i == SIZE_MAX || new_i == SIZE_MAX) {
		fprintf(stderr, "certdiag compare: no certificate in '%s'\n",
			o.paths[old_i == SIZE_MAX ? 0 : 1]);
		goto done;
	}
	n = diff(&s.model, s.model.objects[old_i]->u.cert, s.model.objects[new_i]->u.cert, o.at, ch);
	for (size_t i = 0; i < n; i++)
		breaking |= ch[i].breaking;
	code = breaking ? CD_EXIT_FINDINGS : CD_EXIT_OK;
	out = cd_cli_open_output(&o);
	if (!out) {
		code = CD_EXIT_USAGE;
		goto done;
	}
	if (o.format && !strcmp(o.format, "json")) {
		json_t *j = cd_json_report(&s, &so, "never", code), *c = json_object(), *a = json_array();
		json_object_set_new(c, "old", json_string(s.model.objects[old_i]->id));
		json_object_set_new(c, "new", json_string(s.model.objects[new_i]->id));
		json_object_set_new(c, "verdict", json_string(breaking ? "breaking" : "compatible"));
		for (size_t i = 0; i < n; i++) {
			json_t *e = json_pack("{s:s,s:s,s:s,s:b,s:b}", "field", ch[i].field, "old", ch[i].old_,
					      "new", ch[i].new_, "changed",
					      strcmp(ch[i].old_, ch[i].new_) != 0 ||
						      json_array_size(ch[i].added) + json_array_size(ch[i].removed) > 0,
					      "breaking", ch[i].breaking);
			if (ch[i].added)
				json_object_set(e, "added", ch[i].added);
			if (ch[i].removed)
				json_object_set(e, "removed", ch[i].removed);
			json_object_set_new(e, "note", ch[i].note[0] ? json_string(ch[i].note) : json_null());
			json_array_append_new(a, e);
		}
		json_object_set_new(c, "changes", a);
		json_object_set_new(j, "compare", c);
		json_dumpf(j, out, JSON_INDENT(2) | JSON_ENSURE_ASCII);
		fputc('\n', out);
		json_decref(j);
	} else {
		int col = cd_cli_use_color(&o, out);
		struct cd_text_style st = {col, 0, "never", code, "the verdict above"};
		fprintf(out, "compare: %s (%s) -> %s (%s)\n", cd_object_label(s.model.objects[old_i]),
			s.model.objects[old_i]->id, cd_object_label(s.model.objects[new_i]),
			s.model.objects[new_i]->id);
		if (old_i == new_i)
			fprintf(out, "note: OLD and NEW hold the same certificate\n");
		fprintf(out, "verdict: %s\n",
			breaking ? "BREAKING - the new certificate cannot replace the old one as it is"
				 : "COMPATIBLE - the new certificate can replace the old one");
		for (size_t i = 0; i < n; i++) {
			int same = !strcmp(ch[i].old_, ch[i].new_) &&
				   json_array_size(ch[i].added) + json_array_size(ch[i].removed) == 0;
			fprintf(out, "  %-19s %s\n", ch[i].field,
				same ? "same" : ch[i].breaking ? "CHANGED (breaks peers)" : "changed");
			if (!same) {
				fprintf(out, "      old: %s\n      new: %s\n", ch[i].old_, ch[i].new_);
				for (int k = 0; k < 2; k++) {
					json_t *arr = k ? ch[i].removed : ch[i].added;
					size_t idx;
					json_t *v;
					if (!json_array_size(arr))
						continue;
					fprintf(out, "      %s:", k ? "removed" : "added");
					json_array_foreach(arr, idx, v)
						fprintf(out, " %s", json_string_value(v));
					fputc('\n', out);
				}
			}
			if (ch[i].note[0])
				fprintf(out, "      note: %s\n", ch[i].note);
		}
		fputc('\n', out);
		cd_text_report(out, &s, &so, &st);
	}
	if (cd_cli_close_output(&o, out) < 0)
		code = CD_EXIT_USAGE;
done:
	for (size_t i = 0; i < sizeof(ch) / sizeof(ch[0]); i++) {
		json_decref(ch[i].added);
		json_decref(ch[i].removed);
	}
	cd_scan_release(&s);
	free(err);
	free(roles);
	free(paths);
	cd_cli_release(&o);
	return code;
}
