/* precheck.c - `certdiag precheck`: simulate the product's upload of one certificate for one
 * purpose (product/precheck.c decides: the product's checks in its order, the verdict;
 * docs/products.md). Exit 0 accepted, 1 rejected or accepted with an error, 2 usage or input
 * error. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli/cli.h"
#include "product/precheck.h"
#include "util/error.h"
#include "util/str.h"

static const char HELP[] =
	"usage: certdiag precheck --product PRODUCT[:VERSION] --purpose PURPOSE --cert FILE\n"
	"                         [--csr FILE] [--trust FILE|DIR]... [OPTIONS]\n"
	"Simulate the upload of FILE to CUCM, IM and Presence or Expressway for PURPOSE, in the\n"
	"order the product checks, print the product's own message for the first blocking failure\n"
	"and every other finding. PURPOSE and PRODUCT match in any case (Tomcat is tomcat).\n\n"
	"  --product P[:V]       cucm, imp or expressway, optionally with a version\n"
	"                        (cucm:12.5(1)SU6, cucm:14SU2, expressway:X8.10, expressway:X15.4)\n"
	"  --purpose PURPOSE     CUCM: tomcat, tomcat-ECDSA, CallManager, CallManager-ECDSA, ipsec,\n"
	"                        CAPF, TVS, ITLRecovery, or a trust store (tomcat-trust, ...);\n"
	"                        IM and Presence: cup, cup-ECDSA, cup-xmpp, cup-xmpp-ECDSA,\n"
	"                        cup-xmpp-s2s, and their -trust stores; Expressway: server, trusted-ca\n"
	"  --cert FILE           the certificate to upload (PEM, DER, PKCS#7)\n"
	"  --csr FILE            the node's pending CSR for PURPOSE (absent: none pending)\n"
	"  --trust FILE|DIR      current content of the target trust store (repeatable): for an\n"
	"                        identity, its <purpose>-trust; for a -trust purpose, that store;\n"
	"                        for Expressway, the trusted CA list\n"
	"  --domain NAME         Expressway: a Unified CM registration / MRA domain (repeatable)\n"
	"  --profile-name NAME   Expressway-C: a secure phone security profile name (repeatable)\n"
	"  --edge, --core        Expressway: the certificate is for an Expressway-E / -C\n"
	"  --host NAME           the name or address peers use to reach the server\n"
	"  --public-roots PATH   Expressway-E: the public roots (store public-roots) to tell a\n"
	"                        public CA from a private one; --system-trust adds the system's\n"
	"  --password-file FILE, --password-env NAME  the password of a PKCS#12 --cert (as for scan)\n"
	"  --at TIME             evaluation time (default now)\n"
	"  -f, --format text|json|sarif|html   -o, --output FILE   --force   --no-color, --color\n"
	"  -q, --quiet           text: only the verdict (and the blocking failure)\n"
	"  --rules GLOBS, --skip-rules GLOBS   narrow the rules run\n"
	"exit: 0 the product would accept the upload (verdict ACCEPT), 1 it would reject it (REJECT)\n"
	"      or accept it with an error about it that breaks a service (ACCEPT WITH ERRORS),\n"
	"      2 usage or input error, or a blocking check did not run (UNKNOWN)\n";

static int usage(const char *fmt, const char *arg)
{
	fprintf(stderr, "certdiag precheck: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\ntry 'certdiag precheck --help'\n");
	return CD_EXIT_USAGE;
}

int cd_cmd_precheck(int argc, char **argv)
{
	struct cd_cli o;
	struct cd_scan_opts so;
	struct cd_scan s;
	struct cd_profiles ps;
	struct cd_precheck pc;
	struct cd_doc d;
	const char *purpose = NULL, *cert = NULL, *csr = NULL;
	char **nargv = calloc((size_t)argc + 1, sizeof(*nargv));
	int nargc = 0, code = CD_EXIT_USAGE;
	char *skip = NULL, *err = NULL;
	struct cd_role_spec *roles = NULL;
	const char **paths = NULL;
	size_t n_paths = 0;

	memset(&s, 0, sizeof(s));
	memset(&ps, 0, sizeof(ps));
	memset(&pc, 0, sizeof(pc));
	memset(&o, 0, sizeof(o));
	if (!nargv)
		return CD_EXIT_USAGE;
	/* take out the options of our own; the rest are the shared ones (cli/options.c) */
	for (int i = 0; i < argc; i++) {
		static const char *const OWN[] = {"--purpose", "--cert", "--csr"};
		const char **dsts[] = {&purpose, &cert, &csr};
		const char **dst = NULL;
		for (size_t k = 0; k < 3 && i > 0; k++) {
			size_t l = strlen(OWN[k]);
			if (!strncmp(argv[i], OWN[k], l) && argv[i][l] == '=') { /* --purpose=tomcat */
				if (*dsts[k]) {
					free(nargv);
					return usage("option '%s' given twice", OWN[k]);
				}
				*dsts[k] = argv[i] + l + 1;
				dst = dsts[k];
			}
		}
		if (dst)
			continue;
		dst = !strcmp(argv[i], "--purpose") ? &purpose
		      : !strcmp(argv[i], "--cert")  ? &cert
		      : !strcmp(argv[i], "--csr")   ? &csr
						    : NULL;
		if (dst && i > 0) {
			if (i + 1 >= argc) {
				free(nargv);
				return usage("option '%s' needs a value", argv[i]);
			}
			if (*dst) {
				free(nargv);
				return usage("option '%s' given twice", argv[i]);
			}
			*dst = argv[++i];
			continue;
		}
		nargv[nargc++] = argv[i];
	}
	if (cd_cli_parse(&o, nargc, nargv, CD_DOC_PRECHECK) < 0)
		goto done;
	if (o.help) {
		fputs(HELP, stdout);
		code = CD_EXIT_OK;
		goto done;
	}
	if (!o.product[0]) {
		code = usage("%s", "--product is required (cucm, imp or expressway[:VERSION])");
		goto done;
	}
	if (!purpose || !cert) {
		code = usage("%s", "--purpose and --cert are required");
		goto done;
	}
	if (o.n_positional) {
		code = usage("unexpected argument '%s' (give files with --cert, --csr, --trust)", o.paths[0]);
		goto done;
	}
	for (size_t i = 0; i < o.n_roles; i++)
		if (strcmp(o.roles[i].role.name, "--trust") &&
		    strcmp(o.roles[i].role.name, "public-roots")) { /* --public-roots is a reference */
			code = usage("%s", "--role does not apply to precheck: use --cert, --csr and --trust");
			goto done;
		}
	if (cd_profiles_load(&ps, &err) < 0) {
		fprintf(stderr, "certdiag precheck: %s\n", err ? err : "out of memory");
		goto done;
	}
	if (cd_precheck_resolve(&pc, &ps, o.product, &o.version, purpose, o.edge) < 0) {
		code = usage("purpose '%s' is not one the product knows (see --help)", purpose);
		goto done;
	}
	roles = calloc(o.n_roles + 2, sizeof(*roles));
	paths = calloc(o.n_roles + 2, sizeof(*paths));
	if (!roles || !paths)
		goto done;
	if (cd_precheck_inputs(&pc, &ps, cert, csr, o.roles, o.n_roles, roles, paths, &n_paths) < 0) {
		code = usage("%s", csr ? "--csr only applies to identity purposes" : "the purpose has no role");
		goto done;
	}
	cd_cli_scan_opts(&o, &so);
	so.paths = paths;
	so.n_paths = n_paths;
	o.more_inputs = paths; /* --output never replaces --cert or --csr */
	o.n_more_inputs = n_paths;
	so.roles = roles;
	so.n_roles = n_paths;
	so.product.upload_path = cert;
	so.product.upload_purpose = pc.purpose;
	so.need_chains = o.writer->needs_chains || o.inventory;
	if (asprintf(&skip, "%s%s%s", o.skip_rules ? o.skip_rules : "", o.skip_rules ? "," : "",
		     cd_precheck_skip(&pc)) < 0) {
		skip = NULL;
		goto done;
	}
	so.eval.skip_rules = skip;
	for (size_t i = 0; i < n_paths; i++) {
		struct stat st;
		/* --cert and --csr are files (a folder would be walked, and nothing in it is "the
		 * upload"); --trust may be either */
		if (stat(paths[i], &st) < 0 || access(paths[i], R_OK) < 0) {
			fprintf(stderr, "certdiag: %s: %s\n", paths[i], strerror(errno));
			goto done;
		}
		if ((paths[i] == cert || paths[i] == csr) && !S_ISREG(st.st_mode)) {
			fprintf(stderr, "certdiag precheck: '%s' is not a file\n", paths[i]);
			goto done;
		}
	}
	if (cd_scan_run(&s, &so, &err) < 0) {
		fprintf(stderr, "certdiag precheck: %s\n", err ? err : "out of memory");
		goto done;
	}
	if (cd_cli_input_errors(&s.model) || s.paths_failed)
		goto done; /* every input decides the verdict: none may be missing */
	if (cd_precheck_judge(&pc, &ps, &s, cert) < 0)
		goto done;
	if (pc.verdict == CD_VERDICT_UNKNOWN && !pc.not_run_unchecked) {
		if (pc.not_run_fatal)
			fprintf(stderr, "certdiag precheck: rule %s could not complete: cannot tell whether the "
					"product accepts the upload\n", pc.not_run);
		else
			fprintf(stderr, "certdiag precheck: the blocking check %s did not run (--rules / "
					"--skip-rules): cannot tell whether the product accepts the upload\n", pc.not_run);
		goto done;
	}
	/* UNKNOWN for want of an input: the report says which and what gives it; exit 2 */
	code = pc.verdict == CD_VERDICT_ACCEPT   ? CD_EXIT_OK
	       : pc.verdict == CD_VERDICT_UNKNOWN ? CD_EXIT_USAGE
						  : CD_EXIT_FINDINGS;
	memset(&d, 0, sizeof(d));
	d.kind = CD_DOC_PRECHECK;
	d.command = "precheck";
	d.at = so.eval.at;
	d.inputs = paths;
	d.n_inputs = n_paths;
	d.model = &s.model;
	d.chains = &s.chains;
	d.report = &s.report;
	d.cat = &s.cat;
	d.exit_code = code;
	d.exit_reason = pc.verdict == CD_VERDICT_UNKNOWN ? "a blocking check was not checked: see the verdict"
							 : "the verdict above";
	d.precheck = &pc;
	if (cd_cli_write(&o, &d) != CD_EXIT_OK)
		code = CD_EXIT_USAGE;
done:
	cd_precheck_release(&pc);
	cd_scan_release(&s);
	cd_profiles_release(&ps);
	free(err);
	free(roles);
	free(paths);
	free(skip);
	cd_cli_release(&o);
	free(nargv);
	return code;
}
