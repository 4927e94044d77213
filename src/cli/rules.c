/* rules.c - `certdiag rules [ID]`: the catalogue compiled into the binary. */
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "util/error.h"

static const char HELP[] =
	"usage: certdiag rules [--format text|json|markdown] [ID]\n"
	"List every rule (id, severity, title), or explain one: what the product says, why it\n"
	"matters, what to do, and the source. markdown prints docs/rules.md.\n";

int cd_cmd_rules(int argc, char **argv)
{
	struct cd_cli o;
	struct cd_catalogue c;
	char *err = NULL;
	int code = CD_EXIT_OK;

	if (cd_cli_parse(&o, argc, argv, CD_DOC_RULES) < 0) {
		cd_cli_release(&o);
		return CD_EXIT_USAGE;
	}
	if (o.help) {
		fputs(HELP, stdout);
		cd_cli_release(&o);
		return CD_EXIT_OK;
	}
	if (cd_catalogue_load(&c, &err) < 0) {
		fprintf(stderr, "certdiag rules: %s\n", err ? err : "out of memory");
		free(err);
		cd_cli_release(&o);
		return CD_EXIT_USAGE;
	}
	if (o.n_paths > 1) {
		fprintf(stderr, "certdiag rules: one rule id at most\n");
		code = CD_EXIT_USAGE;
	} else {
		struct cd_doc d;
		memset(&d, 0, sizeof(d));
		d.kind = CD_DOC_RULES;
		d.command = "rules";
		d.cat = &c;
		d.rule = o.n_paths == 1 ? cd_catalogue_find(&c, o.paths[0]) : NULL;
		if (o.n_paths == 1 && !d.rule) {
			fprintf(stderr, "certdiag rules: no rule '%s' (see 'certdiag rules')\n", o.paths[0]);
			code = CD_EXIT_USAGE;
		} else if (cd_cli_write(&o, &d) != CD_EXIT_OK) {
			code = CD_EXIT_USAGE;
		}
	}
	cd_catalogue_release(&c);
	cd_cli_release(&o);
	return code;
}
