/* verify.c - `certdiag verify`: like `openssl verify`, but reads every certificate of every
 * file, builds paths with backtracking and explains its verdict. */
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "engine/verify.h"
#include "util/error.h"

static const char HELP[] =
	"usage: certdiag verify [--trust FILE|DIR]... [--untrusted FILE|DIR]... [--system-trust]\n"
	"                       [--at TIME] [--host NAME] [--purpose server|client|any]\n"
	"                       [--profile rfc5280|webpki|auto] [--format text|json|sarif|html] LEAF\n"
	"Verify the end-entity certificate of LEAF (its first one; the first certificate when LEAF\n"
	"holds only CAs; other certificates in LEAF are untrusted intermediates) against the\n"
	"anchors given with --trust (default: the system trust store).\n"
	"--profile: webpki adds the CA/Browser Forum rules for TLS server certificates to\n"
	"RFC 5280; auto (default) is webpki with --purpose server, rfc5280 otherwise.\n"
	"--password-file FILE, --password-env NAME: open a password-protected PKCS#12 LEAF (as scan).\n"
	"exit: 0 a valid path exists, 1 none does, 2 usage or input error\n";

int cd_cmd_verify(int argc, char **argv)
{
	struct cd_cli o;
	struct cd_verify v;
	struct cd_verify_opts vo;
	struct cd_doc d;
	struct cd_catalogue cat;
	char *err = NULL;
	int code = CD_EXIT_USAGE, rc;
	size_t unreadable;

	memset(&v, 0, sizeof(v));
	memset(&cat, 0, sizeof(cat));
	cd_model_init(&v.model);
	if (cd_cli_parse(&o, argc, argv, CD_DOC_VERIFY) < 0)
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
	memset(&vo, 0, sizeof(vo));
	vo.leaf_path = o.paths[0];
	vo.paths = (const char *const *)o.paths + 1;
	vo.n_paths = o.n_paths - 1;
	vo.roles = o.roles;
	vo.n_roles = o.n_roles;
	vo.system_trust = o.system_trust;
	vo.passwords = o.passwords.n ? &o.passwords : NULL;
	memset(&vo.chain, 0, sizeof(vo.chain));
	vo.chain.at = o.at;
	vo.chain.purpose = o.purpose;
	vo.chain.host = o.host;
	vo.chain.profile = o.profile;
	cd_model_release(&v.model);
	rc = cd_verify_run(&v, &vo, &err);
	/* what kept a certificate from being read: damage, or a PKCS#12 locked by its password */
	for (size_t i = 0; i < v.model.n_events; i++)
		if (!strcmp(v.model.events[i].rule, "ingest.unparseable") ||
		    !strcmp(v.model.events[i].rule, "ingest.pkcs12-encrypted"))
			fprintf(stderr, "certdiag verify: %s: %s\n", v.model.events[i].path ? v.model.events[i].path : "",
				v.model.events[i].message);
	if (rc < 0) {
		/* an input that cannot be read is named as scan names it */
		if (!(rc == CD_E_IO && cd_cli_input_errors(&v.model)))
			fprintf(stderr, "certdiag verify: %s\n", err ? err : "out of memory");
		goto done;
	}
	if (v.first != v.leaf)
		fprintf(stderr, "certdiag verify: note: the first certificate of %s, \"%s\", is a CA "
			"certificate: verified the end-entity certificate \"%s\" it holds\n", vo.leaf_path,
			cd_object_label(v.model.objects[v.first]), cd_object_label(v.model.objects[v.leaf]));
	code = v.chains.chains[0].paths[0].valid ? CD_EXIT_OK : CD_EXIT_FINDINGS;
	/* a file under --trust or --untrusted that cannot be read (one of a folder's) is named on
	 * stderr, as scan names it, and the verdict stands on less than was given: exit 2 */
	unreadable = cd_cli_input_errors(&v.model);
	if (unreadable)
		code = CD_EXIT_USAGE;
	memset(&d, 0, sizeof(d));
	d.kind = CD_DOC_VERIFY;
	d.command = "verify";
	d.at = o.at;
	d.inputs = (const char *const *)o.paths;
	d.n_inputs = o.n_paths;
	d.model = &v.model;
	d.chains = &v.chains;
	d.verify = &v.chains.chains[0];
	/* the rules its problems are reported under (SARIF lists the catalogue) */
	if (cd_catalogue_load(&cat, &err) == CD_OK)
		d.cat = &cat;
	d.exit_code = code;
	d.exit_reason = unreadable ? "an input could not be read" : "the verdict";
	if (cd_cli_write(&o, &d) != CD_EXIT_OK)
		code = CD_EXIT_USAGE;
done:
	free(err);
	cd_catalogue_release(&cat);
	cd_verify_release(&v);
	cd_cli_release(&o);
	return code;
}
