/* rules.c - `certdiag rules [ID]`: the catalogue compiled into the binary. */
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "util/error.h"
#include "report/report.h"

static const char HELP[] =
	"usage: certdiag rules [--format text|json|markdown] [ID]\n"
	"List every rule (id, severity, title), or explain one: what the product says, why it\n"
	"matters, what to do, and the source. markdown prints docs/rules.md.\n";

static json_t *rule_json(const struct cd_rule *r)
{
	return json_pack("{s:s,s:s,s:s,s:o,s:o,s:s,s:s,s:s}", "id", r->id, "severity",
			 cd_severity_name(r->severity), "title", r->title, "product_message",
			 r->product_message ? json_string(r->product_message) : json_null(), "applies_to",
			 r->applies_to ? json_string(r->applies_to) : json_null(), "explanation",
			 r->explanation, "remediation", r->remediation, "source", r->source);
}

int cd_cmd_rules(int argc, char **argv)
{
	struct cd_cli o;
	struct cd_catalogue c;
	char *err = NULL;
	int code = CD_EXIT_OK;
	const char *fmt;

	if (cd_cli_parse(&o, argc, argv, "text|json|markdown") < 0) {
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
	fmt = o.format ? o.format : "text";
	if (o.n_paths > 1) {
		fprintf(stderr, "certdiag rules: one rule id at most\n");
		code = CD_EXIT_USAGE;
	} else if (o.n_paths == 1) {
		const struct cd_rule *r = cd_catalogue_find(&c, o.paths[0]);
		if (!r) {
			fprintf(stderr, "certdiag rules: no rule '%s' (see 'certdiag rules')\n", o.paths[0]);
			code = CD_EXIT_USAGE;
		} else if (!strcmp(fmt, "json")) {
			json_t *j = rule_json(r);
			json_dumpf(j, stdout, JSON_INDENT(2));
			putchar('\n');
			json_decref(j);
		} else {
			cd_rule_explain(stdout, r);
		}
	} else if (!strcmp(fmt, "json")) {
		json_t *a = json_array();
		for (size_t i = 0; i < c.n; i++)
			json_array_append_new(a, rule_json(&c.rules[i]));
		json_dumpf(a, stdout, JSON_INDENT(2));
		putchar('\n');
		json_decref(a);
	} else if (!strcmp(fmt, "markdown")) {
		cd_rules_markdown(stdout, &c);
	} else {
		cd_rules_list(stdout, &c);
	}
	cd_catalogue_release(&c);
	cd_cli_release(&o);
	return code;
}
