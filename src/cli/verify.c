/* verify.c - `certdiag verify`: like `openssl verify`, but reads every certificate of every
 * file, builds paths with backtracking and explains its verdict. */
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "report/report.h"
#include "util/error.h"

static const char HELP[] =
	"usage: certdiag verify [--trust FILE|DIR]... [--untrusted FILE|DIR]... [--system-trust]\n"
	"                       [--at TIME] [--host NAME] [--purpose server|client|any]\n"
	"                       [--profile rfc5280|webpki|auto] [--format text|json] LEAF\n"
	"Verify the first certificate of LEAF (other certificates in LEAF are untrusted\n"
	"intermediates) against the anchors given with --trust (default: the system trust store).\n"
	"--profile: webpki adds the CA/Browser Forum rules for TLS server certificates to\n"
	"RFC 5280; auto (default) is webpki with --purpose server, rfc5280 otherwise.\n"
	"exit: 0 a valid path exists, 1 none does, 2 usage or input error\n";

int cd_cmd_verify(int argc, char **argv)
{
	struct cd_cli o;
	struct cd_model m;
	struct cd_chains ch;
	struct cd_chain_opts co;
	size_t leaf = SIZE_MAX;
	int code = CD_EXIT_USAGE, named_trust = 0;
	FILE *out = NULL;

	cd_model_init(&m);
	memset(&ch, 0, sizeof(ch));
	if (cd_cli_parse(&o, argc, argv, "text|json") < 0)
		goto done;
	if (o.help) {
		fputs(HELP, stdout);
		code = CD_EXIT_OK;
		goto done;
	}
	/* positional: exactly one LEAF (paths also holds --trust/--untrusted, appended after) */
	if (o.n_positional != 1) {
		fprintf(stderr, "certdiag verify: one LEAF file is needed\n%s", HELP);
		goto done;
	}
	/* with the roles: a LEAF that is also given as --trust (or lies in a --trust folder) is
	 * a trust-store member, as the user said */
	if (cd_ingest_path(&m, o.paths[0], &(struct cd_ingest_opts){.roles = o.roles, .n_roles = o.n_roles}) < 0) {
		fprintf(stderr, "certdiag verify: cannot read '%s'\n", o.paths[0]);
		goto done;
	}
	/* the leaf: the first certificate seen in LEAF */
	for (size_t i = 0; i < m.n_objects && leaf == SIZE_MAX; i++)
		if (m.objects[i]->kind == CD_KIND_CERT)
			leaf = i;
	if (leaf == SIZE_MAX) {
		fprintf(stderr, "certdiag verify: no certificate in '%s'\n", o.paths[0]);
		goto done;
	}
	{
		struct cd_ingest_opts io = {.roles = o.roles, .n_roles = o.n_roles};
		for (size_t i = 1; i < o.n_paths; i++)
			if (cd_ingest_path(&m, o.paths[i], &io) < 0) {
				fprintf(stderr, "certdiag verify: cannot read '%s'\n", o.paths[i]);
				goto done;
			}
	}
	for (size_t i = 0; i < m.n_events; i++)
		if (!strcmp(m.events[i].rule, "ingest.unparseable"))
			fprintf(stderr, "certdiag verify: %s: %s\n", m.events[i].path ? m.events[i].path : "",
				m.events[i].message);
	/* no trust store named: the system's, as openssl verify does */
	for (size_t i = 0; i < o.n_roles && !named_trust; i++)
		named_trust = o.roles[i].role.kind == CD_ROLE_TRUST &&
			      strcmp(o.roles[i].role.name, "public-roots");
	if ((o.system_trust || !named_trust) && cd_ingest_system_trust(&m) == CD_E_NOMEM)
		goto done;
	memset(&co, 0, sizeof(co));
	co.named = o.roles;
	co.n_named = o.n_roles;
	co.system_store = o.system_trust || !named_trust;
	co.at = o.at;
	co.purpose = o.purpose;
	co.host = o.host;
	co.profile = o.profile;
	if (cd_chains_build_one(&ch, &m, &co, leaf) < 0)
		goto done;
	out = cd_cli_open_output(&o);
	if (!out)
		goto done;
	code = ch.chains[0].paths[0].valid ? CD_EXIT_OK : CD_EXIT_FINDINGS;
	if (o.format && !strcmp(o.format, "json")) {
		json_t *j = cd_json_chain(&ch, &m, &ch.chains[0]);
		json_t *empty = json_array();
		for (size_t k = 0; k < ch.n_stores; k++) {
			char note[600];
			if (cd_store_empty_note(&ch, (int)k, note, sizeof(note)))
				json_array_append_new(empty, json_string(note));
		}
		if (json_array_size(empty))
			json_object_set_new(j, "empty_trust_stores", empty);
		else
			json_decref(empty);
		json_dumpf(j, out, JSON_INDENT(2) | JSON_ENSURE_ASCII);
		fputc('\n', out);
		json_decref(j);
	} else {
		fprintf(out, "%s: %s\n", o.paths[0], code == CD_EXIT_OK ? "OK" : "FAILED");
		cd_text_chain(out, &ch, &m, &ch.chains[0], cd_cli_use_color(&o, out));
		for (size_t k = 0; k < ch.n_stores; k++) {
			char note[600];
			if (cd_store_empty_note(&ch, (int)k, note, sizeof(note)))
				fprintf(out, "  note: %s\n", note);
		}
	}
	if (cd_cli_close_output(&o, out) < 0)
		code = CD_EXIT_USAGE;
done:
	cd_chains_release(&ch);
	cd_model_release(&m);
	cd_cli_release(&o);
	return code;
}
