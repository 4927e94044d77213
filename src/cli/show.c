/* show.c - `certdiag show [OPTIONS] PATH...`: decode and print every object. */
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "product/roles.h"
#include "util/error.h"

static const char HELP[] =
	"usage: certdiag show [OPTIONS] PATH...\n"
	"Decode every certificate, CSR, CRL, PKCS#7, PKCS#12, private key (never its contents) and\n"
	"CUCM ITL/CTL file (as `show itl` prints it, signature checked) found in PATH (any format,\n"
	"recognised by content), with fingerprints and where it was found.\n\n"
	"  -f, --format text|json   (default text)\n"
	"  -o, --output FILE        write to FILE (refuses to overwrite without --force)\n"
	"      --force              replace --output (never an input; a link is replaced, not followed)\n"
	"      --at TIME            time against which validity is described (default now)\n"
	"      --role ROLE=PATH     as for scan\n"
	"      --password-file FILE, --password-env NAME  as for scan: open encrypted PKCS#12, keys\n"
	"      --no-color, --color\n"
	"exit: 0 something was decoded, 1 nothing was, 2 usage error or no input readable\n";

int cd_cmd_show(int argc, char **argv)
{
	struct cd_cli o;
	struct cd_scan_opts so;
	struct cd_model m;
	struct cd_doc d;
	struct cd_profiles ps;
	char *err = NULL;
	int code = CD_EXIT_OK, help;
	size_t read_ok = 0;

	if (cd_cli_parse(&o, argc, argv, CD_DOC_SHOW) < 0) {
		cd_cli_release(&o);
		return CD_EXIT_USAGE;
	}
	if (o.help || o.n_paths == 0) {
		help = o.help;
		fputs(HELP, help ? stdout : stderr);
		cd_cli_release(&o);
		return help ? CD_EXIT_OK : CD_EXIT_USAGE;
	}
	/* roles as scan gives them: the layouts and names of the product profiles */
	if (cd_profiles_load(&ps, &err) < 0) {
		fprintf(stderr, "certdiag show: %s\n", err ? err : "out of memory");
		free(err);
		cd_profiles_release(&ps);
		cd_cli_release(&o);
		return CD_EXIT_USAGE;
	}
	cd_cli_scan_opts(&o, &so);
	so.ingest.infer_role = cd_role_infer;
	so.ingest.infer_arg = &ps.roles;
	cd_model_init(&m);
	for (size_t i = 0; i < so.n_paths; i++) {
		int rc = cd_ingest_path(&m, so.paths[i], &so.ingest);
		if (rc == CD_OK)
			read_ok++;
	}
	{
		struct cd_roles_opts ro = {&ps.roles, so.roles, so.n_roles, o.product};
		if (cd_roles_assign(&m, &ro) < 0)
			code = CD_EXIT_USAGE;
	}
	for (size_t i = 0; i < m.n_events; i++) {
		const struct cd_event *e = &m.events[i];
		fprintf(stderr, "certdiag show: %s: %s [%s]\n", e->path ? e->path : "(input)", e->message, e->rule);
	}
	if (cd_cli_input_errors(&m) || !read_ok)
		code = CD_EXIT_USAGE;
	else if (!m.n_objects)
		code = CD_EXIT_FINDINGS;
	memset(&d, 0, sizeof(d));
	d.kind = CD_DOC_SHOW;
	d.command = "show";
	d.at = o.at;
	d.inputs = so.paths;
	d.n_inputs = so.n_paths;
	d.model = &m;
	d.exit_code = code;
	d.exit_reason = "objects decoded";
	if (cd_cli_write(&o, &d) != CD_EXIT_OK)
		code = CD_EXIT_USAGE;
	cd_model_release(&m);
	cd_profiles_release(&ps);
	cd_cli_release(&o);
	return code;
}
