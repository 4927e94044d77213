/* compare.c - `certdiag compare OLD NEW`: can the renewed certificate replace the old one
 * without breaking peers (the renewal check of the TechNote "Expressway Certificate Renewal";
 * product/compare.c decides)? Exit 0 yes, 1 no, 2 usage/input error. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli/cli.h"
#include "product/compare.h"
#include "util/error.h"
#include "util/str.h"

static const char HELP[] =
	"usage: certdiag compare [OPTIONS] OLD NEW\n"
	"Compare a renewed certificate (NEW) with the one it replaces (OLD): SAN entries added and\n"
	"removed, extended and plain key usage, issuing CA (AKI), the key (type, size and SPKI\n"
	"SHA-256: a new key pair of the same type is a change), validity.\n"
	"Runs expressway.renewal-san-changed and expressway.renewal-ca-changed on the pair.\n\n"
	"  --trust PATH         the peers' trust lists (repeatable): a new issuing CA they\n"
	"                       already hold does not break them\n"
	"  --at TIME            evaluation time (default now)\n"
	"  -f, --format text|json|html   -o, --output FILE   --force   --no-color, --color\n"
	"exit: 0 NEW can replace OLD without breaking peers, 1 it cannot, 2 usage or input error\n";

int cd_cmd_compare(int argc, char **argv)
{
	struct cd_cli o;
	struct cd_scan_opts so;
	struct cd_scan s;
	struct cd_compare cmp;
	struct cd_doc d;
	struct cd_role_spec *roles = NULL;
	const char **paths = NULL;
	char *err = NULL;
	int code = CD_EXIT_USAGE, which = 0, rc;

	memset(&s, 0, sizeof(s));
	memset(&cmp, 0, sizeof(cmp));
	if (cd_cli_parse(&o, argc, argv, CD_DOC_COMPARE) < 0) {
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
			fprintf(stderr, "certdiag: %s: %s\n", o.paths[i], strerror(errno));
			cd_cli_release(&o);
			return CD_EXIT_USAGE;
		}
	/* OLD and NEW play the same identity: the renewal rules compare the pair */
	roles = calloc(o.n_roles + 2, sizeof(*roles));
	paths = calloc(o.n_paths + 1, sizeof(*paths));
	if (!roles || !paths)
		goto done;
	for (size_t i = 0; i < 2; i++) {
		roles[i].option = i ? "compare's NEW" : "compare's OLD";
		roles[i].role.kind = CD_ROLE_IDENTITY; /* calloc'd: no node */
		roles[i].role.origin = CD_ROLE_FROM_OPTION;
		cd_strlcpy(roles[i].role.name, "expressway-server", sizeof(roles[i].role.name));
		roles[i].path = o.paths[i];
		roles[i].describe = 1; /* a file with its chain: the end-entity certificate only */
	}
	for (size_t i = 0; i < o.n_roles; i++)
		roles[2 + i] = o.roles[i];
	for (size_t i = 0; i < o.n_paths; i++)
		paths[i] = o.paths[i];
	cd_cli_scan_opts(&o, &so);
	so.paths = paths;
	so.roles = roles;
	so.n_roles = o.n_roles + 2;
	so.eval.rules = "expressway.renewal-*";
	/* NEW replaces OLD as the user says, even when its notBefore is the earlier one */
	so.product.renewal_new_path = o.paths[1];
	so.eval.skip_rules = NULL;
	so.need_chains = o.writer->needs_chains || o.inventory;
	if (cd_scan_run(&s, &so, &err) < 0) {
		fprintf(stderr, "certdiag compare: %s\n", err ? err : "out of memory");
		goto done;
	}
	/* a --trust list that cannot be read would change the verdict */
	if (cd_cli_input_errors(&s.model) || s.paths_failed)
		goto done;
	rc = cd_compare_run(&cmp, &s, o.paths[0], o.paths[1], o.at, &which);
	if (rc == CD_E_UNSUPPORTED) {
		fprintf(stderr, "certdiag compare: no certificate in '%s'\n", o.paths[which]);
		goto done;
	}
	if (rc < 0)
		goto done;
	code = cd_report_n_fatal(&s.report) ? CD_EXIT_USAGE : cmp.breaking ? CD_EXIT_FINDINGS : CD_EXIT_OK;
	memset(&d, 0, sizeof(d));
	d.kind = CD_DOC_COMPARE;
	d.command = "compare";
	d.at = o.at;
	d.inputs = paths;
	d.n_inputs = o.n_paths;
	d.model = &s.model;
	d.chains = &s.chains;
	d.report = &s.report;
	d.cat = &s.cat;
	d.exit_code = code;
	d.exit_reason = "the verdict above";
	d.compare = &cmp;
	if (cd_cli_write(&o, &d) != CD_EXIT_OK)
		code = CD_EXIT_USAGE;
done:
	cd_compare_release(&cmp);
	cd_scan_release(&s);
	free(err);
	free(roles);
	free(paths);
	cd_cli_release(&o);
	return code;
}
