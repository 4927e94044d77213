/* scan.c - `certdiag scan [OPTIONS] [PATH...]`: the main job. */
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "util/error.h"
#include "report/report.h"

static const char HELP[] =
	"usage: certdiag scan [OPTIONS] [PATH...]\n"
	"Ingest every certificate, CSR, CRL, PKCS#7, PKCS#12 and key under PATH (files,\n"
	"directories, archives; default: the current directory), match log files against the\n"
	"known log signatures, run every rule and report.\n\n"
	"  -f, --format text|json|dot  report format (default text); dot: the certificate graph\n"
	"  -o, --output FILE        write the report to FILE (refuses to overwrite without --force)\n"
	"      --force              overwrite --output\n"
	"      --at TIME            evaluation time (RFC 3339, YYYY-MM-DD or @EPOCH; default now)\n"
	"      --fail-on LEVEL      exit 1 when a finding is at or above LEVEL:\n"
	"                           error (default), warning, info, never\n"
	"      --expiry-warn DAYS   cert.expiring-soon window (default 30)\n"
	"      --trust PATH         certificates under PATH are trust anchors (store \"--trust\")\n"
	"      --system-trust       also use the operating system's trust store (store \"system\")\n"
	"      --public-roots PATH  certificates under PATH are the public roots (store\n"
	"                           \"public-roots\"; expressway.private-ca-for-edge)\n"
	"      --purpose P          server, client or any (default): check extended key usage\n"
	"      --profile P          rfc5280, webpki or auto (default: webpki with --purpose server)\n"
	"      --host NAME          check that leaf certificates cover NAME (DNS or IP)\n"
	"      --rules GLOBS        run only the rules matching these comma-separated globs\n"
	"                           (e.g. 'cert.*,chain.incomplete')\n"
	"      --skip-rules GLOBS   do not run these rules\n"
	"      --role ROLE=PATH     give PATH a role: a unit (tomcat, CallManager-ECDSA, ...),\n"
	"                           a trust store (tomcat-trust, ...), or UNIT.csr; Expressway:\n"
	"                           expressway-e, expressway-c, expressway-trusted-ca; @NODE optional;\n"
	"                           PATH may be inside an archive ('case.zip!/trust/')\n"
	"      --product P[:VERSION]  cucm, imp or expressway: run that family's product rules\n"
	"                           (versions: cucm:12.5(1)SU6, cucm:14SU2, expressway:X8.10)\n"
	"      --domain NAME        Expressway: an MRA / Unified CM domain (repeatable)\n"
	"      --profile-name NAME  Expressway-C: a secure phone profile name (repeatable)\n"
	"      --edge, --core       Expressway: server certificates are of an -E / a -C\n"
	"      --signatures FILE|DIR  add log signatures (YAML, docs/signatures.md) to the\n"
	"                           built-in ones; tried first; repeatable\n"
	"      --no-color, --color  colour (default: only on a terminal, and not with NO_COLOR)\n"
	"  -q, --quiet              text: print only the summary line\n"
	"exit: 0 clean, 1 findings at or above --fail-on, 2 usage error or an input that cannot\n"
	"be read (named on stderr; the other inputs are still reported)\n";

static int exit_for(const struct cd_scan *s, const char *fail_on)
{
	enum cd_severity sev;
	if (cd_report_n_fatal(&s->report))
		return CD_EXIT_USAGE; /* a rule could not complete: the report is not the whole truth */
	if (!strcmp(fail_on, "never"))
		return CD_EXIT_OK;
	cd_severity_parse(fail_on, &sev);
	return cd_report_count_at_least(&s->report, sev) ? CD_EXIT_FINDINGS : CD_EXIT_OK;
}

int cd_cmd_scan(int argc, char **argv)
{
	struct cd_cli o;
	struct cd_scan_opts so;
	struct cd_scan s;
	char *err = NULL;
	char *dot[] = {".", NULL};
	int rc, code;
	FILE *out;

	if (cd_cli_parse(&o, argc, argv, "text|json|dot") < 0) {
		cd_cli_release(&o);
		return CD_EXIT_USAGE;
	}
	if (o.help) {
		fputs(HELP, stdout);
		cd_cli_release(&o);
		return CD_EXIT_OK;
	}
	cd_cli_scan_opts(&o, &so);
	so.need_chains = o.format && !strcmp(o.format, "dot");
	if (!so.n_paths) {
		so.paths = (const char *const *)dot;
		so.n_paths = 1;
	}
	rc = cd_scan_run(&s, &so, &err);
	if (rc < 0) {
		fprintf(stderr, "certdiag scan: %s\n", err ? err : "out of memory");
		free(err);
		cd_scan_release(&s);
		cd_cli_release(&o);
		return CD_EXIT_USAGE;
	}
	/* an input that cannot be read is an input error (exit 2, as grep); the rest is reported */
	code = cd_cli_input_errors(&s.model) || s.paths_read == 0 ? CD_EXIT_USAGE
								   : exit_for(&s, o.fail_on);
	out = cd_cli_open_output(&o);
	if (!out) {
		code = CD_EXIT_USAGE;
	} else {
		if (o.format && !strcmp(o.format, "dot")) {
			cd_dot_graph(out, &s.chains, &s.model);
		} else if (o.format && !strcmp(o.format, "json")) {
			json_t *j = cd_json_report(&s, &so, o.fail_on, code);
			json_dumpf(j, out, JSON_INDENT(2) | JSON_ENSURE_ASCII);
			fputc('\n', out);
			json_decref(j);
		} else {
			struct cd_text_style st = {cd_cli_use_color(&o, out), o.quiet, o.fail_on, code,
						   s.model.n_input_errors ? "an input could not be read" : NULL};
			cd_text_report(out, &s, &so, &st);
		}
		if (cd_cli_close_output(&o, out) < 0)
			code = CD_EXIT_USAGE;
	}
	cd_scan_release(&s);
	cd_cli_release(&o);
	return code;
}
