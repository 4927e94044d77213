/* scan.c - `certdiag scan [OPTIONS] [PATH...]`: the main job. */
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "util/error.h"

static const char HELP[] =
	"usage: certdiag scan [OPTIONS] [PATH...]\n"
	"Ingest every certificate, CSR, CRL, PKCS#7, PKCS#12 and key under PATH (files,\n"
	"directories, archives; default: the current directory), match log files against the\n"
	"known log signatures, run every rule and report.\n\n"
	"  -f, --format FORMAT      text (default), json, sarif (SARIF 2.1.0 for CI), html (one\n"
	"                           self-contained page; use --output) or dot (the certificate graph)\n"
	"  -o, --output FILE        write the report to FILE (refuses to overwrite without --force)\n"
	"      --force              replace --output (never an input; a link is replaced, not followed)\n"
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
	"                           expressway-e, expressway-c, expressway-trusted-ca; @NODE optional\n"
	"      --product P[:VERSION]  cucm, imp or expressway: run that family's product rules\n"
	"                           (versions: cucm:12.5(1)SU6, cucm:14SU2, expressway:X8.10)\n"
	"      --domain NAME        Expressway: an MRA / Unified CM domain (repeatable)\n"
	"      --profile-name NAME  Expressway-C: a secure phone profile name (repeatable)\n"
	"      --edge, --core       Expressway: server certificates are of an -E / a -C\n"
	"      --keylog FILE        TLS key log (SSLKEYLOGFILE / NSS key log format): decrypt the\n"
	"                           TLS 1.3 handshakes of captures with it; repeatable\n"
	"      --password-file FILE  passwords for encrypted PKCS#12 files and PKCS#8 keys, one a\n"
	"                           line (tried after the empty one; never printed); repeatable\n"
	"      --password-env NAME  the same, from environment variable NAME; repeatable\n"
	"      --signatures FILE|DIR  add log signatures (YAML, docs/signatures.md) to the\n"
	"                           built-in ones; tried first; repeatable\n"
	"      --no-color, --color  colour (default: only on a terminal, and not with NO_COLOR)\n"
	"  -q, --quiet              text: print only the summary line\n"
	"      --brief              text: one line per finding, without why and fix\n"
	"      --inventory          text: add the inventory (per node and store, every\n"
	"                           certificate with its chain status; always in json and html)\n"
	"exit: 0 clean, 1 findings at or above --fail-on, 2 usage error or an input that cannot\n"
	"be read (named on stderr; the other inputs are still reported)\n";

int cd_cmd_scan(int argc, char **argv)
{
	struct cd_cli o;
	struct cd_scan_opts so;
	struct cd_scan s;
	struct cd_doc d;
	char *err = NULL;
	int code;

	if (cd_cli_parse(&o, argc, argv, CD_DOC_SCAN) < 0) {
		cd_cli_release(&o);
		return CD_EXIT_USAGE;
	}
	if (o.help) {
		fputs(HELP, stdout);
		cd_cli_release(&o);
		return CD_EXIT_OK;
	}
	if (!o.n_paths) /* the default input; --output refuses to replace what it read */
		o.paths[o.n_paths++] = ".";
	cd_cli_scan_opts(&o, &so);
	so.need_chains = o.writer->needs_chains || o.inventory;
	if (cd_scan_run(&s, &so, &err) < 0) {
		fprintf(stderr, "certdiag scan: %s\n", err ? err : "out of memory");
		free(err);
		cd_scan_release(&s);
		cd_cli_release(&o);
		return CD_EXIT_USAGE;
	}
	/* an input that cannot be read is an input error (exit 2, as grep); the rest is reported */
	code = cd_cli_input_errors(&s.model) || s.paths_read == 0 ? CD_EXIT_USAGE
								   : cd_cli_exit_for(&s.report, o.fail_on);
	memset(&d, 0, sizeof(d));
	d.kind = CD_DOC_SCAN;
	d.command = "scan";
	d.at = so.eval.at;
	d.inputs = so.paths;
	d.n_inputs = so.n_paths;
	d.model = &s.model;
	d.chains = &s.chains;
	d.report = &s.report;
	d.cat = &s.cat;
	d.exit_code = code;
	d.fail_on = s.model.n_input_errors ? NULL : o.fail_on;
	d.exit_reason = s.model.n_input_errors ? "an input could not be read" : NULL;
	if (cd_cli_write(&o, &d) != CD_EXIT_OK)
		code = CD_EXIT_USAGE;
	cd_scan_release(&s);
	cd_cli_release(&o);
	return code;
}
